import type { RedisCluster } from '../../scripts/cluster/redis-cluster.mjs';

/** One room name per shard of `cluster`, found by asking it where each name's slot lives. */
export async function roomPerShard(cluster: RedisCluster, prefix = 'room'): Promise<string[]> {
  const shards = (await cluster.shards()).length;
  const byPrimary = new Map<number, string>();
  for (let i = 0; byPrimary.size < shards; i++) {
    const primary = await cluster.primaryForKey(`${prefix}-${i}`);
    if (!byPrimary.has(primary.port)) byPrimary.set(primary.port, `${prefix}-${i}`);
  }
  return [...byPrimary.values()];
}
