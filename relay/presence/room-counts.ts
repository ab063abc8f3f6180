import type { PresenceTransition } from '../store/presence-store.js';

export interface RoomCountsDeps {
  /** PRESENCE_NOTICE_MAX: above it a room gets counts instead of notices. */
  noticeMax: number;
  /** PRESENCE_COUNT_MS: at most one `room:presence` per room this often. */
  intervalMs: number;
  /** The rooms' cluster-wide counts, in order. */
  counts(rooms: string[]): Promise<number[]>;
  hasLocalMembers(room: string): boolean;
  /** `room:presence` to this replica's members of the room only (each replica tells its own). */
  emitLocal(room: string, count: number): void;
  /** Tells the other replicas which rooms changed here (nothing to do without them). */
  shareChanged(rooms: string[]): void;
  onError(error: unknown): void;
}

/**
 * `room:presence { room, count }`, coalesced cluster-wide. A large room's joins and leaves send
 * no notices; instead every replica, once per interval, reads the count of the rooms that changed
 * (anywhere in the cluster) and that it has members of, and tells its own members when the count
 * differs from what it told them last. So a member gets at most one count per room per interval
 * whatever the number of replicas or arrivals, and a quiet room costs nothing.
 *
 * Replicas learn of each other's changes once per interval (`shareChanged`, one adapter message
 * per replica with every room that changed), so a count reaches members of other replicas within
 * two intervals. A lost message only delays the count until the room's next change.
 */
export class RoomCounts {
  /** Rooms whose count changed since the last tick: here (to share) and anywhere. */
  private changedHere = new Set<string>();
  private changed = new Set<string>();
  /** The count this replica last sent each room it has members of while above the limit. */
  private readonly told = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: RoomCountsDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Flips caused by this replica. Only rooms at or above the limit can need a count: a room
   * that falls back to the limit may need a last one; smaller rooms got their notices.
   */
  noteFlips(flips: readonly PresenceTransition[]): void {
    for (const flip of flips) {
      if (flip.count < this.deps.noticeMax) continue;
      this.changedHere.add(flip.room);
      this.changed.add(flip.room);
    }
  }

  /** Rooms another replica saw change. */
  noteRemote(rooms: readonly string[]): void {
    for (const room of rooms) this.changed.add(room);
  }

  /** One round; a round still waiting for the store makes this one a no-op, not a pile-up. */
  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A full round after any in flight (shutdown: the other replicas hear of the last changes). */
  async flush(): Promise<void> {
    await this.running;
    await this.tick();
  }

  private async run(): Promise<void> {
    const { deps } = this;
    if (this.changedHere.size > 0) deps.shareChanged([...this.changedHere]);
    const candidates = [...this.changed];
    this.changedHere = new Set();
    this.changed = new Set();
    for (const room of this.told.keys()) if (!deps.hasLocalMembers(room)) this.told.delete(room);
    const rooms = candidates.filter((room) => deps.hasLocalMembers(room));
    if (rooms.length === 0) return;
    let counts: number[];
    try {
      counts = await deps.counts(rooms);
    } catch (error) {
      // Try these rooms again next round rather than leave their members with a stale count.
      for (const room of rooms) this.changed.add(room);
      deps.onError(error);
      return;
    }
    rooms.forEach((room, i) => this.tell(room, counts[i] ?? 0));
  }

  private tell(room: string, count: number): void {
    const last = this.told.get(room);
    if (count > this.deps.noticeMax) {
      if (last === count) return;
      this.told.set(room, count);
      this.deps.emitLocal(room, count);
    } else if (last !== undefined) {
      // Back at or under the limit: notices resume; one last count corrects the members' number.
      this.told.delete(room);
      if (last !== count) this.deps.emitLocal(room, count);
    }
  }
}
