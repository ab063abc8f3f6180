// Types for command-line.mjs.
export const USAGE: string;
export function parseClusterArgs(argv: string[]): { help: true } | { help: false; replicas: number; port: number; redisCluster: boolean };
export function relayStoreMode(output: string): string | undefined;
export function redisClusterWarning(replicas: Array<{ id: string; mode?: string }>): string | undefined;
export function missingPackagesMessage(packages: string[]): string;
export function formatClusterStatus(status: {
  url: string;
  haproxyPid?: number;
  redis?: { pid?: number; url: string } | null;
  /** One row per shard of a Redis Cluster (`npm run cluster -- --redis-cluster`). */
  redisCluster?: Array<{ primary: { port: number; pid?: number }; replicas: Array<{ port: number; pid?: number }>; slots: Array<[number, number]> }> | null;
  /** What the relays were given as REDIS_CLUSTER_NODES. */
  redisClusterSeeds?: string;
  logDir: string;
  replicas: Array<{ id: string; pid?: number; url: string; ready: number; balancer: string; mode?: string }>;
}): string;
