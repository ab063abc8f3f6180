import type { RedisClient } from '../redis/redis-connection.js';
import { LuaScripts } from './lua-scripts.js';
import type { PresenceEntry, PresencePage, PresenceStore, PresenceTransition } from './presence-store.js';
import { newIncarnation, PresenceKeys, roomOfUroomsField, uroomsField } from './redis-presence-keys.js';
import { RedisPresenceReaper, transitions } from './redis-presence-reaper.js';

export interface RedisPresenceOptions {
  /** Key prefix (tests use their own). */
  prefix?: string;
  /** How often at most the cluster scans for orphaned holdings (redis-presence-reaper.ts). */
  orphanScanMs?: number;
  /**
   * A dead incarnation's room whose release failed. It is retried at the next reap or resync
   * without failing the rest, so nothing else would report the error.
   */
  onReleaseError?: (error: unknown) => void;
}

const byRoom = <T extends PresenceEntry>(entries: readonly T[]) => {
  const rooms = new Map<string, T[]>();
  for (const entry of entries) {
    const list = rooms.get(entry.room);
    if (list) list.push(entry);
    else rooms.set(entry.room, [entry]);
  }
  return rooms;
};

/**
 * Presence on one Redis, under Sentinel or on a Redis Cluster alike: every script touches one
 * room's slot only (layout in lua/presence-holds.lua). Three keys live outside the rooms' slots
 * and are written as separate steps; none of them is something the reaper needs:
 * - `replicas` (heartbeats): a lost entry makes its replica re-register under a new
 *   incarnation at its next beat (the store answers "forgotten", the relay resyncs).
 * - `prooms` (rooms with anyone, for GET /api/rooms): added after a hold's script, so a reader
 *   pruning a room it saw empty (remove, then count again, add back if someone arrived) cannot
 *   drop a room a hold is filling; a crash before the add loses nothing that stays (the
 *   crashed replica's users are reaped). Lost in a failover, it is whole again after each
 *   replica's next resync or periodic re-assertion (every `slowPeriodMs`).
 * - `urooms:{user}` (where a rename sends notices): a field per (room, incarnation), so a
 *   replica only ever writes its own fields and replicas cannot undo each other. Set together
 *   with the hold (a failed set fails the apply, and the resync that follows sets it again),
 *   deleted after the release unless the pair was held again meanwhile. Extra fields (a crash
 *   between the steps) are harmless: roomsOf keeps only rooms where the user is present.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly scripts: LuaScripts;
  private readonly keys: PresenceKeys;
  private readonly reaper: RedisPresenceReaper;
  private incarnation: string;
  private registered = false;
  /** Own incarnations the store forgot, whose leftovers the next resync releases. */
  private previous: string[] = [];
  /** room → users this replica means to hold (what apply was last told). */
  private readonly pairs = new Map<string, Set<string>>();
  /** Rooms where Redis may have something under the current incarnation (a superset). */
  private readonly rooms = new Set<string>();
  private nextReassert = 0;
  /** The orphan scan's period, and how often a replica re-asserts its rooms in `prooms`. */
  private readonly slowPeriodMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly replicaId: string,
    replicaTimeoutMs: number,
    options: RedisPresenceOptions = {},
  ) {
    this.scripts = new LuaScripts(redis);
    this.keys = new PresenceKeys(options.prefix ?? 'relay:');
    this.incarnation = newIncarnation(replicaId);
    this.slowPeriodMs = Math.max(6 * replicaTimeoutMs, 60_000);
    this.reaper = new RedisPresenceReaper(redis, this.scripts, this.keys, {
      timeoutMs: replicaTimeoutMs,
      orphanScanMs: options.orphanScanMs ?? this.slowPeriodMs,
      onReleaseError: options.onReleaseError ?? (() => undefined),
    });
  }

  async apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]> {
    if (changes.length === 0) return [];
    const inc = this.incarnation;
    const holds = changes.filter((c) => c.present);
    // A room this replica already holds someone in cannot be pruned from `prooms` meanwhile
    // (its count stayed above 0 since this replica's earlier add): only new rooms need the add.
    const newRooms = new Set(holds.filter((c) => !this.pairs.has(c.room)).map((c) => c.room));
    for (const { room, userId, present } of changes) this.mean(room, userId, present);
    const indexed = this.index(holds, inc);
    // One script per room, all sent at once: a room's changes keep their order on its shard.
    const results = await Promise.all(
      [...byRoom(changes)].map(([room, list]) =>
        this.scripts.run('presenceApply', Object.assign(this.keys.room(room, inc), { room }), list.map((c) => ({ user: c.userId, present: c.present ? '1' : '0' }))),
      ),
    );
    await indexed;
    if (newRooms.size > 0) await this.redis.sadd(this.keys.prooms, ...newRooms);
    // Not awaited: a leave is announced without waiting for it, and a delete that fails only
    // leaves an extra entry, which roomsOf filters out.
    void this.unindex(changes.filter((c) => !c.present), inc).catch(() => undefined);
    return results.flatMap(transitions);
  }

  async count(room: string): Promise<number> {
    return this.redis.hlen(this.roomKeys(room).presence);
  }

  async page(room: string, after: string | undefined, limit: number): Promise<PresencePage> {
    // One more than asked: `next` only when a user really follows, so a client's last page is
    // the one without it rather than an extra empty one.
    const ids = await this.redis.zrangebylex(this.roomKeys(room).order, after === undefined ? '-' : `(${after}`, '+', 'LIMIT', 0, limit + 1);
    const userIds = ids.slice(0, limit);
    return ids.length > limit ? { userIds, next: userIds.at(-1) as string } : { userIds };
  }

  async recent(room: string, limit: number): Promise<{ userIds: string[]; count: number }> {
    const keys = this.roomKeys(room);
    // One script: both read at one point between two presence scripts (one slot, so Cluster
    // allows it), and the ids arrive as strings (a MULTI's came as Buffers, then copied).
    const [count, ...userIds] = await this.scripts.run('presenceRecent', { presence: keys.presence, recent: keys.recent, limit });
    return { userIds, count };
  }

  async touch(room: string, userId: string): Promise<void> {
    await this.scripts.run('presenceTouch', { recent: this.roomKeys(room).recent, user: userId });
  }

  async roomsOf(userId: string): Promise<string[]> {
    const fields = await this.redis.hkeys(this.keys.urooms(userId));
    const rooms = [...new Set(fields.map(roomOfUroomsField))];
    // One command per room, each on its room's shard (no cross-slot pipeline).
    const present = await Promise.all(rooms.map((room) => this.redis.hexists(this.roomKeys(room).presence, userId)));
    return rooms.filter((_, i) => present[i] === 1);
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    const rooms = await this.redis.smembers(this.keys.prooms);
    const counts = await Promise.all(rooms.map((room) => this.redis.hlen(this.roomKeys(room).presence)));
    const empty = rooms.filter((_, i) => counts[i] === 0);
    if (empty.length > 0) await this.prune(empty);
    return new Map(rooms.map((room, i) => [room, counts[i] ?? 0] as const).filter(([, n]) => n > 0));
  }

  async heartbeat(): Promise<boolean> {
    const beat = (replica: string) => this.scripts.run('presenceHeartbeat', { replicas: this.keys.replicas, replica });
    let forgotten = (await beat(this.incarnation)) === 1;
    if (forgotten && this.registered) {
      // Reaped, or the shard lost our entry: the beat just re-registered a name a reaper may
      // be releasing. Take a new one; the resync that follows re-asserts under it and then
      // releases what is left under the old.
      const old = this.incarnation;
      this.previous.push(old);
      this.incarnation = newIncarnation(this.replicaId);
      this.rooms.clear();
      await this.redis.zrem(this.keys.replicas, old);
      forgotten = (await beat(this.incarnation)) === 1;
    }
    this.registered = true;
    if (Date.now() >= this.nextReassert && this.pairs.size > 0) {
      this.nextReassert = Date.now() + this.slowPeriodMs;
      await this.redis.sadd(this.keys.prooms, ...this.pairs.keys());
    }
    // Leftovers of an earlier incarnation that a resync failed to release: resync again.
    return forgotten || this.previous.length > 0;
  }

  async reapDead(): Promise<PresenceTransition[]> {
    return this.reaper.reap(this.incarnation);
  }

  async resync(held: PresenceEntry[]): Promise<PresenceTransition[]> {
    const inc = this.incarnation;
    this.pairs.clear();
    for (const { room, userId } of held) this.mean(room, userId, true);
    await this.index(held, inc);
    const wanted = byRoom(held);
    const flips = await Promise.all([...new Set([...this.rooms, ...wanted.keys()])].map((room) => this.setRoom(room, inc, wanted.get(room) ?? [])));
    if (wanted.size > 0) await this.redis.sadd(this.keys.prooms, ...wanted.keys());
    return [...flips.flat(), ...(await this.forgetPrevious())];
  }

  async removeSelf(): Promise<PresenceTransition[]> {
    const inc = this.incarnation;
    this.pairs.clear();
    const flips = await Promise.all([...this.rooms].map((room) => this.setRoom(room, inc, [])));
    await this.redis.zrem(this.keys.replicas, inc);
    return [...flips.flat(), ...(await this.forgetPrevious())];
  }

  /** Sets what the incarnation holds in one room to exactly `entries`. */
  private async setRoom(room: string, inc: string, entries: readonly PresenceEntry[]): Promise<PresenceTransition[]> {
    const [flat, released] = await this.scripts.run('presenceResync', Object.assign(this.keys.room(room, inc), { room }), entries.map((e) => ({ user: e.userId })));
    if (entries.length === 0 && inc === this.incarnation && !this.pairs.has(room)) this.rooms.delete(room);
    await this.unindex(released.map((userId) => ({ room, userId })), inc);
    return transitions(flat);
  }

  private async forgetPrevious(): Promise<PresenceTransition[]> {
    if (this.previous.length === 0) return [];
    const previous = this.previous;
    // What failed stays, and makes the next heartbeat ask for another resync.
    const { flips, failedFor } = await this.reaper.forgetAll(previous);
    this.previous = this.previous.filter((inc) => !previous.includes(inc) || failedFor.has(inc));
    return flips;
  }

  private mean(room: string, userId: string, present: boolean): void {
    const users = this.pairs.get(room) ?? new Set<string>();
    if (present) {
      users.add(userId);
      this.pairs.set(room, users);
      this.rooms.add(room);
    } else if (users.delete(userId) && users.size === 0) {
      this.pairs.delete(room);
    }
  }

  private async index(entries: readonly PresenceEntry[], inc: string): Promise<void> {
    const field = (e: PresenceEntry) => uroomsField(e.room, inc);
    // On a Redis Cluster each user's entry sits on its own shard: one command each, back to back.
    if (entries.length < 2 || this.redis.isCluster) {
      await Promise.all(entries.map((e) => this.redis.hset(this.keys.urooms(e.userId), field(e), 1)));
      return;
    }
    // A batch of arrivals (a room filling up): one command. Not a pipeline: at 5,000 arrivals its
    // command objects per entry were megabytes of garbage promoted into the old generation (issue 15).
    await this.scripts.run('presenceIndex', {}, entries.map((e) => ({ urooms: this.keys.urooms(e.userId), field: field(e) })));
  }

  /**
   * Drops the rename index's entries of released pairs, unless held again since (a hold sets
   * its entry when it is issued, so one issued after this check lands after this delete).
   */
  private async unindex(entries: readonly PresenceEntry[], inc: string): Promise<void> {
    const gone = entries.filter((e) => inc !== this.incarnation || !this.pairs.get(e.room)?.has(e.userId));
    await Promise.all(gone.map((e) => this.redis.hdel(this.keys.urooms(e.userId), uroomsField(e.room, inc))));
  }

  /** Prunes rooms seen empty; one a hold filled meanwhile is added back (see the class comment). */
  private async prune(rooms: string[]): Promise<void> {
    await this.redis.srem(this.keys.prooms, ...rooms);
    const counts = await Promise.all(rooms.map((room) => this.redis.hlen(this.roomKeys(room).presence)));
    const refilled = rooms.filter((_, i) => (counts[i] ?? 0) > 0);
    if (refilled.length > 0) await this.redis.sadd(this.keys.prooms, ...refilled);
  }

  private roomKeys(room: string) {
    return this.keys.room(room, this.incarnation);
  }
}
