import type { Logger } from '../logger.js';
import type { RelayMetrics } from '../metrics.js';
import type { ReplicaAckChange, ReplicaAckState } from '../store/redis-replica-acks.js';
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

const REPLICA_ACK_NEWS: Record<ReplicaAckState, string> = {
  replicas: 'Redis primary acks writes once its replicas confirm them',
  primary_only: 'Redis primary has no replica in sync: writes are acked on the primary alone until one is back (a failover now would lose them)',
  refusing: 'Redis primary has a replica that is up but not in sync (replication link down): sends to its rooms are refused until it resyncs or stops; see the replica log (masterauth, network)',
};

/** REDIS_REPLICA_ACKS: a primary's ack state changed (store/redis-replica-acks.ts). */
export function reportReplicaAcks(change: ReplicaAckChange, metrics: RelayMetrics, logger: Logger): void {
  for (const [state, count] of Object.entries(change.primaries)) metrics.replicaAckPrimaries.set({ acks: state }, count);
  const line = { primary: change.primary, acks: change.state };
  if (change.state === 'replicas') logger.info(line, REPLICA_ACK_NEWS.replicas);
  else logger.warn(line, REPLICA_ACK_NEWS[change.state]);
}
