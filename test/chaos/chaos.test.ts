import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../scripts/cluster/start-cluster.mjs';
import { startSentinelGroup, type SentinelGroup } from '../../scripts/cluster/redis-sentinel.mjs';
import { roomPerShard } from '../support/cluster-rooms.js';
import { runChaos } from './chaos-run.js';

// Three replicas behind HAProxy, 50 clients sending all the time, and a fault in the middle.
// The clients also edit and delete their messages and react to anyone's (contract v1.1).
// Afterwards every message and change anyone made is stored exactly once, every client holds
// every stored entry exactly once, in order, and folds them into the relay's state.
// The last scenario spreads the clients over rooms on every shard of a Redis Cluster instead.
const CLIENTS = 50;
let cluster: Cluster | undefined;
let sentinels: SentinelGroup | undefined;

afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
  await sentinels?.stop();
  sentinels = undefined;
});

const base = { clients: CLIENTS, sendEveryMs: 1000, beforeFaultMs: 4000, afterFaultMs: 8000 };

describe('chaos: 3 replicas behind HAProxy, 50 clients sending', () => {
  it('SIGKILL a replica: its clients are back within 10 s, nothing lost or doubled', async () => {
    cluster = await startCluster({ replicas: 3, env: { HEARTBEAT_MS: '1000', REPLICA_TIMEOUT_MS: '5000' } });
    const victim = cluster.replicas[1]!;
    const report = await runChaos({ ...base, scenario: 'sigkill', title: 'SIGKILL of one of 3 replicas, 50 clients', url: cluster.url, rooms: ['chaos-kill'], fault: () => victim.kill() });
    expect(report).toMatchObject({ lost: 0, duplicates: 0, clientsOutOfStep: 0, clientsFoldDiffer: 0 });
    expect(report.acked + report.refused).toBe(report.sent);
    expect(report.changes).toBeGreaterThan(0);
    expect(report.reconnects).toBeGreaterThan(0);
    expect(report.reconnectMaxMs).toBeLessThan(10_000);
  });

  it('SIGTERM a replica: clients get the draining notice and move; nothing lost', async () => {
    cluster = await startCluster({ replicas: 3 });
    const victim = cluster.replicas[0]!;
    const report = await runChaos({ ...base, scenario: 'sigterm', title: 'SIGTERM (drain) of one of 3 replicas, 50 clients', url: cluster.url, rooms: ['chaos-drain'], fault: async () => void victim.stop('SIGTERM') });
    expect(report).toMatchObject({ lost: 0, duplicates: 0, clientsOutOfStep: 0, clientsFoldDiffer: 0 });
    expect(report.drainingNotices).toBeGreaterThan(0);
    expect(report.reconnects).toBe(report.drainingNotices);
    expect(report.reconnectMaxMs).toBeLessThan(10_000);
  });

  it('Redis restarted: sends get unavailable and are retried; nothing lost', async () => {
    cluster = await startCluster({ replicas: 3 });
    const redis = cluster.redis!;
    const report = await runChaos({ ...base, scenario: 'redis-restart', title: 'Redis restarted (2 s down), 3 replicas, 50 clients', url: cluster.url, rooms: ['chaos-redis'], fault: () => redis.restart({ downMs: 2000 }) });
    expect(report).toMatchObject({ lost: 0, duplicates: 0, clientsOutOfStep: 0, clientsFoldDiffer: 0 });
    expect(report.failedAttempts).toBeGreaterThan(0);
  });

  it('Sentinel failover (primary SIGKILLed): relays follow the promoted replica; nothing acked is lost', async () => {
    sentinels = await startSentinelGroup();
    const env = { REDIS_SENTINELS: sentinels.sentinels, REDIS_SENTINEL_NAME: sentinels.name, REDIS_REPLICA_ACKS: '1' };
    cluster = await startCluster({ replicas: 3, redis: false, env });
    const group = sentinels;
    const report = await runChaos({ ...base, afterFaultMs: 12_000, scenario: 'sentinel-failover', title: 'Redis primary killed, Sentinel failover, 3 replicas, 50 clients', url: cluster.url, rooms: ['chaos-sentinel'], fault: () => group.killPrimary() });
    expect(report).toMatchObject({ lost: 0, duplicates: 0, clientsOutOfStep: 0, clientsFoldDiffer: 0 });
    expect(report.acked + report.refused).toBe(report.sent);
    expect(report.changes).toBeGreaterThan(0);
    expect(await group.currentPrimaryPort()).toBe(group.replicaPort);
  }, 150_000);

  it('Redis Cluster primary SIGKILLed under the busiest room: its replica takes over; nothing acked is lost, sends ack again within 10 s', async () => {
    // startCluster gives the relays REDIS_REPLICA_ACKS=1 with a Redis Cluster: an ack waits for the shard's replica.
    cluster = await startCluster({ replicas: 3, redisCluster: true });
    const redis = cluster.redisCluster!;
    // Two rooms per shard; the first is named four times, so 16 of the 36 clients chat in it.
    const [busy, ...others] = [...(await roomPerShard(redis, 'chaos-shard-a')), ...(await roomPerShard(redis, 'chaos-shard-b'))];
    const victim = await redis.primaryForKey(busy!);
    const report = await runChaos({ ...base, clients: 36, afterFaultMs: 12_000, scenario: 'cluster-failover', title: 'Redis Cluster primary killed, 3 relays, 36 clients in 6 rooms on 3 shards', url: cluster.url, rooms: [busy!, busy!, busy!, busy!, ...others], watchRoom: busy, fault: () => victim.kill() });
    expect(report).toMatchObject({ rooms: 6, lost: 0, duplicates: 0, clientsOutOfStep: 0, clientsFoldDiffer: 0 });
    expect(report.acked + report.refused).toBe(report.sent);
    expect(report.changes).toBeGreaterThan(0);
    expect(report.failedAttempts).toBeGreaterThan(0);
    expect(report.ackAgainMs).toBeLessThan(10_000);
    expect((await redis.primaryForKey(busy!)).port).not.toBe(victim.port);
  }, 150_000);
});
