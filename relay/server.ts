import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { RelayConfig } from './config.js';
import { createIdentify } from './connection/identify.js';
import { LocalUsers } from './connection/local-users.js';
import { onConnection } from './connection/on-connection.js';
import { releaseUpgradeRequest } from './connection/release-handshake.js';
import { createClientEvents } from './handlers/client-events.js';
import { batchFrameWrites, writeTogether } from './delivery/frame-batching.js';
import { RoomFeeds } from './delivery/room-feeds.js';
import { createHttpApp } from './http/http-app.js';
import { isOriginAllowed } from './http/origin-policy.js';
import { clientAddress, ConnectionCounter } from './limits/connection-counter.js';
import { LocalRateLimiter } from './limits/local-rate-limiter.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { PresenceHeartbeat } from './presence/presence-heartbeat.js';
import { createPresenceAnnouncer } from './presence/presence-announcer.js';
import { PresenceTracker } from './presence/presence-tracker.js';
import { createRedis, whenReady } from './redis/redis-connection.js';
import type { RelayContext, RelayStores } from './relay-context.js';
import type { RelayServer } from './socket-types.js';
import { MemoryMessageStore } from './store/memory-message-store.js';
import { MemoryPresenceStore } from './store/memory-presence-store.js';
import { MemoryUserStore } from './store/memory-user-store.js';
import { DEDUPE_TTL_SEC } from './store/message-store.js';
import { RedisMessageStore } from './store/redis-message-store.js';
import { RedisPresenceStore } from './store/redis-presence-store.js';
import { RedisUserStore } from './store/redis-user-store.js';
import { drainRelay } from './shutdown/drain.js';

/** A frame larger than this may be refused by closing that connection (contract: 64 KiB). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Safety net for lost "room advanced" signals: every feed re-reads its head this often. */
const SWEEP_INTERVAL_MS = 5000;

export interface Relay {
  httpServer: HttpServer;
  context: RelayContext;
  start(): Promise<AddressInfo>;
  /** Graceful: drain clients to other replicas, let presence settle, close everything. */
  shutdown(): Promise<void>;
}

interface RedisClients {
  commands: Redis;
  subscriber: Redis;
  adapterPub: Redis;
  adapterSub: Redis;
}

/** Wiring only: config → stores → io → http. Behaviour lives in the modules it connects. */
export function createRelay(config: RelayConfig, logger: Logger, rendererDir: string): Relay {
  const metrics = createMetrics(config.replicaId);
  const storeLimits = { historyLimit: config.historyLimit, ratePerSec: config.messageRatePerSec, burst: config.messageBurst, dedupeTtlSec: DEDUPE_TTL_SEC, replicaAcks: config.redisReplicaAcks };
  let redis: RedisClients | undefined;
  let stores: RelayStores;
  let redisMessages: RedisMessageStore | undefined;
  if (config.redis) {
    redis = {
      commands: createRedis(config.redis, 'commands'),
      subscriber: createRedis(config.redis, 'subscriber'),
      adapterPub: createRedis(config.redis, 'adapter'),
      adapterSub: createRedis(config.redis, 'adapter'),
    };
    redisMessages = new RedisMessageStore(redis.commands, redis.subscriber, storeLimits);
    stores = { messages: redisMessages, presence: new RedisPresenceStore(redis.commands, config.replicaId, config.replicaTimeoutMs), users: new RedisUserStore(redis.commands) };
  } else {
    stores = { messages: new MemoryMessageStore(storeLimits), presence: new MemoryPresenceStore(), users: new MemoryUserStore() };
  }
  metrics.redisUp.set(redis ? 0 : 1);

  const state = { draining: false };
  const readiness = (): 'ready' | 'draining' | 'redis_unavailable' =>
    state.draining ? 'draining' : redis && redis.commands.status !== 'ready' ? 'redis_unavailable' : 'ready';

  const connections = new ConnectionCounter(config.maxConnectionsPerIp);
  const addressOf = (req: { socket: { remoteAddress?: string | undefined }; headers: Record<string, string | string[] | undefined> }) =>
    clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustProxy);
  for (const [limit, value] of Object.entries({
    message_rate_per_sec: config.messageRatePerSec,
    message_burst: config.messageBurst,
    join_rate_per_sec: config.joinRatePerSec,
    renames_per_minute: config.renamesPerMinute,
    rooms_per_connection: config.maxRoomsPerConnection,
    connections_per_ip: config.maxConnectionsPerIp,
    frame_bytes: MAX_FRAME_BYTES,
  })) metrics.configuredLimit.set({ limit }, value);

  const httpServer = createServer();
  const io: RelayServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_FRAME_BYTES,
    // Refused at the Engine.IO level (not by middleware), so standard clients keep retrying —
    // through the load balancer, to another replica — instead of giving up.
    allowRequest: (req, callback) => {
      if (state.draining) return callback('draining: reconnect to another replica', false);
      if (!isOriginAllowed(req.headers.origin, req.headers.host, config.allowedOrigins)) return callback('origin not allowed: add it to ALLOWED_ORIGINS', false);
      if (connections.isFull(addressOf(req))) {
        metrics.rateLimited.inc({ action: 'connection' });
        return callback('too many connections from this address', false);
      }
      callback(null, true);
    },
    ...(redis ? { adapter: createAdapter(redis.adapterPub, redis.adapterSub, { key: 'relay:sio' }) } : {}),
  });

  batchFrameWrites(io.engine);

  const onError = (error: unknown) => {
    metrics.redisErrors.inc();
    logger.warn({ err: error }, 'store operation failed');
  };
  const localUsers = new LocalUsers();
  const feeds = new RoomFeeds({
    store: stores.messages,
    deliver: (messages) => {
      const room = messages[0]!.room;
      const members = io.of('/').adapter.rooms.get(room);
      metrics.messagesOut.inc((members?.size ?? 0) * messages.length);
      const emitAll = () => {
        for (const message of messages) io.local.to(room).emit('message', message);
      };
      if (messages.length === 1 || !members) return emitAll();
      const sockets = io.of('/').sockets;
      writeTogether([...members].map((id) => sockets.get(id)?.conn).filter((conn) => conn !== undefined), emitAll);
    },
    hasLocalMembers: (room) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0,
    onError,
    holdMs: config.deliveryHoldMs,
  });
  const announce = createPresenceAnnouncer(io, localUsers, stores.users, logger);
  const presence = new PresenceTracker({ store: stores.presence, graceMs: config.presenceGraceMs, announce, onError });
  const heartbeat = new PresenceHeartbeat({
    store: stores.presence,
    tracker: presence,
    intervalMs: config.heartbeatMs,
    announce,
    onReaped: (count) => metrics.presenceReaps.inc(count),
    onError,
  });

  // The counted address rides on the Engine.IO socket and one shared listener releases it: a
  // closure and a `once` wrapper per connection would cost about 250 bytes each.
  type EngineConnection = { request: IncomingMessage | null; transport: { name: string }; relayAddress?: string; on(event: 'close', listener: () => void): void };
  function releaseAddress(this: EngineConnection): void {
    if (this.relayAddress !== undefined) connections.remove(this.relayAddress);
  }
  io.engine.on('connection', (conn: EngineConnection) => {
    conn.relayAddress = addressOf(conn.request!);
    connections.add(conn.relayAddress);
    conn.on('close', releaseAddress);
    // Everything needed from the handshake's HTTP request was taken above and in allowRequest;
    // nothing may keep it (headers, parser state) for the connection's life. Socket.IO's
    // handshake then has no headers. (A polling transport still answers its first request,
    // which it holds until the next poll anyway.)
    if (conn.transport.name === 'websocket') releaseUpgradeRequest(conn.request!);
    conn.request = null;
  });
  const limits = {
    joins: new LocalRateLimiter(config.joinRatePerSec, config.joinRatePerSec * 2),
    renames: new LocalRateLimiter(config.renamesPerMinute / 60, config.renamesPerMinute),
  };
  const context: RelayContext = { config, logger, io, stores, feeds, presence, metrics, localUsers, limits, clustered: redis !== undefined, readiness };
  httpServer.on('request', createHttpApp(context, rendererDir));
  io.use((socket, next) => void createIdentify(context)(socket, next));
  const attachEvents = createClientEvents(context);
  io.on('connection', (socket) => onConnection(context, socket, attachEvents));
  io.on('user:renamed', (userId, name) => localUsers.rename(userId, name));

  if (redis) watchRedis(redis, context, heartbeat);
  const sweeper = setInterval(() => void feeds.sweepAll(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    httpServer,
    context,
    async start() {
      if (redis && redisMessages) {
        const ready = Promise.all([whenReady(redis.commands, 5000), redisMessages.start()]);
        await ready.catch((error: unknown) => logger.warn({ err: error }, 'Redis is not reachable yet; serving with /readyz = redis_unavailable until it is'));
      }
      heartbeat.start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      return httpServer.address() as AddressInfo;
    },
    async shutdown() {
      state.draining = true;
      clearInterval(sweeper);
      await drainRelay({ io, httpServer, presence, heartbeat, stores, logger, graceMs: config.presenceGraceMs, announce });
      feeds.close();
      await stores.messages.close();
      if (redis) await Promise.all(Object.values(redis).map((client: Redis) => client.quit().catch(() => client.disconnect())));
    },
  };
}

/** Redis trouble is survived in place: log it, report it, and catch up when it is back. */
function watchRedis(redis: RedisClients, ctx: RelayContext, heartbeat: PresenceHeartbeat): void {
  let lastLogged = 0;
  let wasReady = false;
  for (const [name, client] of Object.entries(redis)) {
    client.on('error', (error: Error) => {
      ctx.metrics.redisErrors.inc();
      // A dead Redis produces an error per reconnect attempt: log one line a few seconds at most.
      if (Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        ctx.logger.warn({ connection: name, err: { message: error.message } }, 'Redis connection error');
      }
    });
  }
  redis.commands.on('ready', () => {
    ctx.metrics.redisUp.set(1);
    if (wasReady) {
      ctx.logger.info('Redis is back: re-asserting presence and catching up room feeds');
      void heartbeat.beat();
      void ctx.feeds.sweepAll();
    }
    wasReady = true;
  });
  redis.commands.on('close', () => ctx.metrics.redisUp.set(0));
  // Signals published while the subscriber was away are lost: read forward once it is back.
  redis.subscriber.on('ready', () => void ctx.feeds.sweepAll());
}
