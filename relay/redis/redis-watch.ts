import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../metrics.js';
import type { RedisClients } from './redis-clients.js';

export interface RedisRecovery {
  /** The command connection is back after an outage: re-assert what Redis may have lost. */
  onCommandsBack(): void;
  /** The subscriber is (re)subscribed: signals published while it was away are lost, read forward. */
  onSubscriberReady(): void;
}

/** Redis trouble is survived in place: log it, report it, and catch up when it is back. */
export function watchRedis(redis: RedisClients, metrics: RelayMetrics, logger: Logger, recovery: RedisRecovery): void {
  metrics.redisUp.set(0);
  let lastLogged = 0;
  let wasReady = false;
  for (const [name, client] of Object.entries(redis)) {
    client.on('error', (error: Error) => {
      metrics.redisErrors.inc();
      // A dead Redis produces an error per reconnect attempt: log one line a few seconds at most.
      if (Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        logger.warn({ connection: name, err: { message: error.message } }, 'Redis connection error');
      }
    });
  }
  redis.commands.on('ready', () => {
    metrics.redisUp.set(1);
    if (wasReady) {
      logger.info('Redis is back: re-asserting presence and catching up room feeds');
      recovery.onCommandsBack();
    }
    wasReady = true;
  });
  redis.commands.on('close', () => metrics.redisUp.set(0));
  redis.subscriber.on('ready', () => recovery.onSubscriberReady());
  // A Cluster's sharded subscribers (one per primary) come back per shard after a failover,
  // without a 'ready' of the whole client.
  if (redis.subscriber.isCluster) redis.subscriber.on('subscribersReady', () => recovery.onSubscriberReady());
}
