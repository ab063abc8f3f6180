// startRedisCluster (scripts/cluster/redis-cluster.mjs): a real 3 + 3 Redis Cluster on loopback,
// and what the Redis Cluster work relies on: keys spread over every shard, and a SIGKILLed
// primary's slots taken over by its replica with the data it had replicated.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_SLOTS, parseClusterNodes, servingPrimary } from '../scripts/cluster/cluster-nodes.mjs';
import { CLUSTER_BUS_OFFSET, startRedisCluster, type RedisCluster } from '../scripts/cluster/redis-cluster.mjs';
import { withRedisClient } from '../scripts/cluster/redis-query.mjs';
import { portIsFree } from '../scripts/cluster/free-port.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

describe('parseClusterNodes', () => {
  // Redis 7's CLUSTER NODES after a failover: the old primary failed, its replica serving its slots,
  // one slot being migrated (shown in brackets by both sides, owned by the node that lists it plainly).
  const text = [
    'a1 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460',
    'b2 127.0.0.1:30002@40002 master,fail - 1700000000000 1700000000000 2 disconnected',
    'c3 127.0.0.1:30003@40003,node-c master - 0 1700000000000 3 connected 10923-16383',
    'd4 127.0.0.1:30004@40004 slave a1 0 1700000000000 1 connected',
    'e5 127.0.0.1:30005@40005 master - 0 1700000000000 7 connected 5461-10921 10922 [10922->-c3]',
    'f6 127.0.0.1:30006@40006 slave c3 0 1700000000000 3 connected',
    '',
  ].join('\n');

  it('reads address, role, primary and slot ranges of every node', () => {
    const nodes = parseClusterNodes(text);
    expect(nodes.map((n) => n.port)).toEqual([30001, 30002, 30003, 30004, 30005, 30006]);
    expect(nodes[0]).toEqual({ id: 'a1', host: '127.0.0.1', port: 30001, flags: ['myself', 'master'], primaryId: undefined, connected: true, slots: [[0, 5460]] });
    expect(nodes[3]?.primaryId).toBe('a1');
    expect(nodes[4]?.slots).toEqual([[5461, 10921], [10922, 10922]]);
    expect(nodes[1]?.connected).toBe(false);
  });

  it('names the live primary of a slot, and none for a slot whose primary is seen failing', () => {
    const nodes = parseClusterNodes(text);
    expect(servingPrimary(nodes, 0)?.id).toBe('a1');
    expect(servingPrimary(nodes, 10922)?.id).toBe('e5');
    expect(servingPrimary(nodes, HASH_SLOTS - 1)?.id).toBe('c3');
    const suspected = parseClusterNodes(text.replace('myself,master', 'master,fail?'));
    expect(servingPrimary(suspected, 0)).toBeUndefined();
  });
});

describe('startRedisCluster', () => {
  let cluster: RedisCluster | undefined;
  let client: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('starts 3 primaries with one replica each, serving every slot, each node listening on port+10000 too', async () => {
    const shards = await cluster!.shards();
    expect(shards).toHaveLength(3);
    expect(shards.every((s) => s.replicas.length === 1)).toBe(true);
    const served = shards.flatMap((s) => s.slots).reduce((sum, [from, to]) => sum + to - from + 1, 0);
    expect(served).toBe(HASH_SLOTS);
    expect(cluster!.nodes).toHaveLength(6);
    expect(cluster!.seedList.split(',')).toHaveLength(6);
    for (const node of cluster!.nodes) expect(await portIsFree(node.port + CLUSTER_BUS_OFFSET)).toBe(false);
  });

  it('a SIGKILLed primary is replaced by its replica: cluster_state ok again and its key still readable', async () => {
    const redis = cluster!;
    client = new Cluster(redis.seeds, { slotsRefreshTimeout: 1000, redisOptions: { connectTimeout: 1000, maxRetriesPerRequest: 1 } });
    client.on('error', () => undefined);

    // One key on every shard.
    const keyOf = new Map<number, string>();
    for (let i = 0; keyOf.size < 3; i++) {
      const primary = await redis.primaryForKey(`key-${i}`);
      if (!keyOf.has(primary.port)) keyOf.set(primary.port, `key-${i}`);
    }
    const keys = [...keyOf.values()];
    for (const key of keys) expect(await client.set(key, `value of ${key}`)).toBe('OK');

    const key = keys[0]!;
    const victim = await redis.primaryForKey(key);
    const heir = (await redis.shards()).find((s) => s.primary === victim)!.replicas[0]!;
    // Only what reached the replica survives a SIGKILL of its primary.
    const onReplica = () =>
      withRedisClient(heir.port, async (c) => {
        await c.call('READONLY');
        return (await c.get(key)) === `value of ${key}`;
      });
    await waitFor(onReplica, { what: `${key} to reach the replica` });

    const killedAt = Date.now();
    await victim.kill();
    const promoted = await waitFor(async () => ((await redis.primaryForKey(key)) === heir ? heir : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: `the replica on ${heir.port} to take over ${key}'s slot`,
    });
    expect(promoted.running()).toBe(true);
    await redis.waitUntilHealthy();
    const healthyAfterMs = Date.now() - killedAt;

    for (const k of keys) {
      const value = await waitFor(
        // One attempt may hang on the dead node's connection until ioredis refreshes its slot map.
        () => Promise.race([client!.get(k).catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))]),
        { timeoutMs: 15_000, what: `${k} to be readable through the cluster client` },
      );
      expect(value).toBe(`value of ${k}`);
    }
    expect(await client.set(key, 'written after the failover')).toBe('OK');
    expect(healthyAfterMs).toBeLessThan(20_000);
    console.log(`Redis Cluster failover: cluster_state ok on every node ${healthyAfterMs} ms after the SIGKILL`);
  });
});
