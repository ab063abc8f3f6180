import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../test/support/redis-server.js';
import { describeMessageStore, request, SUITE_LIMITS } from './message-store.suite.js';
import { RedisMessageStore } from './redis-message-store.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

async function createStore(limits = SUITE_LIMITS) {
  const redis = new Redis(server.url, { enableOfflineQueue: true });
  const subscriber = new Redis(server.url);
  // A fresh key prefix per test keeps tests independent on one server.
  const store = new RedisMessageStore(redis, subscriber, limits, `t-${randomUUID()}:`);
  await store.start();
  return {
    store,
    redis,
    cleanup: async () => {
      await store.close();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}

describeMessageStore('redis', createStore);

describe('redis message store specifics', () => {
  it('gives a room a new epoch and restarts seq when Redis lost its data', async () => {
    const { store, redis, cleanup } = await createStore();
    try {
      await store.append(request({ room: 'wiped' }));
      const before = await store.head('wiped');
      await redis.flushall();
      const after = await store.head('wiped');
      expect(after.epoch).not.toBe(before.epoch);
      const next = await store.append(request({ room: 'wiped' }));
      expect(next.status === 'stored' && next.message.seq).toBe(1);
    } finally {
      await cleanup();
    }
  });
});
