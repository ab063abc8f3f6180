import type { Command, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { RedisUserStore } from './redis-user-store.js';
import { NAME_TTL_SEC } from './user-store.js';

const redisServer = useRedisServer();

describe('redis user store', () => {
  it('writes the names set while a write is in flight together, in order, each with its lifetime', async () => {
    const { redis } = redisServer;
    const store = new RedisUserStore(redis, 'burst:');
    await redis.ping();
    const writes = countWrites(redis);
    const first = store.setName('u0', 'First');
    const rest = Array.from({ length: 50 }, (_, i) => store.setName(`u${i % 10}`, `Name ${i}`));
    await Promise.all([first, ...rest]);
    writes.stop();
    // The first alone, the 50 set while it was in flight in one command: two writes, not 51.
    expect(writes.names).toEqual(['set', 'evalsha']);
    const names = await store.getNames(Array.from({ length: 10 }, (_, i) => `u${i}`));
    // The last name set for each user wins: the queue keeps the order.
    expect([...names.values()]).toEqual(Array.from({ length: 10 }, (_, i) => `Name ${40 + i}`));
    expect(await redis.ttl('burst:name:u3')).toBeGreaterThan(NAME_TTL_SEC - 10);
    expect(await redis.ttl('burst:name:u0')).toBeGreaterThan(NAME_TTL_SEC - 10);
  });

  it('fails the names of a failed write, and writes the next ones', async () => {
    const { redis } = redisServer;
    const store = new RedisUserStore(redis, 'fail:');
    const real = redis.sendCommand.bind(redis);
    let failNext = true;
    redis.sendCommand = ((command: Command, ...rest: unknown[]) => {
      if (failNext && command.name === 'evalsha') {
        failNext = false;
        command.reject(new Error('redis down'));
        return command.promise;
      }
      return (real as (...args: unknown[]) => unknown)(command, ...rest);
    }) as Redis['sendCommand'];
    const first = store.setName('a', 'A');
    const batch = [store.setName('b', 'B'), store.setName('c', 'C')];
    await first;
    await expect(Promise.all(batch)).rejects.toThrow('redis down');
    await store.setName('d', 'D');
    redis.sendCommand = real;
    expect(await store.getNames(['a', 'b', 'c', 'd'])).toEqual(new Map([['a', 'A'], ['d', 'D']]));
  });
});

/** The names of the commands the client sends until `stop` (a script's fallback EVAL not counted): call on a connected client. */
function countWrites(redis: Redis): { names: string[]; stop(): void } {
  const real = redis.sendCommand.bind(redis);
  const names: string[] = [];
  redis.sendCommand = ((command: Command, ...rest: unknown[]) => {
    if (command.name !== 'eval') names.push(command.name);
    return (real as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Redis['sendCommand'];
  return { names, stop: () => void (redis.sendCommand = real) };
}
