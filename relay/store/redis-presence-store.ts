import type { Redis } from 'ioredis';
import type { PresenceEntry, PresenceStore, PresenceTransition } from './presence-store.js';
import {
  PRESENCE_APPLY_LUA,
  PRESENCE_HEARTBEAT_LUA,
  PRESENCE_REAP_LUA,
  PRESENCE_REMOVE_SELF_LUA,
  PRESENCE_RESYNC_LUA,
} from './redis-presence-scripts.js';

type Args = Array<string | number>;
interface ScriptedRedis extends Redis {
  presenceApply(...args: Args): Promise<string[]>;
  presenceResync(...args: Args): Promise<string[]>;
  presenceHeartbeat(...args: Args): Promise<number>;
  presenceReap(...args: Args): Promise<string[]>;
  presenceRemoveSelf(...args: Args): Promise<string[]>;
}

function transitions(flat: string[]): PresenceTransition[] {
  const out: PresenceTransition[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push({ room: flat[i] as string, userId: flat[i + 1] as string, present: flat[i + 2] === '1' });
  return out;
}

export class RedisPresenceStore implements PresenceStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly replicaId: string,
    private readonly replicaTimeoutMs: number,
    private readonly prefix = 'relay:',
  ) {
    for (const [name, lua] of [
      ['presenceApply', PRESENCE_APPLY_LUA],
      ['presenceResync', PRESENCE_RESYNC_LUA],
      ['presenceHeartbeat', PRESENCE_HEARTBEAT_LUA],
      ['presenceReap', PRESENCE_REAP_LUA],
      ['presenceRemoveSelf', PRESENCE_REMOVE_SELF_LUA],
    ] as const) {
      redis.defineCommand(name, { numberOfKeys: 0, lua });
    }
    this.redis = redis as ScriptedRedis;
  }

  async apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]> {
    if (changes.length === 0) return [];
    const args = changes.flatMap((c) => [c.room, c.userId, c.present ? '1' : '0']);
    return transitions(await this.redis.presenceApply(this.prefix, this.replicaId, ...args));
  }

  async usersIn(room: string): Promise<string[]> {
    return this.redis.hkeys(`${this.prefix}presence:${room}`);
  }

  async roomsOf(userId: string): Promise<string[]> {
    return this.redis.smembers(`${this.prefix}urooms:${userId}`);
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    const rooms = await this.redis.smembers(`${this.prefix}prooms`);
    if (rooms.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hlen(`${this.prefix}presence:${room}`));
    const results = (await pipeline.exec()) ?? [];
    return new Map(rooms.map((room, i) => [room, Number(results[i]?.[1] ?? 0)] as const).filter(([, n]) => n > 0));
  }

  async heartbeat(): Promise<boolean> {
    return (await this.redis.presenceHeartbeat(this.prefix, this.replicaId)) === 1;
  }

  async reapDead(): Promise<PresenceTransition[]> {
    return transitions(await this.redis.presenceReap(this.prefix, this.replicaTimeoutMs));
  }

  async resync(held: PresenceEntry[]): Promise<PresenceTransition[]> {
    const args = held.flatMap((e) => [e.room, e.userId]);
    return transitions(await this.redis.presenceResync(this.prefix, this.replicaId, ...args));
  }

  async removeSelf(): Promise<PresenceTransition[]> {
    return transitions(await this.redis.presenceRemoveSelf(this.prefix, this.replicaId));
  }
}
