/** How many hold periods a room's recent rate is averaged over. */
const WINDOW_HOLDS = 4;

/**
 * Whether a room is busy enough for its deliveries to be held back and written together: more
 * than one message per `holdMs` on average, lately. The rate is an exponentially decayed count of
 * the room's messages (time constant WINDOW_HOLDS × holdMs), so a room turns busy within a few
 * messages of a burst and quiet again a few hold periods after it.
 *
 * Holding saves a write per member per message in a busy room, but in a room with a message now
 * and then (most rooms: a 1:1 chat, a team room) it only adds latency: two people answering at
 * the same moment would have the second answer wait a whole hold for a write it barely saves.
 */
export class RoomPace {
  private level = 0;
  private at = Number.NEGATIVE_INFINITY;
  private readonly window: number;

  constructor(private readonly holdMs: number) {
    this.window = WINDOW_HOLDS * holdMs;
  }

  /** Counts one message arriving at `now` (ms); true when the room is busy. */
  busy(now: number): boolean {
    if (this.holdMs <= 0) return false;
    this.level = this.level * Math.exp((this.at - now) / this.window) + 1;
    this.at = now;
    return this.level > WINDOW_HOLDS;
  }
}
