import type { LeaveReason } from '../../shared/index.js';
import type { PresenceEntry, PresenceStore, PresenceTransition } from '../store/presence-store.js';
import { BatchInFlight } from '../store/batch-in-flight.js';

export interface PresenceTrackerDeps {
  store: PresenceStore;
  /** How long a dropped connection keeps its user present, so a quick reconnect does not flicker. */
  graceMs: number;
  /** Tells the rooms about users whose cluster-wide presence flipped. */
  announce(flips: PresenceTransition[], leaveReason: LeaveReason): Promise<void>;
  onError(error: unknown): void;
}

const keyOf = (room: string, userId: string) => `${room}\n${userId}`;

/**
 * Counts this replica's connections per (room, user) and tells the store only about 0 ↔ 1
 * changes, so the cluster sees users, not connections. A dropped connection is "held" for the
 * grace period: if the same user comes back here within it, the hold is simply taken over; if
 * they come back through another replica, that replica already counts them when the hold ends.
 */
export class PresenceTracker {
  private readonly counts = new Map<string, number>();
  private readonly holds = new Map<string, NodeJS.Timeout[]>();
  /**
   * One store update in flight at a time; changes made meanwhile go together in the next one (a
   * script per room, not per user): a room filling up (thousands of connections landing in
   * `lobby` after a replica restart) would otherwise cost a Redis round trip per arrival.
   */
  private readonly updates = new BatchInFlight<QueuedChange>((batch) => this.update(batch));
  /** A store update failed: the heartbeat re-asserts the whole local state. */
  needsResync = false;

  constructor(private readonly deps: PresenceTrackerDeps) {}

  enter(room: string, userId: string): Promise<void> {
    const key = keyOf(room, userId);
    const held = this.holds.get(key);
    if (held && held.length > 0) {
      clearTimeout(held.pop());
      if (held.length === 0) this.holds.delete(key);
      return Promise.resolve();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count === 1 ? this.push({ room, userId, present: true }) : Promise.resolve();
  }

  exit(room: string, userId: string, reason: LeaveReason): Promise<void> {
    const key = keyOf(room, userId);
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) {
      this.counts.set(key, count);
      return Promise.resolve();
    }
    if (!this.counts.delete(key)) return Promise.resolve();
    return this.push({ room, userId, present: false }, reason);
  }

  /**
   * A connection dropped (or its session closed): keep the user present for the grace period,
   * then let them go with `reason`. A return of the user within it takes the hold over.
   */
  exitAfterGrace(room: string, userId: string, reason: LeaveReason = 'disconnected'): void {
    const key = keyOf(room, userId);
    const timers = this.holds.get(key) ?? [];
    const timer = setTimeout(() => {
      const list = this.holds.get(key);
      if (list) {
        list.splice(list.indexOf(timer), 1);
        if (list.length === 0) this.holds.delete(key);
      }
      void this.exit(room, userId, reason);
    }, this.deps.graceMs);
    timers.push(timer);
    this.holds.set(key, timers);
  }

  /** What this replica holds, for re-asserting after Redis lost it. */
  held(): PresenceEntry[] {
    return [...this.counts.keys()].map((key) => {
      const at = key.indexOf('\n');
      return { room: key.slice(0, at), userId: key.slice(at + 1) };
    });
  }

  get pendingHolds(): number {
    let total = 0;
    for (const timers of this.holds.values()) total += timers.length;
    return total;
  }

  /** Resolves when every hold has expired and every store update has settled (used by drain). */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pendingHolds > 0 || this.updates.busy) && Date.now() < deadline) {
      // Always yield to the timer queue: the holds end in timers, and a loop that only awaited
      // already-settled promises would spin on microtasks and keep those timers from firing.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** `reason` only matters for leaves; a join has none. Changes keep their order. */
  private push(change: PresenceEntry & { present: boolean }, reason: LeaveReason = 'disconnected'): Promise<void> {
    return this.updates.add({ change, reason });
  }

  /** A failed update fails no caller: the heartbeat re-asserts the whole local state instead. */
  private async update(batch: QueuedChange[]): Promise<[]> {
    let flips: PresenceTransition[];
    try {
      flips = await this.deps.store.apply(batch.map((queued) => queued.change));
    } catch (error) {
      this.needsResync = true;
      this.deps.onError(error);
      return [];
    }
    try {
      for (const [reason, some] of byLeaveReason(flips, batch)) await this.deps.announce(some, reason);
    } catch (error) {
      this.deps.onError(error);
    }
    return [];
  }
}

interface QueuedChange {
  change: PresenceEntry & { present: boolean };
  reason: LeaveReason;
}

/**
 * The flips of one batch in order, cut into runs that share the reason of the leave that caused
 * them (joins take the default), so each run is announced with its reason and nobody's joins and
 * leaves are announced out of order.
 */
function byLeaveReason(flips: PresenceTransition[], batch: readonly QueuedChange[]): Array<[LeaveReason, PresenceTransition[]]> {
  const reasons = new Map<string, LeaveReason>();
  for (const { change, reason } of batch) if (!change.present) reasons.set(keyOf(change.room, change.userId), reason);
  const runs: Array<[LeaveReason, PresenceTransition[]]> = [];
  for (const flip of flips) {
    const reason = flip.present ? 'disconnected' : (reasons.get(keyOf(flip.room, flip.userId)) ?? 'disconnected');
    const last = runs.at(-1);
    if (last?.[0] === reason) last[1].push(flip);
    else runs.push([reason, [flip]]);
  }
  return runs;
}
