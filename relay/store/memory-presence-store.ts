import type { PresenceEntry, PresencePage, PresenceStore, PresenceTransition } from './presence-store.js';

/** Byte-wise, as Redis orders a sorted set's members by lex (the two stores page alike). */
const compareIds = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The index of the first id greater than `after` (or equal, with `inclusive`). */
function firstAfter(sorted: readonly string[], after: string, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareIds(sorted[mid] as string, after);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One room's users, kept so that count, a page and the newest arrivals never walk the room. */
class RoomPresence {
  /** user → their arrival number (the newest arrival has the highest). */
  readonly arrivals = new Map<string, number>();
  /** The same users in id order, for pages (a splice per change: a memmove of microseconds at the sizes one process holds). */
  readonly ordered: string[] = [];
  /** Arrivals, newest last; an entry whose number is no longer the user's is stale (they left). */
  private log: Array<{ userId: string; n: number }> = [];

  add(userId: string, n: number): void {
    this.arrivals.set(userId, n);
    this.ordered.splice(firstAfter(this.ordered, userId), 0, userId);
    this.log.push({ userId, n });
  }

  /** A present user moves to the newest end; their older log entry goes stale. */
  touch(userId: string, n: number): void {
    if (!this.arrivals.has(userId)) return;
    this.arrivals.set(userId, n);
    this.log.push({ userId, n });
    this.compact();
  }

  delete(userId: string): void {
    this.arrivals.delete(userId);
    this.ordered.splice(firstAfter(this.ordered, userId, true), 1);
    this.compact();
  }

  /** Stale entries are dropped once they outnumber the live ones: amortised O(1) per change. */
  private compact(): void {
    if (this.log.length > 2 * this.arrivals.size + 64) this.log = this.log.filter((e) => this.arrivals.get(e.userId) === e.n);
  }

  recent(limit: number): string[] {
    const out: string[] = [];
    for (let i = this.log.length - 1; i >= 0 && out.length < limit; i--) {
      const { userId, n } = this.log[i]!;
      if (this.arrivals.get(userId) === n) out.push(userId);
    }
    return out;
  }
}

/** Presence for the single-process mode: one replica, so no heartbeats and nothing to reap. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, RoomPresence>();
  private arrivalCounter = 0;

  async apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]> {
    const flips: PresenceTransition[] = [];
    for (const { room, userId, present } of changes) {
      const users = this.rooms.get(room) ?? new RoomPresence();
      if (present && !users.arrivals.has(userId)) {
        users.add(userId, ++this.arrivalCounter);
        this.rooms.set(room, users);
        flips.push({ room, userId, present: true, count: users.arrivals.size });
      } else if (!present && users.arrivals.has(userId)) {
        users.delete(userId);
        if (users.arrivals.size === 0) this.rooms.delete(room);
        flips.push({ room, userId, present: false, count: users.arrivals.size });
      }
    }
    return flips;
  }

  async count(room: string): Promise<number> {
    return this.rooms.get(room)?.arrivals.size ?? 0;
  }

  async page(room: string, after: string | undefined, limit: number): Promise<PresencePage> {
    const ordered = this.rooms.get(room)?.ordered ?? [];
    const from = after === undefined ? 0 : firstAfter(ordered, after);
    const userIds = ordered.slice(from, from + limit);
    return from + limit < ordered.length ? { userIds, next: userIds.at(-1) as string } : { userIds };
  }

  async recent(room: string, limit: number): Promise<{ userIds: string[]; count: number }> {
    const users = this.rooms.get(room);
    return { userIds: users?.recent(limit) ?? [], count: users?.arrivals.size ?? 0 };
  }

  async touch(room: string, userId: string): Promise<void> {
    this.rooms.get(room)?.touch(userId, ++this.arrivalCounter);
  }

  async roomsOf(userId: string): Promise<string[]> {
    return [...this.rooms].filter(([, users]) => users.arrivals.has(userId)).map(([room]) => room);
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    return new Map([...this.rooms].map(([room, users]) => [room, users.arrivals.size]));
  }

  async heartbeat(): Promise<boolean> {
    return false;
  }

  async reapDead(): Promise<PresenceTransition[]> {
    return [];
  }

  async resync(held: PresenceEntry[]): Promise<PresenceTransition[]> {
    const wanted = new Set(held.map((e) => `${e.room}\n${e.userId}`));
    const changes: Array<PresenceEntry & { present: boolean }> = [];
    for (const [room, users] of this.rooms) for (const userId of users.arrivals.keys()) if (!wanted.has(`${room}\n${userId}`)) changes.push({ room, userId, present: false });
    for (const entry of held) changes.push({ ...entry, present: true });
    return this.apply(changes);
  }

  async removeSelf(): Promise<PresenceTransition[]> {
    return this.resync([]);
  }
}
