import { Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config.js';

/**
 * ioredis connections for the relay. Commands fail fast while Redis is unreachable (no offline
 * queue), so a send answers `unavailable` at once instead of hanging; the connection keeps
 * reconnecting by itself, and subscribers resubscribe by themselves when it is back.
 */
export function createRedis(config: RedisConfig, purpose: 'commands' | 'subscriber' | 'adapter'): Redis {
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
  if (config.kind === 'sentinel') {
    // failoverDetector: follow +switch-master at once instead of waiting for the old primary to fail.
    return new Redis({ ...options, sentinels: config.sentinels, name: config.name, failoverDetector: true, ...(config.password ? { password: config.password } : {}) });
  }
  return new Redis(config.url, options);
}

/** Resolves when the connection is ready, or rejects after `timeoutMs`. */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
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
