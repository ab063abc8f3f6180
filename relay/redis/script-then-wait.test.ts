import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { countWrites } from '../transport/testing/write-counter.js';
import { batchCommandsPerTurn, LATE_BATCH_MS, setLateBatchMs } from './turn-batching.js';
import { RedisScript } from './script-command.js';
import { scriptDidNotRun, scriptThenWait } from './script-then-wait.js';

const redisServer = useRedisServer();
const client = () => redisServer.connect();
// A turn here is one batch however long a loaded CI box pauses it (the relay sends a batch late by
// 1 ms with the next command: turn-batching.ts).
beforeAll(() => setLateBatchMs(100));
afterAll(() => setLateBatchMs(LATE_BATCH_MS));
// Lua calls stay in .lua files (test/architecture); this one only echoes its input.
const bump = new RedisScript("return {'bumped', KEYS[1], ARGV[1]}");

describe('scriptThenWait', () => {
  it('runs the script and WAIT behind it, and answers both (no replica here: WAIT counts 0)', async () => {
    const redis = await client();
    const key = `k-${Math.random()}`;
    const first = await scriptThenWait(redis, bump, [bump.sha, 1, key, 'one'], 0, 1);
    expect(first).toEqual([
      { status: 'fulfilled', value: ['bumped', key, 'one'] },
      { status: 'fulfilled', value: 0 },
    ]);
    // The first run on a socket is an EVAL; later ones are EVALSHA of a script Redis knows.
    const second = await scriptThenWait(redis, bump, [bump.sha, 1, key, 'two'], 0, 1);
    expect(second?.[0]).toEqual({ status: 'fulfilled', value: ['bumped', key, 'two'] });
  });

  it('leaves both in one write on a turn-batched connection', async () => {
    const redis = await client();
    batchCommandsPerTurn(redis);
    await scriptThenWait(redis, bump, [bump.sha, 1, 'warm', 'x'], 0, 1);
    const writes = countWrites(redis.stream as Socket);
    await scriptThenWait(redis, bump, [bump.sha, 1, 'warm', 'x'], 0, 1);
    expect(writes.count).toBe(1);
  });

  it('sends one WAIT per connection per turn, behind all of the turn\'s scripts, and answers every caller', async () => {
    const redis = await client();
    batchCommandsPerTurn(redis);
    await scriptThenWait(redis, bump, [bump.sha, 1, 'warm', 'x'], 0, 1);
    await redis.config('RESETSTAT');
    const answers = await Promise.all([1, 2, 3].map((n) => scriptThenWait(redis, bump, [bump.sha, 1, `k${n}`, 'x'], 0, 1)));
    expect(answers.map((each) => each?.[1])).toEqual([1, 2, 3].map(() => ({ status: 'fulfilled', value: 0 })));
    expect(answers.map((each) => each?.[0])).toEqual([1, 2, 3].map((n) => ({ status: 'fulfilled', value: ['bumped', `k${n}`, 'x'] })));
    const stats = await redis.info('commandstats');
    expect(/cmdstat_wait:calls=(\d+)/.exec(stats)?.[1]).toBe('1');
    expect(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1]).toBe('3');
  });

  it('sends nothing to a node not connected', () => {
    const closed = new Redis(redisServer.server.url, { lazyConnect: true });
    try {
      expect(scriptThenWait(closed, bump, [bump.sha, 1, 'k'], 0, 1)).toBeUndefined();
    } finally {
      closed.disconnect();
    }
  });

  it('tells errors after which the script surely did not run from the others', () => {
    expect(scriptDidNotRun(new Error('NOSCRIPT No matching script. Please use EVAL.'))).toBe(true);
    expect(scriptDidNotRun(new Error('MOVED 3999 127.0.0.1:6381'))).toBe(true);
    expect(scriptDidNotRun(new Error('ASK 3999 127.0.0.1:6381'))).toBe(true);
    expect(scriptDidNotRun(new Error('ERR Error running script: oops'))).toBe(false);
    expect(scriptDidNotRun(new Error('Command timed out'))).toBe(false);
    expect(scriptDidNotRun('MOVED 1 x')).toBe(false);
  });
});
