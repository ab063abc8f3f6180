import { describe, expect, it } from 'vitest';
import { createReadiness, type ClusterNode, type PingableRedis } from './readiness.js';

/** A Redis whose PING answers, fails or hangs as the test says, counting the PINGs sent. */
function fakeRedis(port = 6379) {
  let answer: 'pong' | 'hang' | 'error' = 'pong';
  const hanging: Array<() => void> = [];
  const redis: PingableRedis & ClusterNode & { pings: number; answer(mode: typeof answer): void; thaw(): void } = {
    status: 'ready',
    options: { host: '127.0.0.1', port },
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
    const primaries = [fakeRedis(7000), fakeRedis(7001), fakeRedis(7002)];
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

  it('on a Redis Cluster, a slot whose primary has no pooled connection (ioredis dropped a killed node) makes the replica unavailable', async () => {
    const primaries = [fakeRedis(7000), fakeRedis(7001), fakeRedis(7002)];
    let pool = primaries.slice(0, 2);
    // Slots 0-1 on 7000, 2-3 on 7001, 4-5 on 7002, each listed with a replica after the primary.
    const slots = [0, 0, 1, 1, 2, 2].map((i) => [`127.0.0.1:${7000 + i}`, `127.0.0.1:${7010 + i}`]);
    const cluster: PingableRedis = { status: 'ready', isCluster: true, ping: () => Promise.resolve('PONG'), nodes: () => pool, slots };
    const readiness = createReadiness({ isDraining: () => false, redis: cluster, cacheMs: 0 });
    expect(await readiness()).toBe('redis_unavailable');
    // The replica promoted in its place: the slot map and the pool agree again.
    slots[4] = slots[5] = ['127.0.0.1:7012'];
    pool = [...primaries.slice(0, 2), fakeRedis(7012)];
    expect(await readiness()).toBe('ready');
    // A hole in the slot map (slots not yet known) names no primary and decides nothing.
    delete (slots as unknown[])[3];
    expect(await readiness()).toBe('ready');
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
