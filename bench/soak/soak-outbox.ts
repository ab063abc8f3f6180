import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, MessagePayload, MessageResult, ServerToClientEvents } from '../../shared/index.js';
import type { SoakLedger } from './soak-ledger.js';
import type { SoakTally } from './soak-tally.js';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 1000;
/** Answers worth retrying: the relay is busy, or the client is still rejoining. Anything else would be refused forever. */
const RETRYABLE = ['rate_limited', 'unavailable', 'not_in_room'];

/**
 * A soak client's unsent messages, as the web client keeps them: sent in order, one at a time,
 * each retried with its clientId until acked, so a message whose ack was lost with a connection
 * is answered with the stored one (`duplicate: true`) instead of being stored twice.
 */
export class SoakOutbox {
  private readonly queue: MessagePayload[] = [];
  private flushing = false;

  constructor(
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    /** Connected, with every room rejoined: sends would be answered. */
    private readonly canSend: () => boolean,
    /** Where acks are booked (the soak's ledger, or the storm's). */
    private readonly ledger: Pick<SoakLedger, 'onAck'>,
    private readonly tally: SoakTally,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  push(message: MessagePayload): void {
    this.tally.typed += 1;
    this.queue.push(message);
    void this.flush();
  }

  /** Sends what waits while it can; call again once it can send again. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    const { ledger, tally } = this;
    try {
      while (this.queue.length > 0 && this.canSend()) {
        // socket.io-client types the answer of a timeout() emit as the error: the cast says what comes.
        const answer = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message', this.queue[0]!).catch(() => undefined)) as Ack<MessageResult> | undefined;
        if (answer === undefined) {
          tally.ackTimeouts += 1;
        } else if (answer.ok) {
          const m = answer.message;
          ledger.onAck(m.room, m.user.id, m.clientId, m.seq);
          tally.acked += 1;
          if (answer.duplicate) tally.ackedOnRetry += 1;
          this.queue.shift();
        } else {
          const code = answer.error.code;
          tally.refused[code] = (tally.refused[code] ?? 0) + 1;
          if (!RETRYABLE.includes(code)) this.queue.shift();
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    } finally {
      this.flushing = false;
    }
    if (this.queue.length > 0 && this.canSend()) void this.flush();
  }
}
