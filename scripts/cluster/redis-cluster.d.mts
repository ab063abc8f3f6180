// Types for redis-cluster.mjs (plain JavaScript so `npm run cluster` needs no build step).
import type { RedisServer } from './redis-server.d.mts';

export interface RedisClusterOptions {
  /** Primaries, each serving a third (…) of the hash slots: ≥ 3, default 3. */
  primaries?: number;
  /** Replicas per primary (default 1). */
  replicasPerPrimary?: number;
  /** cluster-node-timeout: how long a primary may be unreachable before its replica takes over (default 2000). */
  nodeTimeoutMs?: number;
  /** Budget for `redis-cli --cluster create`, then again for every node to be ok and in sync (default 30 s each). */
  startTimeoutMs?: number;
  /** Write each node's output to LOGDIR/redis-cluster-PORT.log (and redis-cli's to redis-cli.log). */
  logDir?: string;
  /** Own process group (see ProcessSpec.detached). */
  detached?: boolean;
}

export interface RedisClusterShard {
  primary: RedisServer;
  replicas: RedisServer[];
  /** Inclusive [from, to] hash slot ranges. */
  slots: Array<[number, number]>;
}

export interface RedisCluster {
  /** Every node, in start order; a node's kill() SIGKILLs it, start() brings it back with its nodes.conf. */
  readonly nodes: RedisServer[];
  /** Every node's address, for ioredis's `new Cluster(seeds)`. */
  readonly seeds: Array<{ host: string; port: number }>;
  /** The same as `127.0.0.1:p1,127.0.0.1:p2,…`. */
  readonly seedList: string;
  /** CLUSTER KEYSLOT, asked of a running node. */
  keySlot(key: string): Promise<number>;
  /** The primary serving `slot` as a running node sees it; throws while none does (during a failover). */
  primaryForSlot(slot: number): Promise<RedisServer>;
  primaryForKey(key: string): Promise<RedisServer>;
  /** Each live primary with its slots and replicas, as a running node sees it (CLUSTER NODES). */
  shards(): Promise<RedisClusterShard[]>;
  /**
   * Until every running node reports cluster_state:ok with all 16384 slots served (default
   * timeout 20 s). Right after a kill this may still hold: the failure is detected only after
   * cluster-node-timeout, so wait for primaryForSlot to name another node first.
   */
  waitUntilHealthy(options?: { timeoutMs?: number }): Promise<void>;
  /** SIGKILLs every node and removes their directories. */
  stop(): Promise<void>;
}

export const CLUSTER_BUS_OFFSET: number;

/**
 * Starts the nodes on free loopback ports (whose bus port, +10000, is free too) in temporary
 * directories, persistence off, creates the cluster with redis-cli, and resolves once every node
 * reports cluster_state:ok and every replica is in sync with its primary.
 */
export function startRedisCluster(options?: RedisClusterOptions): Promise<RedisCluster>;
