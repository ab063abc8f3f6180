/** What one arriving message meant to a client's copy of a room. */
export type Arrival = 'new' | 'known' | 'gap';

/**
 * One client's position in one room, as the contract has clients keep it: `held` is the highest
 * seq up to which it holds every message (the `since` it resumes from). Messages that arrive
 * ahead of a gap wait until the gap is filled. Seqs up to `base` came before the client first
 * joined: not owed to it.
 */
export class RoomCursor {
  held: number;
  private readonly ahead = new Set<number>();

  constructor(
    readonly base: number,
    public epoch: string,
  ) {
    this.held = base;
  }

  /**
   * A message for this room, live or from a join answer. `known` means the client already holds
   * it: a duplicate when it came live (the relay delivers each seq once per connection), a
   * harmless overlap when it came in an answer the client asked for. `gap`: it is held for later,
   * and the client should resume from `held`.
   */
  arrive(seq: number): Arrival {
    if (seq <= this.held || this.ahead.has(seq)) return 'known';
    if (seq > this.held + 1) {
      this.ahead.add(seq);
      return 'gap';
    }
    this.held = seq;
    while (this.ahead.delete(this.held + 1)) this.held += 1;
    return 'new';
  }

  /** Messages are missing below some that have arrived. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }
}
