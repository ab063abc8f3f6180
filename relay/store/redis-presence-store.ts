import type { Redis } from 'ioredis';
import type { PresenceEntry, PresencePage, PresenceStore, PresenceTransition } from './presence-store.js';
import { LuaScripts } from './lua-scripts.js';

function transitions(flat: Array<string | number>): PresenceTransition[] {
  const out: PresenceTransition[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) {
    out.push({ room: String(flat[i]), userId: String(flat[i + 1]), present: flat[i + 2] === '1', count: Number(flat[i + 3]) });
  }
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
    // MULTI: both read at one point between two presence scripts (one slot, so Cluster allows it).
    const replies = (await this.redis.multi().zrevrange(keys.recent, 0, limit - 1).hlen(keys.presence).exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    return { userIds: (replies[0]?.[1] ?? []) as string[], count: Number(replies[1]?.[1] ?? 0) };
  }

  async touch(room: string, userId: string): Promise<void> {
    await this.scripts.run('presenceTouch', { recent: this.roomKeys(room).recent, user: userId });
  }

  async roomsOf(userId: string): Promise<string[]> {
    return this.redis.smembers(this.uroomsKey(userId));
  }

  async roomUserCounts(): Promise<Map<string, number>> {
    const rooms = await this.redis.smembers(this.proomsKey());
    if (rooms.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    rooms.forEach((room) => pipeline.hlen(this.roomKeys(room).presence));
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
  // or user (presence-holds.lua's roomKeys and releaseHeldField, presence-reap.lua's held:<replica>).
  private heldKey(): string {
    return `${this.prefix}held:${this.replicaId}`;
  }

  private proomsKey(): string {
    return `${this.prefix}prooms`;
  }

  private replicasKey(): string {
    return `${this.prefix}replicas`;
  }

  /**
   * A room's presence keys (layout in lua/presence-holds.lua, whose roomKeys builds the same
   * names). The hash tag {room} keeps them in one Redis Cluster slot.
   */
  private roomKeys(room: string): { presence: string; order: string; recent: string } {
    const base = `${this.prefix}room:{${room}}:presence`;
    return { presence: base, order: `${base}:order`, recent: `${base}:recent` };
  }

  private uroomsKey(userId: string): string {
    return `${this.prefix}urooms:${userId}`;
  }

  private entryKeys(entry: PresenceEntry): { presence: string; order: string; recent: string; urooms: string } {
    return { ...this.roomKeys(entry.room), urooms: this.uroomsKey(entry.userId) };
  }
}
