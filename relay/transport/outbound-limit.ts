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
    /** Calls `visit` with every connection (a callback, not an iterable: see `sweep`). */
    private readonly eachConnection: (visit: (conn: object) => void) => void,
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

  /**
   * One pass over every connection, allocating nothing per connection: a generator here made an
   * iterator result per connection, twice a second — at 5,000 idle connections enough garbage
   * surviving into the old generation to show in their RSS (about 0.6 KB each, issue 15).
   */
  sweep(): void {
    this.eachConnection(this.visit);
  }

  private readonly visit = (conn: object): void => void this.check(conn);

  close(): void {
    clearInterval(this.timer);
  }
}
