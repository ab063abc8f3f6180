import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../test/support/redis-server.js';
import { keySlot } from '../redis/key-slot.js';
import { describeMessageStore, request, SUITE_LIMITS } from './message-store.suite.js';
import { EncodedEntry } from './encoded-entry.js';
import { EMPTY_ROOM_TTL_SEC, RoomLimitError, type RoomAdvance } from './message-store.js';
import { RedisMessageStore } from './redis-message-store.js';
import { describeFollowedSignals } from './followed-signals.suite.js';
import { describeStreamChanges } from './stream-changes.suite.js';

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
describeStreamChanges('redis', createStore);
describeFollowedSignals('redis', createStore);

describe('redis message store specifics', () => {
  it('hands over a stored message, and every signal, with its entry as stored: JSON delivered without parsing it', async () => {
    const { store, cleanup } = await createStore();
    try {
      const seen: RoomAdvance[] = [];
      store.onAdvance((advance) => seen.push(advance));
      await store.follow('raw');
      const outcome = await store.append(request({ room: 'raw', text: 'say "hi" ✓', mentions: ['u-bob'] }));
      if (outcome.status !== 'stored') throw new Error(`not stored: ${outcome.status}`);
      expect(outcome.encoded).toBeInstanceOf(EncodedEntry);
      expect(outcome.encoded).toMatchObject({ room: 'raw', seq: 1, json: JSON.stringify(outcome.message) });
      await expect.poll(() => seen.length).toBe(1);
      expect(seen[0]?.encoded).toBeInstanceOf(EncodedEntry);
      expect(seen[0]?.encoded).toMatchObject({ room: 'raw', seq: 1, json: outcome.encoded?.json });
    } finally {
      await cleanup();
    }
  });

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

describe('redis message store, v1.1 state keys', () => {
  it('keeps the ids and states of kept messages only: both are trimmed with the stream', async () => {
    const limits = { ...SUITE_LIMITS, historyLimit: 5, ratePerSec: 1000, burst: 1000 };
    const { store, redis, cleanup } = await createStore(limits);
    try {
      for (let i = 0; i < 20; i++) {
        const sent = await store.append(request({ room: 'z' }));
        if (sent.status !== 'stored') throw new Error(sent.status);
        await store.change({ id: randomUUID(), room: 'z', user: { id: 'u-r', name: 'R' }, clientId: randomUUID(), time: new Date().toISOString(), kind: 'reaction', targetId: sent.message.id, text: '', editCutoff: '', emoji: '👍', on: true });
      }
      const [ids] = await redis.keys('*room:{z}:ids');
      const [state] = await redis.keys('*room:{z}:state');
      expect([ids, state]).toEqual([expect.any(String), expect.any(String)]);
      expect(await redis.zcard(ids!)).toBeLessThanOrEqual(5);
      expect(await redis.zcard(state!)).toBeLessThanOrEqual(5);
      expect((await store.head('z')).firstSeq).toBe(36);
    } finally {
      await cleanup();
    }
  });

  it('reads entries stored before v1.1 as text messages that never changed', async () => {
    const { store, redis, cleanup } = await createStore();
    try {
      const sent = await store.append(request({ room: 'old' }));
      if (sent.status !== 'stored') throw new Error(sent.status);
      const [log] = await redis.keys('*room:{old}:log');
      const { kind: _k, rev: _r, ...v1 } = sent.message;
      await redis.xadd(log!, '2-0', 'm', JSON.stringify({ ...v1, id: 'v1-id', seq: 2 }));
      expect((await store.range('old', 1, 2, 10))[0]).toMatchObject({ id: 'v1-id', kind: 'text', rev: 2 });
    } finally {
      await cleanup();
    }
  });
});

describe('redis message store memory', () => {
  // 4,000 code points of 4 UTF-8 bytes: whole messages in the dedupe records would be 48 MB here.
  it('keeps 3,000 of the longest messages under 40 MB with HISTORY_LIMIT=200: dedupe records hold no text', async () => {
    const limits = { ...SUITE_LIMITS, historyLimit: 200, ratePerSec: 100_000, burst: 100_000 };
    const { store, redis, cleanup } = await createStore(limits);
    try {
      await redis.flushall();
      const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
      const text = '😀'.repeat(4000);
      for (let i = 0; i < 3000; i += 50) {
        await Promise.all(Array.from({ length: 50 }, () => store.append(request({ room: 'big', text }))));
      }
      const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]) - baseline;
      console.info(`3,000 messages of 16 KB, HISTORY_LIMIT=200: Redis used_memory +${(used / 1024 / 1024).toFixed(1)} MB`);
      expect(used).toBeLessThan(40 * 1024 * 1024);
      // What the 2,800 trimmed messages left behind is their dedupe records, about a hundred bytes each.
      const [key] = (await redis.keys('*dedupe*')).slice(0, 1);
      expect((await redis.get(key!))!.length).toBeLessThan(100);
    } finally {
      await cleanup();
    }
  });
});

describe('redis message store room lifetime', () => {
  it('gives an empty room a lifetime that every join renews, and makes it permanent with its first message', async () => {
    const { store, redis, cleanup } = await createStore();
    try {
      await store.head('quiet');
      const [meta] = await redis.keys('*room:{quiet}:meta');
      const ttl = await redis.pttl(meta!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(EMPTY_ROOM_TTL_SEC * 1000);
      await store.append(request({ room: 'quiet' }));
      expect(await redis.pttl(meta!)).toBe(-1);
      await store.head('quiet');
      expect(await redis.pttl(meta!)).toBe(-1);
    } finally {
      await cleanup();
    }
  });
});

describe('redis message store key layout (Redis Cluster ready)', () => {
  it('puts every key of a room in the room\'s slot: exactly the hash tag {room}', async () => {
    const { store, redis, cleanup } = await createStore({ ...SUITE_LIMITS, maxRooms: 100 });
    try {
      const sent = await store.append(request({ room: 'tagged' }));
      if (sent.status !== 'stored') throw new Error(sent.status);
      await store.change({ id: randomUUID(), room: 'tagged', user: { id: 'u-r', name: 'R' }, clientId: randomUUID(), time: new Date().toISOString(), kind: 'reaction', targetId: sent.message.id, text: '', editCutoff: '', emoji: '👍', on: true });
      await store.markRead('tagged', 'u-r', 1);
      await store.head('tagged-empty');
      const [meta] = await redis.keys('*room:{tagged}:meta');
      const prefix = meta!.slice(0, meta!.indexOf('room:'));
      const roomKeys = (await redis.keys(`${prefix}*`)).filter((key) => key.includes(':room:'));
      expect(roomKeys.length).toBeGreaterThanOrEqual(7);
      for (const key of roomKeys) {
        const room = /:room:\{([^}]+)\}:/.exec(key)?.[1];
        expect(room, key).toMatch(/^tagged(-empty)?$/);
        expect(keySlot(key)).toBe(keySlot(room!));
      }
    } finally {
      await cleanup();
    }
  });
});

describe('redis message store steps outside the room script', () => {
  it('costs one token for an append that fails after its token was taken, and nothing more', async () => {
    const { store, redis, cleanup } = await createStore({ ...SUITE_LIMITS, ratePerSec: 0.01, burst: 4 });
    try {
      expect((await store.append(request({ room: 'ok' }))).status).toBe('stored');
      // A meta that is not a hash makes the room's script fail after the token step.
      const [meta] = await redis.keys('*room:{ok}:meta');
      await redis.set(meta!.replace('{ok}', '{broken}'), 'not a hash');
      await expect(store.append(request({ room: 'broken' }))).rejects.toThrow(/WRONGTYPE/);
      const after = [];
      for (let i = 0; i < 3; i++) after.push((await store.append(request({ room: 'ok' }))).status);
      expect(after).toEqual(['stored', 'stored', 'rate_limited']);
    } finally {
      await cleanup();
    }
  });

  it('lists a room whose listing was lost after its first entry (the relay died in between) with its next entry', async () => {
    const { store, redis, cleanup } = await createStore();
    try {
      await store.append(request({ room: 'unlisted' }));
      const [meta] = await redis.keys('*room:{unlisted}:meta');
      await redis.hdel(meta!, 'listed');
      await redis.srem(`${meta!.slice(0, meta!.indexOf('room:'))}rooms`, 'unlisted');
      expect(await store.rooms()).toEqual([]);
      await store.append(request({ room: 'unlisted' }));
      expect(await store.rooms()).toEqual([{ room: 'unlisted', lastSeq: 2, topic: '' }]);
      expect(await redis.hget(meta!, 'listed')).toBe('1');
    } finally {
      await cleanup();
    }
  });

  it('re-indexes a joined empty room whose index entry expired without counting it, but admits no new room past the bound', async () => {
    const { store, redis, cleanup } = await createStore({ ...SUITE_LIMITS, maxRooms: 1 });
    try {
      await store.head('first');
      const [meta] = await redis.keys('*room:{first}:meta');
      const index = `${meta!.slice(0, meta!.indexOf('room:'))}room-index`;
      // The index entry expires a moment before the room's own meta (set a round trip apart).
      await redis.zrem(index, 'first');
      await store.head('second');
      expect((await store.head('first')).lastSeq).toBe(0);
      // The overshoot this allows: the one rejoined room; new rooms stay refused.
      expect((await redis.zrange(index, 0, -1)).sort()).toEqual(['first', 'second']);
      await expect(store.head('third')).rejects.toBeInstanceOf(RoomLimitError);
      expect((await store.append(request({ room: 'fourth' }))).status).toBe('room_limit');
    } finally {
      await cleanup();
    }
  });
});
