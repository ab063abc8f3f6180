import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../test/support/redis-server.js';
import { describePresenceStore } from './presence-store.suite.js';
import { RedisPresenceStore } from './redis-presence-store.js';
import { RedisUserStore } from './redis-user-store.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

function harness(timeoutMs = 10_000) {
  const redis = new Redis(server.url);
  const prefix = `t-${randomUUID()}:`;
  return {
    redis,
    replica: (id: string) => new RedisPresenceStore(redis, id, timeoutMs, prefix),
    users: new RedisUserStore(redis, prefix),
    cleanup: async () => {
      redis.disconnect();
    },
  };
}

describePresenceStore('redis', async () => harness());

describe('redis presence across replicas', () => {
  it('keeps a user present while any replica holds them', async () => {
    const h = harness();
    try {
      const a = h.replica('a');
      const b = h.replica('b');
      expect(await a.apply([{ room: 'lobby', userId: 'u1', present: true }])).toHaveLength(1);
      expect(await b.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([]);
      // The count is the cluster's: a user held by two replicas counts once, each replica's users add up.
      expect(await b.apply([{ room: 'lobby', userId: 'u2', present: true }])).toEqual([{ room: 'lobby', userId: 'u2', present: true, count: 2 }]);
      expect(await a.count('lobby')).toBe(2);
      expect(await b.apply([{ room: 'lobby', userId: 'u2', present: false }])).toEqual([{ room: 'lobby', userId: 'u2', present: false, count: 1 }]);
      expect(await a.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([]);
      expect((await b.page('lobby', undefined, 10)).userIds).toEqual(['u1']);
      expect(await b.apply([{ room: 'lobby', userId: 'u1', present: false }])).toHaveLength(1);
    } finally {
      await h.cleanup();
    }
  });

  it('reaps a replica that stopped heart-beating, and only one reaper reports it', async () => {
    const h = harness(300);
    try {
      const dead = h.replica('dead');
      const alive = h.replica('alive');
      expect(await dead.heartbeat()).toBe(true);
      expect(await dead.heartbeat()).toBe(false);
      await dead.apply([{ room: 'lobby', userId: 'u1', present: true }, { room: 'dev', userId: 'u1', present: true }]);
      await alive.apply([{ room: 'lobby', userId: 'u2', present: true }]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await alive.heartbeat();
      const [first, second] = await Promise.all([alive.reapDead(), h.replica('other').reapDead()]);
      const reaped = [...first, ...second];
      expect(reaped.map((t) => `${t.room}/${t.userId}/${t.present}/${t.count}`).sort()).toEqual(['dev/u1/false/0', 'lobby/u1/false/1']);
      expect(first.length === 0 || second.length === 0).toBe(true);
      expect((await alive.page('lobby', undefined, 10)).userIds).toEqual(['u2']);
      expect(await alive.count('lobby')).toBe(1);
      expect((await alive.recent('lobby', 10)).userIds).toEqual(['u2']);
      // The reaped replica learns it was forgotten at its next heartbeat, so it can re-assert.
      expect(await dead.heartbeat()).toBe(true);
    } finally {
      await h.cleanup();
    }
  });
});
