import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config.js';
import { restartAfterEnd } from './restart-after-end.js';

/** One Redis, a Sentinel-managed primary, or a Redis Cluster: what the stores talk to. */
export type RedisClient = Redis | Cluster;

type Purpose = 'commands' | 'subscriber' | 'adapter' | 'adapter-subscriber';

/**
 * ioredis connections for the relay. Commands fail fast while Redis is unreachable (no offline
 * queue), so a send answers `unavailable` at once instead of hanging; the connection keeps
 * reconnecting by itself, and subscribers resubscribe by themselves when it is back.
 */
export function createRedis(config: RedisConfig, purpose: Purpose): RedisClient {
  const options: RedisOptions = {
    connectionName: `relay-${purpose}`,
    lazyConnect: false,
    enableOfflineQueue: purpose !== 'commands',
    maxRetriesPerRequest: purpose === 'commands' ? 0 : null,
    commandTimeout: purpose === 'commands' ? 3000 : undefined,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
    // After a Sentinel failover the old primary may answer READONLY: reconnect to the new one.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  };
  if (config.kind === 'cluster') return createCluster(config, purpose, options);
  const client =
    config.kind === 'sentinel'
      ? // failoverDetector: follow +switch-master at once instead of waiting for the old primary to fail.
        new Redis({ ...options, sentinels: config.sentinels, name: config.name, failoverDetector: true, ...(config.password ? { password: config.password } : {}) })
      : new Redis(config.url, options);
  restartAfterEnd(client);
  return client;
}

function createCluster(config: Extract<RedisConfig, { kind: 'cluster' }>, purpose: Purpose, options: RedisOptions): Cluster {
  const { retryStrategy: _perNode, ...redisOptions } = options;
  return new Cluster(config.nodes, {
    redisOptions: { ...redisOptions, ...(config.password ? { password: config.password } : {}) },
    enableOfflineQueue: purpose !== 'commands',
    // A failover answers CLUSTERDOWN / MOVED for a moment: follow the new map quickly; the
    // command timeout still bounds how long a send waits before it answers `unavailable`.
    retryDelayOnClusterDown: 100,
    retryDelayOnFailover: 100,
    slotsRefreshTimeout: 2000,
    clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
    // One subscriber connection per primary, each (re)subscribing the channels of its own slots:
    // what SSUBSCRIBE needs (a shard channel is served by the node owning its slot only).
    shardedSubscribers: purpose === 'subscriber' || purpose === 'adapter-subscriber',
  });
}

/** Resolves when the connection is ready, or rejects after `timeoutMs`. */
export function whenReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
