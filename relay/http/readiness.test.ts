import { describe, expect, it } from 'vitest';
import { createReadiness, type PingableRedis } from './readiness.js';

/** A Redis whose PING answers, fails or hangs as the test says, counting the PINGs sent. */
function fakeRedis() {
  let answer: 'pong' | 'hang' | 'error' = 'pong';
  const hanging: Array<() => void> = [];
  const redis: PingableRedis & { pings: number; answer(mode: typeof answer): void; thaw(): void } = {
    status: 'ready',
    pings: 0,
    ping() {
      redis.pings++;
      if (answer === 'error') return Promise.reject(new Error('Connection is closed.'));
      if (answer === 'hang') return new Promise((resolve) => hanging.push(() => resolve('PONG')));
      return Promise.resolve('PONG');
    },
    answer: (mode) => (answer = mode),
    thaw: () => hanging.splice(0).forEach((resolve) => resolve()),
  };
  return redis;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('readiness', () => {
  it('is ready in memory mode and draining once draining', async () => {
    let draining = false;
    const readiness = createReadiness({ isDraining: () => draining, redis: undefined });
    expect(await readiness()).toBe('ready');
    draining = true;
    expect(await readiness()).toBe('draining');
  });

  it('answers redis_unavailable when PING hangs past the timeout (a frozen Redis), ready again once it answers', async () => {
    const redis = fakeRedis();
    const readiness = createReadiness({ isDraining: () => false, redis, timeoutMs: 30, cacheMs: 0 });
    expect(await readiness()).toBe('ready');
    redis.answer('hang');
    const started = Date.now();
    expect(await readiness()).toBe('redis_unavailable');
    expect(Date.now() - started).toBeLessThan(1000);
    // The hanging PING is not joined by another one.
    expect(await readiness()).toBe('redis_unavailable');
    expect(redis.pings).toBe(2);
    redis.answer('pong');
    redis.thaw();
    await sleep(0);
    expect(await readiness()).toBe('ready');
  });

  it('answers redis_unavailable when PING fails or the connection is not ready', async () => {
    const redis = fakeRedis();
    const readiness = createReadiness({ isDraining: () => false, redis, cacheMs: 0 });
    redis.answer('error');
    expect(await readiness()).toBe('redis_unavailable');
    const down = { status: 'reconnecting', ping: () => Promise.resolve('PONG') };
    expect(await createReadiness({ isDraining: () => false, redis: down })()).toBe('redis_unavailable');
  });

  it('on a Redis Cluster pings every primary: one that hangs or fails makes the replica unavailable', async () => {
    const primaries = [fakeRedis(), fakeRedis(), fakeRedis()];
    const cluster: PingableRedis & { pings: number } = {
      status: 'ready',
      isCluster: true,
      pings: 0,
      // The client's own PING goes to one node at random: it must not be what decides.
      ping: () => {
        cluster.pings++;
        return Promise.resolve('PONG');
      },
      nodes: () => primaries,
    };
    const readiness = createReadiness({ isDraining: () => false, redis: cluster, timeoutMs: 30, cacheMs: 0 });
    expect(await readiness()).toBe('ready');
    expect(primaries.map((p) => p.pings)).toEqual([1, 1, 1]);
    primaries[1]!.answer('hang');
    expect(await readiness()).toBe('redis_unavailable');
    primaries[1]!.answer('pong');
    primaries[1]!.thaw();
    await sleep(0);
    expect(await readiness()).toBe('ready');
    primaries[2]!.answer('error');
    expect(await readiness()).toBe('redis_unavailable');
    expect(cluster.pings).toBe(0);
    const noneKnown = { status: 'ready', isCluster: true, ping: () => Promise.resolve('PONG'), nodes: () => [] };
    expect(await createReadiness({ isDraining: () => false, redis: noneKnown })()).toBe('redis_unavailable');
  });

  it('sends one PING per cache period however many probes arrive', async () => {
    const redis = fakeRedis();
    const readiness = createReadiness({ isDraining: () => false, redis, cacheMs: 60_000 });
    const answers = await Promise.all(Array.from({ length: 500 }, () => readiness()));
    expect(new Set(answers)).toEqual(new Set(['ready']));
    expect(await readiness()).toBe('ready');
    expect(redis.pings).toBe(1);
  });
});
