import type { RedisClient } from '../redis/redis-connection.js';
import { NAME_TTL_SEC, type UserStore } from './user-store.js';

export class RedisUserStore implements UserStore {
  constructor(private readonly redis: RedisClient, private readonly prefix = 'relay:') {}

  async setName(userId: string, name: string): Promise<void> {
    await this.redis.set(`${this.prefix}name:${userId}`, name, 'EX', NAME_TTL_SEC);
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
