import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { LuaScripts } from './lua-scripts.js';
import { RedisRateLimit, SPARE_IDLE_MS } from './redis-rate-limit.js';

const redisServer = useRedisServer();
/** Practically no refill during a test: every token counted comes from the burst. */
const RATE = 0.001;

function limiter(burst: number, prefix = `t-${randomUUID()}:`) {
  const scripts = new LuaScripts(redisServer.redis);
  const run = vi.spyOn(scripts, 'run');
  const limit = new RedisRateLimit(scripts, prefix, RATE, burst);
  const bucketTokens = async () => Number(await redisServer.redis.hget(`${prefix}bucket:alice`, 'tokens'));
  return { limit, run, prefix, bucketTokens };
}

describe('RedisRateLimit', () => {
  it('takes spares ahead, so most sends do not wait for the bucket, and tops them up in the background', async () => {
    const { limit, run, bucketTokens } = limiter(30);
    try {
      expect(await limit.take('alice')).toBe(true);
      expect(run).toHaveBeenCalledTimes(1); // a first send: its own token only
      expect(await limit.take('alice')).toBe(true);
      expect(run).toHaveBeenCalledTimes(2); // sending again: one token now and 2 spares
      expect(await limit.take('alice')).toBe(true);
      expect(await limit.take('alice')).toBe(true);
      // The third and fourth sends used the spares; the fourth started a top-up of 2 more.
      expect(run).toHaveBeenCalledTimes(3);
      expect(await limit.take('alice')).toBe(true);
      expect(run).toHaveBeenCalledTimes(3);
      // Held tokens are taken from the bucket: 5 used + 1 spare still held here.
      expect(Math.round(await bucketTokens())).toBe(24);
    } finally {
      await limit.close();
    }
  });

  it('never lets a user send more than the bucket holds, across replicas holding spares', async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = limiter(30, prefix).limit;
    const b = limiter(30, prefix).limit;
    try {
      let accepted = 0;
      let refusedInARow = 0;
      for (let i = 0; refusedInARow < 2 && i < 100; i++) {
        if (await (i % 2 === 0 ? a : b).take('alice')) {
          accepted++;
          refusedInARow = 0;
        } else {
          refusedInARow++;
        }
      }
      expect(accepted).toBe(30);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('lets sends that arrive together share the tokens their one request brings: a flood gets the whole burst', async () => {
    const { limit, run } = limiter(30);
    try {
      const answers = await Promise.all(Array.from({ length: 80 }, () => limit.take('alice')));
      expect(answers.filter(Boolean)).toHaveLength(30);
      // Not one request per send: those waiting share the request in flight.
      expect(run.mock.calls.length).toBeLessThan(40);
    } finally {
      await limit.close();
    }
  });

  it('keeps a token given back as a spare, and gives every spare back to the bucket when it closes', async () => {
    const { limit, run, bucketTokens } = limiter(30);
    expect(await limit.take('alice')).toBe(true);
    expect(await limit.take('alice')).toBe(true);
    await limit.giveBack('alice');
    expect(run).toHaveBeenCalledTimes(2);
    // 4 taken from the bucket: one used, one given back and kept here, 2 spares.
    expect(Math.round(await bucketTokens())).toBe(26);
    await limit.close();
    expect(Math.round(await bucketTokens())).toBe(29);
  });

  it('holds no spares for a user who sends now and then: one request per send, nothing to give back', async () => {
    const { limit, run, bucketTokens } = limiter(30);
    try {
      expect(await limit.take('alice')).toBe(true);
      // Past the idle sweep that would have given spares back (it runs every SPARE_IDLE_MS).
      await new Promise((resolve) => setTimeout(resolve, 2 * SPARE_IDLE_MS + 200));
      expect(await limit.take('alice')).toBe(true);
      // Spares taken at the first send would have cost a give-back in between: 3 requests.
      expect(run).toHaveBeenCalledTimes(2);
      expect(Math.round(await bucketTokens())).toBe(28);
    } finally {
      await limit.close();
    }
  });

  it('holds no spares when the configured burst leaves no room above the contract’s 20', async () => {
    const { limit, run, bucketTokens } = limiter(20);
    try {
      for (let i = 0; i < 3; i++) expect(await limit.take('alice')).toBe(true);
      expect(run).toHaveBeenCalledTimes(3);
      expect(Math.round(await bucketTokens())).toBe(17);
      await limit.giveBack('alice');
      expect(Math.round(await bucketTokens())).toBe(18);
    } finally {
      await limit.close();
    }
  });
});
