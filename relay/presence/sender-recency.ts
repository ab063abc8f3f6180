import { LocalRateLimiter } from '../limits/local-rate-limiter.js';
import type { PresenceStore } from '../store/presence-store.js';

/** How long a sender stays "recent enough" before another send moves them up again. */
const RECENCY_MS = 10_000;

/**
 * The join answer lists a room's users "most recently joined or sending first". A send moves its
 * user to the front in the store, but at most once per user and room every RECENCY_MS: a chatty
 * user would otherwise add a store write to every message, the relay's hot path, to say what a
 * few seconds do not change.
 */
export class SenderRecency {
  private readonly due = new LocalRateLimiter(1000 / RECENCY_MS, 1);

  constructor(private readonly store: PresenceStore, private readonly onError: (error: unknown) => void) {}

  noteSent(room: string, userId: string): void {
    if (!this.due.take(`${room}\n${userId}`)) return;
    this.store.touch(room, userId).catch(this.onError);
  }
}
