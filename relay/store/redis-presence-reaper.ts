import type { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import type { LuaScripts } from './lua-scripts.js';
import type { PresenceTransition } from './presence-store.js';
import { incarnationStart, uroomsField, type PresenceKeys } from './redis-presence-keys.js';

/** Flat {room, user, '1' | '0', count} quadruples → transitions. */
export function transitions(flat: Array<string | number>): PresenceTransition[] {
  const out: PresenceTransition[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) {
    out.push({ room: String(flat[i]), userId: String(flat[i + 1]), present: flat[i + 2] === '1', count: Number(flat[i + 3]) });
  }
  return out;
}

/** Every key matching `pattern` on every primary (one Redis: itself). */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const nodes = redis.isCluster ? (redis as Cluster).nodes('master') : [redis];
  const found = await Promise.all(
    nodes.map(async (node) => {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      return keys;
    }),
  );
  return [...new Set(found.flat())];
}

export interface ReaperOptions {
  timeoutMs: number;
  /** How often (at most, cluster-wide) the keyspace is scanned for orphaned holdings. */
  orphanScanMs: number;
  /** Called for each room whose release failed (and will be retried). */
  onReleaseError(error: unknown): void;
}

/**
 * Finds what dead replicas held and releases it, room by room. What a replica incarnation held
 * is only ever read from its held:<inc> sets, which sit in their rooms' slots: a failover that
 * loses one loses the counts it explains with it, so no index on another shard can go stale
 * and leave a ghost user behind.
 *
 * Two ways an incarnation is found dead:
 * - claimed (presence-claim.lua): its heartbeat in `replicas` is older than the timeout. The
 *   claim unregisters it atomically, so one survivor reaps it; its rooms come from a SCAN of
 *   every primary for its held sets (SCAN walks the whole keyspace: measured 0.76 s of Redis
 *   CPU per million keys, in 1000-key steps of under a millisecond that other commands
 *   interleave with; once per dead replica, so rare).
 * - orphaned: held sets of an incarnation `replicas` does not know, registered more than two
 *   timeouts ago. That is a replica that died after the `replicas` shard lost its entry, or a
 *   claimer that died midway. A live replica whose entry was lost re-registers under a new
 *   incarnation at its next beat and releases the old one itself. Found by a full SCAN that
 *   one replica at a time runs, at most every `orphanScanMs` (a lock with that lifetime; a lost
 *   lock only means one more scan, and reaping is idempotent). The incarnation's age is read
 *   from its name (its replica's clock): the two timeouts of margin absorb clock skew.
 *
 * A claim unregisters its incarnations before anything is released, so a release that fails
 * (a command timing out on a loaded shard) must not drop them: they stay in `unreleased` and
 * every later reap releases them again until all their rooms went through (an orphan whose
 * release failed joins them). Each room reports what it flipped as soon as its own script
 * succeeded, whatever the other rooms did: releasing again flips nothing, so a room released
 * but not reported is only reported by a retry that replays the script's record (release()).
 */
export class RedisPresenceReaper {
  constructor(
    private readonly redis: RedisClient,
    private readonly scripts: LuaScripts,
    private readonly keys: PresenceKeys,
    private readonly options: ReaperOptions,
  ) {}

  /** Incarnations this reaper claimed or found orphaned whose release has not gone through yet. */
  private readonly unreleased = new Set<string>();
  /** Rooms whose release call failed, by "<room>\n<incarnation>": retried with replay. */
  private readonly failed = new Map<string, HeldRoom & { since: number }>();

  async reap(ownId: string): Promise<PresenceTransition[]> {
    const claimed = await this.scripts.run('presenceClaim', { replicas: this.keys.replicas, timeoutMs: this.options.timeoutMs });
    for (const incarnation of claimed) this.unreleased.add(incarnation);
    const pending = [...this.unreleased];
    const scanOrphans = (await this.redis.set(`${this.keys.prefix}presence-scan`, ownId, 'PX', this.options.orphanScanMs, 'NX')) === 'OK';
    if (!scanOrphans) return pending.length === 0 ? [] : this.settle(pending, await this.forgetAll(pending));
    const held = await this.held();
    const registered = new Set(await this.redis.zrange(this.keys.replicas, 0, -1));
    const oldEnough = (incarnation: string) => !(Date.now() - incarnationStart(incarnation) <= 2 * this.options.timeoutMs);
    const dead = new Set(pending);
    for (const { incarnation } of held) if (!registered.has(incarnation) && oldEnough(incarnation)) dead.add(incarnation);
    return this.settle(pending, await this.release(held.filter((h) => dead.has(h.incarnation))));
  }

  /**
   * Releases everything the incarnations hold (found by SCAN): the flips of every room that
   * went through, and the incarnations with a room that did not (to be forgotten again).
   */
  async forgetAll(incarnations: readonly string[]): Promise<Released> {
    return this.release((await Promise.all(incarnations.map((incarnation) => this.held(incarnation)))).flat());
  }

  /** What the release flipped; incarnations with a failed room stay (or become) unreleased for the next reap. */
  private settle(incarnations: readonly string[], { flips, failedFor }: Released): PresenceTransition[] {
    for (const incarnation of incarnations) if (!failedFor.has(incarnation)) this.unreleased.delete(incarnation);
    for (const incarnation of failedFor) this.unreleased.add(incarnation);
    return flips;
  }

  private async held(incarnation?: string): Promise<HeldRoom[]> {
    const keys = await scanKeys(this.redis, this.keys.heldPattern(incarnation));
    return keys.flatMap((key) => this.keys.parseHeld(key) ?? []);
  }

  /**
   * One script per room, each atomic; a user released by several reapers at once flips in
   * only one of them. The incarnations are dead, so their rename index entries simply go
   * (after the script, and only tried: an entry left behind, by a failed delete or a reaper
   * dying in between, is one roomsOf filters out). A room whose call failed is called again
   * at the next try with `replay`, even once SCAN no longer finds its held set: the call may
   * have run and only its reply been lost, and the script then reports from its record of
   * whom it released (lua/presence-forget.lua).
   */
  private async release(found: readonly HeldRoom[]): Promise<Released> {
    const held = this.withRetries(found);
    const results = await Promise.allSettled(
      held.map(async ({ room, incarnation, replay }) => {
        const keys = this.keys.forget(room, incarnation);
        const [flat, released] = await this.scripts.run('presenceForget', Object.assign(keys, { room, replay: replay ? '1' : '0', goneTtlMs: GONE_TTL_MS }));
        await Promise.all(released.map((user) => this.redis.hdel(this.keys.urooms(user), uroomsField(room, incarnation)))).catch(() => undefined);
        return transitions(flat);
      }),
    );
    const released: Released = { flips: [], failedFor: new Set() };
    results.forEach((result, i) => {
      const { room, incarnation } = held[i]!;
      const key = heldRoomKey(held[i]!);
      if (result.status === 'fulfilled') {
        released.flips.push(...result.value);
        this.failed.delete(key);
      } else {
        released.failedFor.add(incarnation);
        if (!this.failed.has(key)) this.failed.set(key, { room, incarnation, since: Date.now() });
        this.options.onReleaseError(result.reason);
      }
    });
    return released;
  }

  /**
   * The rooms found, plus those of the same incarnations whose release failed before (marked
   * to replay). A failure older than the script's record of it is dropped: replaying it could
   * no longer report anything.
   */
  private withRetries(found: readonly HeldRoom[]): Array<HeldRoom & { replay: boolean }> {
    const incarnations = new Set(found.map((h) => h.incarnation));
    const out = new Map(found.map((h) => [heldRoomKey(h), { ...h, replay: false }]));
    for (const [key, failure] of this.failed) {
      if (Date.now() - failure.since > GONE_TTL_MS) this.failed.delete(key);
      else if (incarnations.has(failure.incarnation) || this.unreleased.has(failure.incarnation)) out.set(key, { room: failure.room, incarnation: failure.incarnation, replay: true });
    }
    return [...out.values()];
  }
}

/** One room where an incarnation holds users. */
interface HeldRoom {
  room: string;
  incarnation: string;
}

const heldRoomKey = ({ room, incarnation }: HeldRoom) => `${room}\n${incarnation}`;

/**
 * How long a forget call's record of whom it released is kept (and a failed call retried with
 * replay): far beyond the few reaps at heartbeat pace that a lost reply costs.
 */
export const GONE_TTL_MS = 10 * 60_000;

export interface Released {
  /** What the rooms that went through flipped. */
  flips: PresenceTransition[];
  /** Incarnations with a room whose release failed. */
  failedFor: Set<string>;
}
