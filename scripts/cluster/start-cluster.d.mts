// Types for start-cluster.mjs (plain JavaScript so `npm run cluster` needs no build step).
import type { Haproxy } from './haproxy-process.d.mts';
import type { RedisCluster } from './redis-cluster.d.mts';
import type { RedisServer } from './redis-server.d.mts';
import type { RelayReplica } from './relay-replica.d.mts';

export interface ClusterOptions {
  /** Relay replicas (1–16), named relay-1 … relay-N. Default 3. */
  replicas?: number;
  /** HAProxy's port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Extra relay environment (overrides the cluster's defaults, e.g. REDIS_SENTINELS). */
  env?: Record<string, string>;
  /** Start a redis-server (append-only file, fsync always) and point REDIS_URL at it (default true). */
  redis?: boolean;
  /**
   * Start a 3-primary + 3-replica Redis Cluster instead (startRedisCluster) and give the relays
   * REDIS_CLUSTER_NODES (every node) and REDIS_REPLICA_ACKS=1 instead of REDIS_URL (default false).
   */
  redisCluster?: boolean;
  /** The Node binary the relays run on (default: this process's; the soak passes RELAY_NODE). */
  node?: string;
  /** Repository root holding dist/relay/main.js (default: this repository). */
  root?: string;
  /** Keep the temporary directory (logs, redis data, haproxy.cfg) after stop(). */
  keepWorkDir?: boolean;
}

export interface Cluster {
  /** The balancer: http://127.0.0.1:PORT (Socket.IO, HTTP API and web client). */
  url: string;
  port: number;
  /** relay-1 … relay-N (also their REPLICA_ID). */
  replicas: RelayReplica[];
  /** null when started with `redis: false` or `redisCluster: true`. */
  redis: RedisServer | null;
  /** null unless started with `redisCluster: true`. */
  redisCluster: RedisCluster | null;
  haproxy: Haproxy;
  /** Temporary directory: logs/ (Redis Cluster nodes' too), redis/ data, haproxy.cfg. Removed by stop() unless kept. */
  workDir: string;
  logDir: string;
  /** Drains the relays (SIGTERM), then stops HAProxy and Redis (or the Redis Cluster). Idempotent. */
  stop(): Promise<Array<{ id: string; code: number | null }>>;
}

export function startCluster(options?: ClusterOptions): Promise<Cluster>;
export const MAX_REPLICAS: number;
