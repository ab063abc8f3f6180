// Types for redis-sentinel.mjs (plain JavaScript so `npm run cluster` needs no build step).

export interface SentinelGroup {
  /** The monitored primary's name (REDIS_SENTINEL_NAME). */
  name: string;
  /** `host:port,host:port,host:port` for REDIS_SENTINELS. */
  sentinels: string;
  primaryPort: number;
  replicaPort: number;
  /** SIGKILLs the original primary. */
  killPrimary(): Promise<void>;
  /** The port the sentinels currently report as primary. */
  currentPrimaryPort(): Promise<number>;
  /** SIGKILLs every process of the group and removes its directories. */
  stop(): Promise<void>;
}

/**
 * A primary, one replica and three Sentinels (quorum 2, down after 1 s, failover timeout 5 s) on
 * free loopback ports, persistence off. Resolves once a failover is possible: the replica in
 * sync and every Sentinel aware of it and of its peers.
 */
export function startSentinelGroup(options?: { name?: string }): Promise<SentinelGroup>;
