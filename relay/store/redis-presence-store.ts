import type { Redis } from 'ioredis';
import type { PresenceEntry, PresenceStore, PresenceTransition } from './presence-store.js';
import { LuaScripts } from './lua-scripts.js';

function transitions(flat: string[]): PresenceTransition[] {
  const out: PresenceTransition[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push({ room: flat[i] as string, userId: flat[i + 1] as string, present: flat[i + 2] === '1' });
  return out;
}

/**
 * Presence on Redis, counted per (room, user) by the presence-*.lua scripts; the key layout is
 * described in lua/presence-holds.lua.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly scripts: LuaScripts;

  constructor(
    private readonly redis: Redis,
    private readonly replicaId: string,
    private readonly replicaTimeoutMs: number,
    private readonly prefix = 'relay:',
  ) {
    this.scripts = new LuaScripts(redis);
  }

  async apply(changes: Array<PresenceEntry & { present: boolean }>): Promise<PresenceTransition[]> {
    if (changes.length === 0) return [];
    // Object.assign, not a spread: see RedisMessageStore.entryInput (Node 20 is slow at `{ ...keys, more }`).
    const entries = changes.map((c) => Object.assign(this.entryKeys(c), { room: c.room, user: c.userId, present: c.present ? '1' : '0' }));
    return transitions(await this.scripts.run('presenceApply', { held: this.heldKey(), prooms: this.proomsKey() }, entries));
  }

  async usersIn(room: string): Promise<string[]> {
    return this.redis.hkeys(this.presenceKey(room));
  }

  async roomsOf(userId: string): Promise<string[]> {
    return this.redis.smembers(this.uroomsKey(userId));
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    const rooms = await this.redis.smembers(this.proomsKey());
    if (rooms.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hlen(this.presenceKey(room)));
    const results = (await pipeline.exec()) ?? [];
    return new Map(rooms.map((room, i) => [room, Number(results[i]?.[1] ?? 0)] as const).filter(([, n]) => n > 0));
  }

  async heartbeat(): Promise<boolean> {
    return (await this.scripts.run('presenceHeartbeat', { replicas: this.replicasKey(), replica: this.replicaId })) === 1;
  }

  async reapDead(): Promise<PresenceTransition[]> {
    const input = { replicas: this.replicasKey(), prooms: this.proomsKey(), prefix: this.prefix, timeoutMs: this.replicaTimeoutMs };
    return transitions(await this.scripts.run('presenceReap', input));
  }

  async resync(held: PresenceEntry[]): Promise<PresenceTransition[]> {
    const entries = held.map((e) => Object.assign(this.entryKeys(e), { room: e.room, user: e.userId }));
    return transitions(await this.scripts.run('presenceResync', { held: this.heldKey(), prooms: this.proomsKey(), prefix: this.prefix }, entries));
  }

  async removeSelf(): Promise<PresenceTransition[]> {
    const input = { held: this.heldKey(), prooms: this.proomsKey(), replicas: this.replicasKey(), prefix: this.prefix, replica: this.replicaId };
    return transitions(await this.scripts.run('presenceRemoveSelf', input));
  }

  // The same names are built inside the scripts from the prefix where only Redis knows the room
  // or user (presence-holds.lua's releaseHeldField, presence-reap.lua's held:<replica>).
  private heldKey(): string {
    return `${this.prefix}held:${this.replicaId}`;
  }

  private proomsKey(): string {
    return `${this.prefix}prooms`;
  }

  private replicasKey(): string {
    return `${this.prefix}replicas`;
  }

  private presenceKey(room: string): string {
    return `${this.prefix}presence:${room}`;
  }

  private uroomsKey(userId: string): string {
    return `${this.prefix}urooms:${userId}`;
  }

  private entryKeys(entry: PresenceEntry): { presence: string; urooms: string } {
    return { presence: this.presenceKey(entry.room), urooms: this.uroomsKey(entry.userId) };
  }
}
