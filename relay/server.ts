import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { RelayConfig } from './config.js';
import { createAdmissionPolicy } from './connection/admission-policy.js';
import { createIdentify } from './connection/identify.js';
import { LocalUsers } from './connection/local-users.js';
import { onConnection } from './connection/on-connection.js';
import { RoomFeeds } from './delivery/room-feeds.js';
import { createClientEvents } from './handlers/client-events.js';
import { createHttpApp } from './http/http-app.js';
import { createMetricsServer } from './http/metrics-server.js';
import { createReadiness } from './http/readiness.js';
import { createRequestPolicy } from './http/origin-policy.js';
import { MAX_FRAME_BYTES, reportConfiguredLimits } from './limits/configured-limits.js';
import { ConnectionCounter, requestAddress } from './limits/connection-counter.js';
import { LocalRateLimiter } from './limits/local-rate-limiter.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createPresenceAnnouncer } from './presence/presence-announcer.js';
import { PresenceHeartbeat } from './presence/presence-heartbeat.js';
import { PresenceTracker } from './presence/presence-tracker.js';
import { RoomCounts } from './presence/room-counts.js';
import { SenderRecency } from './presence/sender-recency.js';
import { reportReplicaAcks, watchRedis } from './redis/redis-watch.js';
import type { RelayContext } from './relay-context.js';
import type { RelayServer } from './socket-types.js';
import { drainRelay } from './shutdown/drain.js';
import { createStoreBackend } from './store/store-backend.js';
import { withStoreTimeout } from './store/store-timeout.js';
import { attachTransport, entryParser } from './transport/relay-transport.js';

/** Safety net for lost "room advanced" signals: every feed's head is read this often (RoomFeeds.sweepLost). */
const SWEEP_INTERVAL_MS = 5000;

export interface Relay {
  httpServer: HttpServer;
  context: RelayContext;
  start(): Promise<AddressInfo>;
  /** Graceful: drain clients to other replicas, let presence settle, close everything. */
  shutdown(): Promise<void>;
}

/** Wiring only: config → stores → io → transport → feeds and presence → handlers and HTTP. */
export function createRelay(config: RelayConfig, logger: Logger, rendererDir: string): Relay {
  const metrics = createMetrics(config.replicaId);
  reportConfiguredLimits(metrics, config);
  const onError = (error: unknown) => {
    metrics.redisErrors.inc();
    logger.warn({ err: error }, 'store operation failed');
  };
  // A store step retried in the background (a reaper's release) reports its failures here too.
  const backend = createStoreBackend(config, onError, (change) => reportReplicaAcks(change, metrics, logger));
  const { stores, redis } = backend;

  const state = { draining: false };
  const readiness = createReadiness({ isDraining: () => state.draining, redis: redis?.commands });

  const connections = new ConnectionCounter(config.maxConnectionsPerIp);
  const addressOf = requestAddress(config.trustProxy);
  // The HTTP app is bound before Socket.IO attaches: Engine.IO takes over the server's existing
  // request listeners and passes them only what is not its own (/socket.io). A listener added
  // after it would see the polling requests too and answer them a second time (404).
  const http: { app?: RequestListener } = {};
  const httpServer = createServer((req, res) => http.app!(req, res));
  const io: RelayServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_FRAME_BYTES,
    parser: entryParser,
    allowRequest: createAdmissionPolicy({
      isDraining: () => state.draining,
      refusalOf: createRequestPolicy(config),
      connections,
      addressOf,
      connectRate: config.maxConnectRate > 0 ? new LocalRateLimiter(config.maxConnectRate, config.maxConnectRate * 2) : undefined,
      onLimited: (action) => metrics.rateLimited.inc({ action }),
    }),
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
  });
  const transport = attachTransport(io, {
    addressOf,
    connections,
    maxBacklogBytes: config.maxConnectionBufferBytes,
    onBacklogDrop: () => metrics.backlogDrops.inc(),
  });

  const localUsers = new LocalUsers();
  const feeds = new RoomFeeds({
    store: stores.messages,
    deliver: (messages) => metrics.messagesOut.inc(transport.fanOut(messages[0]!.room, messages)),
    hasLocalMembers: (room) => transport.localMemberCount(room) > 0,
    onError,
    holdMs: config.deliveryHoldMs,
    onSignal: () => metrics.advanceSignals.inc(),
  });
  const roomCounts = new RoomCounts({
    noticeMax: config.presenceNoticeMax,
    intervalMs: config.presenceCountMs,
    counts: (rooms) => withStoreTimeout(Promise.all(rooms.map((room) => stores.presence.count(room)))),
    hasLocalMembers: (room) => transport.localMemberCount(room) > 0,
    // Sliced: a large room's count goes to thousands of members (relay/transport/sliced-broadcast.ts).
    emitLocal: (room, count) => transport.broadcast(room, 'room:presence', { room, count }),
    shareChanged: (rooms) => {
      if (redis) io.serverSideEmit('presence:changed', rooms);
    },
    onError,
  });
  io.on('presence:changed', (rooms) => {
    if (Array.isArray(rooms)) roomCounts.noteRemote(rooms.filter((room) => typeof room === 'string'));
  });
  const announce = createPresenceAnnouncer({
    io,
    local: localUsers,
    users: stores.users,
    logger,
    noticeMax: config.presenceNoticeMax,
    noteCounts: (flips) => roomCounts.noteFlips(flips),
  });
  const presence = new PresenceTracker({ store: stores.presence, graceMs: config.presenceGraceMs, announce, onError });
  const heartbeat = new PresenceHeartbeat({
    store: stores.presence,
    tracker: presence,
    intervalMs: config.heartbeatMs,
    announce,
    onReaped: (count) => metrics.presenceReaps.inc(count),
    onError,
  });
  const limits = {
    joins: new LocalRateLimiter(config.joinRatePerSec, config.joinRatePerSec * 2),
    renames: new LocalRateLimiter(config.renamesPerMinute / 60, config.renamesPerMinute),
    userPages: config.httpReadsPerSec > 0 ? new LocalRateLimiter(config.httpReadsPerSec, config.httpReadsPerSec * 2) : undefined,
  };
  const senders = new SenderRecency(stores.presence, onError);
  const context: RelayContext = { config, logger, io, stores, transport, feeds, presence, senders, metrics, localUsers, limits, clustered: redis !== undefined, readiness };

  http.app = createHttpApp(context, rendererDir);
  const metricsServer = createMetricsServer(metrics.registry, config, logger);
  const identify = createIdentify(context);
  io.use((socket, next) => void identify(socket, next));
  const attachEvents = createClientEvents(context);
  io.on('connection', (socket) => onConnection(context, socket, attachEvents));

  if (redis) {
    watchRedis(redis, metrics, logger, {
      onCommandsBack: () => {
        void heartbeat.beat();
        void feeds.sweepAll();
      },
      onSubscriberReady: () => void feeds.sweepAll(),
    });
  } else {
    metrics.redisUp.set(1);
  }
  const sweeper = setInterval(() => void feeds.sweepLost(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    httpServer,
    context,
    async start() {
      await backend.start().catch((error: unknown) => logger.warn({ err: error }, 'Redis is not reachable yet; serving with /readyz = redis_unavailable until it is'));
      heartbeat.start();
      roomCounts.start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      await metricsServer.listen();
      return httpServer.address() as AddressInfo;
    },
    async shutdown() {
      state.draining = true;
      clearInterval(sweeper);
      roomCounts.stop();
      await drainRelay({ io, transport, httpServer, presence, heartbeat, stores, logger, graceMs: config.presenceGraceMs, announce });
      // One last round: the other replicas hear which large rooms this replica's users left.
      await roomCounts.flush();
      feeds.close();
      await Promise.all([backend.close(), metricsServer.close()]);
    },
  };
}
