import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { RedisUserStore } from './redis-user-store.js';
import { NAME_TTL_SEC } from './user-store.js';

const redisServer = useRedisServer();

describe('redis user store', () => {
  it('writes the names set while a write is in flight together, in order, each with its lifetime', async () => {
    const { redis } = redisServer;
    const store = new RedisUserStore(redis, 'burst:');
    let pipelines = 0;
    const real = redis.pipeline.bind(redis);
    redis.pipeline = ((...args: Parameters<Redis['pipeline']>) => {
      pipelines++;
      return real(...args);
    }) as Redis['pipeline'];
    const first = store.setName('u0', 'First');
    const rest = Array.from({ length: 50 }, (_, i) => store.setName(`u${i % 10}`, `Name ${i}`));
    await Promise.all([first, ...rest]);
    redis.pipeline = real;
    // The first alone, the 50 set while it was in flight in one pipeline: two writes, not 51.
    expect(pipelines).toBe(1);
    const names = await store.getNames(Array.from({ length: 10 }, (_, i) => `u${i}`));
    // The last name set for each user wins: the queue keeps the order.
    expect([...names.values()]).toEqual(Array.from({ length: 10 }, (_, i) => `Name ${40 + i}`));
    expect(await redis.ttl('burst:name:u3')).toBeGreaterThan(NAME_TTL_SEC - 10);
  });

  it('fails the names of a failed write, and writes the next ones', async () => {
    const { redis } = redisServer;
    const store = new RedisUserStore(redis, 'fail:');
    const real = redis.pipeline.bind(redis);
    let failNext = true;
    redis.pipeline = ((...args: Parameters<Redis['pipeline']>) => {
      const pipeline = real(...args);
      if (failNext) {
        failNext = false;
        pipeline.exec = () => Promise.reject(new Error('redis down'));
      }
      return pipeline;
    }) as Redis['pipeline'];
    const first = store.setName('a', 'A');
    const batch = [store.setName('b', 'B'), store.setName('c', 'C')];
    await first;
    await expect(Promise.all(batch)).rejects.toThrow('redis down');
    await store.setName('d', 'D');
    redis.pipeline = real;
    expect(await store.getNames(['a', 'b', 'c', 'd'])).toEqual(new Map([['a', 'A'], ['d', 'D']]));
  });
});
