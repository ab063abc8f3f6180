import { startRedisCluster } from '../../scripts/cluster/redis-cluster.mjs';
import { startRedisServer } from '../../scripts/cluster/redis-server.mjs';
import { TEST_SECRET } from './relay-process.js';

/** What the relays of a multi-process test store on: one redis-server, or a 3+3 Redis Cluster. */
export type StageKind = 'redis' | 'redis-cluster';
export const STAGE_KINDS: StageKind[] = ['redis', 'redis-cluster'];

export interface RelayStage {
  kind: StageKind;
  /** The relay environment that points at this storage (pass as startRelay's env). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the storage for a suite's relays. On the cluster the relays wait for the shard's replica
 * (REDIS_REPLICA_ACKS=1), as deployed, so the contract is checked with that WAIT in every write.
 */
export async function startStage(kind: StageKind): Promise<RelayStage> {
  if (kind === 'redis') {
    const redis = await startRedisServer();
    return { kind, env: { REDIS_URL: redis.url, RELAY_SECRET: TEST_SECRET }, stop: () => redis.stop() };
  }
  const cluster = await startRedisCluster();
  return { kind, env: { REDIS_CLUSTER_NODES: cluster.seedList, RELAY_SECRET: TEST_SECRET, REDIS_REPLICA_ACKS: '1' }, stop: () => cluster.stop() };
}
