import type { RedisClient } from '../redis/redis-connection.js';
import { NAME_TTL_SEC, type UserStore } from './user-store.js';

interface QueuedName {
  key: string;
  name: string;
  resolve(): void;
  reject(error: unknown): void;
}

export class RedisUserStore implements UserStore {
  /** Names waiting for the write in flight to finish. */
  private queued: QueuedName[] = [];
  private writing = false;

  constructor(private readonly redis: RedisClient, private readonly prefix = 'relay:') {}

  /**
   * Every connection stores its name (a new user's, or a resumed one's lifetime refreshed). One
   * write is in flight at a time and the names queued meanwhile go together, as one pipeline (on a
   * Redis Cluster, back to back: the names sit on different shards). Thousands of connections
   * arriving at once (a replica restart) would otherwise cost a Redis round trip, a system call and
   * a wake-up of Redis each. Names are written in the order they were set.
   */
  setName(userId: string, name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ key: `${this.prefix}name:${userId}`, name, resolve, reject });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      const results = await this.write(batch);
      batch.forEach((entry, i) => {
        const result = results[i];
        if (result?.status === 'fulfilled') entry.resolve();
        else entry.reject(result?.reason ?? new Error('the name was not written'));
      });
    }
    this.writing = false;
  }

  private async write(batch: readonly QueuedName[]): Promise<Array<PromiseSettledResult<unknown>>> {
    if (batch.length === 1 || this.redis.isCluster) return Promise.allSettled(batch.map(({ key, name }) => this.redis.set(key, name, 'EX', NAME_TTL_SEC)));
    const pipeline = this.redis.pipeline();
    for (const { key, name } of batch) pipeline.set(key, name, 'EX', NAME_TTL_SEC);
    try {
      const replies = (await pipeline.exec()) ?? [];
      return batch.map((_, i) => {
        const [error] = replies[i] ?? [new Error('the name was not written')];
        return error ? { status: 'rejected', reason: error } : { status: 'fulfilled', value: undefined };
      });
    } catch (error) {
      return batch.map(() => ({ status: 'rejected', reason: error }));
    }
  }

  async getNames(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const keys = userIds.map((id) => `${this.prefix}name:${id}`);
    // In a Redis Cluster the names sit on different shards and MGET would be refused as
    // CROSSSLOT: one GET each there (ioredis sends them back to back, grouped per node).
    const names = this.redis.isCluster ? await Promise.all(keys.map((key) => this.redis.get(key))) : await this.redis.mget(keys);
    const found = new Map<string, string>();
    userIds.forEach((id, i) => {
      const name = names[i];
      if (name) found.set(id, name);
    });
    return found;
  }
}
