import type { RedisClient } from '../redis/redis-connection.js';
import { BatchInFlight, type ItemOutcome } from './batch-in-flight.js';
import { LuaScripts } from './lua-scripts.js';
import { NAME_TTL_SEC, type UserStore } from './user-store.js';

interface NameWrite {
  key: string;
  name: string;
}

export class RedisUserStore implements UserStore {
  /**
   * Every connection stores its name (a new user's, or a resumed one's lifetime refreshed); the
   * names set while a write is in flight go together as one command, lua/name-set.lua (on a
   * Redis Cluster, back to back: the names sit on different shards), in the order they were set.
   */
  private readonly names = new BatchInFlight<NameWrite>((batch) => this.write(batch));
  private readonly scripts: LuaScripts;

  constructor(private readonly redis: RedisClient, private readonly prefix = 'relay:') {
    this.scripts = new LuaScripts(redis);
  }

  setName(userId: string, name: string): Promise<void> {
    return this.names.add({ key: `${this.prefix}name:${userId}`, name });
  }

  /** One outcome per name: undefined when it was written. */
  private async write(batch: readonly NameWrite[]): Promise<ItemOutcome[]> {
    if (batch.length === 1 || this.redis.isCluster) {
      const results = await Promise.allSettled(batch.map(({ key, name }) => this.redis.set(key, name, 'EX', NAME_TTL_SEC)));
      return results.map((result) => (result.status === 'rejected' ? (result.reason ?? new Error('the name was not written')) : undefined));
    }
    // One script, not a pipeline: at 5,000 connections a pipeline's command objects per name were
    // megabytes of garbage living long enough to reach the old generation (issue 15).
    await this.scripts.run('nameSet', { ttlSec: NAME_TTL_SEC }, batch);
    return batch.map(() => undefined);
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
