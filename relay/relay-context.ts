import type { RelayConfig } from './config.js';
import type { LocalUsers } from './connection/local-users.js';
import type { LocalRateLimiter } from './limits/local-rate-limiter.js';
import type { RoomFeeds } from './delivery/room-feeds.js';
import type { Logger } from './logger.js';
import type { RelayMetrics } from './metrics.js';
import type { PresenceTracker } from './presence/presence-tracker.js';
import type { SenderRecency } from './presence/sender-recency.js';
import type { RelayServer } from './socket-types.js';
import type { RelayStores } from './store/relay-stores.js';
import type { RelayTransport } from './transport/relay-transport.js';

/** Everything handlers and routes need, passed in explicitly (no module-level state). */
export interface RelayContext {
  config: RelayConfig;
  logger: Logger;
  io: RelayServer;
  stores: RelayStores;
  transport: RelayTransport;
  feeds: RoomFeeds;
  presence: PresenceTracker;
  /** Moves senders up in their room's newest users (the join answer's `users`). */
  senders: SenderRecency;
  metrics: RelayMetrics;
  localUsers: LocalUsers;
  /** `userPages` (room:users per user) is absent when HTTP_READS_PER_SEC is 0, as the HTTP reads' limit. */
  limits: { joins: LocalRateLimiter; renames: LocalRateLimiter; userPages: LocalRateLimiter | undefined };
  /** More than one replica may exist (Redis mode): cross-replica signals are needed. */
  clustered: boolean;
  /** What /readyz answers (relay/http/readiness.ts). */
  readiness(): Promise<'ready' | 'draining' | 'redis_unavailable'>;
}
