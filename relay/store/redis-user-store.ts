import type { Redis } from 'ioredis';
import { NAME_TTL_SEC, type UserStore } from './user-store.js';

export class RedisUserStore implements UserStore {
  constructor(private readonly redis: Redis, private readonly prefix = 'relay:') {}

  async setName(userId: string, name: string): Promise<void> {
    await this.redis.set(`${this.prefix}name:${userId}`, name, 'EX', NAME_TTL_SEC);
  }

  async getNames(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const names = await this.redis.mget(userIds.map((id) => `${this.prefix}name:${id}`));
    const found = new Map<string, string>();
    userIds.forEach((id, i) => {
      const name = names[i];
      if (name) found.set(id, name);
    });
    return found;
  }
}
