/** What `send` makes of one item of its batch: undefined when it was written, else its error. */
export type ItemOutcome = unknown;

interface Queued<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends one batch at a time; items added while a batch is in flight go together in the next one,
 * in the order they were added. For store writes that come in bursts (thousands of connections
 * landing at once after a replica restart): a round trip per burst instead of one per item.
 *
 * `send` answers one outcome per item (undefined: written); a throw fails the whole batch. Each
 * item's promise settles with its own outcome.
 */
export class BatchInFlight<T> {
  private queued: Array<Queued<T>> = [];
  private sending = false;

  constructor(private readonly send: (items: T[]) => Promise<readonly ItemOutcome[]>) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (!this.sending) void this.sendQueued();
    });
  }

  /** A batch is in flight or waiting. */
  get busy(): boolean {
    return this.sending;
  }

  private async sendQueued(): Promise<void> {
    this.sending = true;
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      let outcomes: readonly ItemOutcome[];
      try {
        outcomes = await this.send(batch.map((queued) => queued.item));
      } catch (error) {
        outcomes = batch.map(() => error ?? new Error('the batch failed'));
      }
      batch.forEach((queued, i) => {
        const error = outcomes[i];
        if (error === undefined) queued.resolve();
        else queued.reject(error);
      });
    }
    this.sending = false;
  }
}
