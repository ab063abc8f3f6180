import { dropConnection } from './connection-drop.js';
import { outboundBacklogBytes } from './outbound-backlog.js';

export interface OutboundLimitOptions {
  /** A connection with more than this queued is dropped; 0 turns the limit off. */
  maxBytes: number;
  /** How often every connection is looked at (ms). */
  sweepMs: number;
  /** Called for every dropped connection (a metric). */
  onDrop(): void;
}

/**
 * Drops a connection whose outbound backlog passes the limit, the way a lost network would. A
 * client that stopped reading (a frozen tab, a hostile script, a dying link) would otherwise make
 * the relay hold everything sent to it, until the process runs out of memory. Nothing is lost:
 * the room's stream is the truth, and the client resumes with `since` when it reconnects.
 *
 * Connections are checked on a sweep (cheap: two property reads for a connection that keeps up)
 * and right after a large answer is queued (`check`), since one join answer can be half a MB.
 */
export class OutboundLimit {
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connections: () => Iterable<object>,
    private readonly options: OutboundLimitOptions,
  ) {
    if (options.maxBytes > 0) {
      this.timer = setInterval(() => this.sweep(), options.sweepMs);
      this.timer.unref();
    }
  }

  /** Drops `conn` if its backlog is over the limit; true when it did. */
  check(conn: object): boolean {
    if (this.options.maxBytes <= 0 || outboundBacklogBytes(conn) <= this.options.maxBytes) return false;
    this.options.onDrop();
    dropConnection(conn);
    return true;
  }

  sweep(): void {
    for (const conn of this.connections()) this.check(conn);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
