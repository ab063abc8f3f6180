import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { RelayConfig } from '../config.js';
import { createRedisClients, quitAll, type RedisClients } from '../redis/redis-clients.js';
import { batchCommandsPerTurn } from '../redis/turn-batching.js';
import { whenReady } from '../redis/redis-connection.js';
import { MemoryMessageStore } from './memory-message-store.js';
import { MemoryPresenceStore } from './memory-presence-store.js';
import { MemoryUserStore } from './memory-user-store.js';
import { DEDUPE_TTL_SEC } from './message-store.js';
import { RedisMessageStore } from './redis-message-store.js';
import { RedisPresenceStore } from './redis-presence-store.js';
import type { ReplicaAckChange } from './redis-replica-acks.js';
import { RedisUserStore } from './redis-user-store.js';
import type { RelayStores } from './relay-stores.js';

/** The stores of one mode and what that mode brings along (Redis connections, the Socket.IO adapter). */
export interface StoreBackend {
  stores: RelayStores;
  /** Set in Redis mode: more than one replica may share the stores. */
  redis: RedisClients | undefined;
  /** The Socket.IO adapter that carries presence, typing and renames between replicas (Redis mode). */
  adapter: ReturnType<typeof createShardedAdapter> | undefined;
  /** Resolves once the stores can serve, or rejects when Redis is not reachable within 5 s (the relay serves anyway). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Memory stores without `REDIS_URL` / `REDIS_SENTINELS` / `REDIS_CLUSTER_NODES`, Redis stores with them. */
export function createStoreBackend(
  config: RelayConfig,
  onBackgroundError: (error: unknown) => void = () => undefined,
  onReplicaAcks: (change: ReplicaAckChange) => void = () => undefined,
): StoreBackend {
  const limits = { historyLimit: config.historyLimit, ratePerSec: config.messageRatePerSec, burst: config.messageBurst, dedupeTtlSec: DEDUPE_TTL_SEC, replicaAcks: config.redisReplicaAcks, maxRooms: config.maxRooms };
  if (!config.redis) {
    const messages = new MemoryMessageStore(limits);
    return {
      stores: { messages, presence: new MemoryPresenceStore(), users: new MemoryUserStore() },
      redis: undefined,
      adapter: undefined,
      start: () => Promise.resolve(),
      close: () => messages.close(),
    };
  }
  const redis = createRedisClients(config.redis);
  // The stores' commands of one turn leave in one write per connection (redis/turn-batching.ts).
  batchCommandsPerTurn(redis.commands);
  const messages = new RedisMessageStore(redis.commands, redis.subscriber, limits, undefined, onReplicaAcks);
  const presence = new RedisPresenceStore(redis.commands, config.replicaId, config.replicaTimeoutMs, { onReleaseError: onBackgroundError });
  return {
    stores: { messages, presence, users: new RedisUserStore(redis.commands) },
    redis,
    // Sharded pub/sub (Redis 7), one channel per Socket.IO room ('dynamic'): a broadcast to a
    // room reaches only the replicas with members in it, and in a Redis Cluster the channels
    // spread over the shards. serverSideEmit (renames, read positions) goes over its main channel.
    adapter: createShardedAdapter(redis.adapterPub, redis.adapterSub, { channelPrefix: 'relay:sio', subscriptionMode: 'dynamic' }),
    start: async () => {
      await Promise.all([whenReady(redis.commands, 5000), messages.start()]);
    },
    close: async () => {
      await messages.close();
      await quitAll(redis);
    },
  };
}
