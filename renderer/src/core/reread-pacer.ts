/**
 * When a large room's loaded online list is read again (room-user-pager.ts `reread`), so that it
 * stays true while someone looks at it, and costs nothing while no one does.
 *
 * Why these numbers:
 * - At most one re-read per `REREAD_MIN_MS` (5 s). The relay coalesces `room:presence` to one per
 *   room per PRESENCE_COUNT_MS, 5 s by default, so in constant churn it says "changed" at that
 *   pace anyway: re-reading faster would add load, not truth. A relay or fake that counts more
 *   often cannot make us read more often either.
 * - Plus `REREAD_MS_PER_PAGE` (2 s) per request the last re-read took: a list scrolled to 2,000
 *   users (10 requests of 200) is re-read every 20 s, not every 5, so one viewer averages at most
 *   one request per 2 s whatever they loaded. That keeps us far under the relay's per-user budget
 *   for user pages (HTTP_READS_PER_SEC, 20 by default) and leaves it for scrolling and search.
 * - A random 0–1 s (`JITTER_MS`) before a re-read caused by a count: every member gets the same
 *   `room:presence` at the same moment, and 500 open lists must not ask in the same millisecond.
 *   Opening the panel is one person's act, not a herd, and waits for nothing but the 5 s floor.
 * - With the count standing still, a watched list is read again after `MAX_AGE_MS` (60 s): a
 *   rename changes no count, and the relay sends no notice for it in a large room.
 * - Nothing at all while not watched (panel closed, phone drawer shut, window hidden); a list
 *   that went stale meanwhile is read when it is shown again.
 */
export const REREAD_MIN_MS = 5000;
export const REREAD_MS_PER_PAGE = 2000;
export const JITTER_MS = 1000;
export const MAX_AGE_MS = 60_000;

export interface RereadPacerDeps {
  /** People came or went since the list was read (a count moved, or notices resumed). */
  changed(): boolean;
  /** Epoch ms when the list was read; 0 while nothing is loaded (nothing to re-read). */
  readAt(): number;
  /** Requests the last re-read took. */
  pages(): number;
  /** Something else is loading (a page, a search): try again later rather than race it. */
  busy(): boolean;
  /** The last re-read failed in a way another try will not fix (a bad answer): wait for Retry. */
  blocked(): boolean;
  reread(): Promise<unknown>;
}

export class RereadPacer {
  private watched = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = Infinity;
  private running = false;
  /** When the last re-read ended, and what it cost: the floor for the next one. */
  private lastEndMs = -Infinity;

  constructor(private readonly deps: RereadPacerDeps) {}

  /** Someone sees the list (true) or no longer does (false: any planned re-read is dropped). */
  watch(on: boolean): void {
    if (on === this.watched) return;
    this.watched = on;
    if (on) this.poke(false);
    else this.cancel();
  }

  /**
   * Re-plans after a change of the list or the room. `fromCount`: a `room:presence` caused it,
   * which every member got at once: spread the re-reads.
   */
  poke(fromCount = true): void {
    if (!this.watched || this.running || this.deps.blocked() || this.deps.readAt() === 0) return;
    const now = this.now();
    const floor = this.lastEndMs + Math.max(REREAD_MIN_MS, this.deps.pages() * REREAD_MS_PER_PAGE);
    const due = this.deps.changed()
      ? Math.max(floor, now) + (fromCount ? Math.random() * JITTER_MS : 0)
      : Math.max(floor, this.deps.readAt() + MAX_AGE_MS);
    if (this.timer !== undefined && this.dueAt <= due) return;
    this.cancel();
    this.dueAt = due;
    this.timer = setTimeout(() => void this.fire(), Math.max(0, due - now));
  }

  /** Reads again now (the user's Retry), whatever the pace. */
  async rereadNow(): Promise<void> {
    this.cancel();
    if (this.running) return;
    await this.run();
    this.poke(false);
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.dueAt = Infinity;
    if (!this.watched) return;
    if (this.deps.busy()) {
      this.timer = setTimeout(() => void this.fire(), REREAD_MIN_MS);
      this.dueAt = this.now() + REREAD_MIN_MS;
      return;
    }
    const aged = this.deps.readAt() > 0 && this.now() - this.deps.readAt() >= MAX_AGE_MS;
    if (this.deps.changed() || aged) await this.run();
    this.poke(false);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      await this.deps.reread();
    } finally {
      this.running = false;
      this.lastEndMs = this.now();
    }
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
  }

  private now(): number {
    return Date.now();
  }
}
