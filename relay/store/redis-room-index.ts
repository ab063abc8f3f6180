import type { RedisClient } from '../redis/redis-connection.js';
import type { LuaScripts } from './lua-scripts.js';
import { EMPTY_ROOM_TTL_SEC } from './message-store.js';

/**
 * The cluster-wide room lists (lua/room-index.lua): `room-index` bounds how many rooms exist
 * (MAX_ROOMS), `rooms` lists those with history. They are global keys, so in a Redis Cluster
 * they sit on one shard and a room's own scripts (on the room's shard) cannot touch them: each
 * step runs next to the room script it belongs to, and this is why that is safe.
 *
 * - admit (before a new room's first script creates it): counting and adding happen in one
 *   script on the index, so concurrent creations cannot overshoot the bound between them. A room
 *   admitted whose creating script then never runs (the relay died in between) is counted until
 *   its empty-room lifetime ends: the bound errs towards refusing, for EMPTY_ROOM_TTL_SEC at most.
 * - renew (after a join found the room empty): room-head.lua renewed the room's own lifetime, this
 *   renews its index entry, a round trip apart. An index entry that expired just before (both
 *   were set within a round trip of each other) is added back without counting, so the bound can
 *   overshoot by the empty rooms being joined at the very moment their entries expire: a handful
 *   at most, and only while the limit is already reached. Room names that are merely joined
 *   cannot grow past it: a room must be admitted before it is created.
 * - list (after a room's first entry): the room's meta is marked 'listed' only once the lists
 *   have it, so a relay dying in between leaves the room unlisted until its next entry lists it.
 */
export class RedisRoomIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly scripts: LuaScripts,
    private readonly prefix: string,
    private readonly maxRooms: number,
  ) {}

  /** False when maxRooms rooms exist already. */
  async admit(room: string): Promise<boolean> {
    return (await this.step(room, 'admit')) === 1;
  }

  async renew(room: string): Promise<void> {
    await this.step(room, 'renew');
  }

  /**
   * The room has history: index it for good, list it, then mark its meta as listed. The index
   * and the list are two keys (two slots in a cluster) and two idempotent commands.
   */
  async list(room: string, metaKey: string): Promise<void> {
    await Promise.all([this.step(room, 'keep'), this.redis.sadd(`${this.prefix}rooms`, room)]);
    await this.redis.hset(metaKey, 'listed', '1');
  }

  /** Every room that has history. */
  listed(): Promise<string[]> {
    return this.redis.smembers(`${this.prefix}rooms`);
  }

  private step(room: string, step: 'admit' | 'renew' | 'keep'): Promise<number> {
    return this.scripts.run('roomIndex', {
      roomIndex: `${this.prefix}room-index`,
      room,
      step,
      emptyTtlMs: EMPTY_ROOM_TTL_SEC * 1000,
      maxRooms: this.maxRooms,
    });
  }
}
