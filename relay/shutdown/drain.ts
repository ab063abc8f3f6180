import type { Server as HttpServer } from 'node:http';
import type { Logger } from '../logger.js';
import type { PresenceHeartbeat } from '../presence/presence-heartbeat.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import type { RelayStores } from '../store/relay-stores.js';
import type { RelayTransport } from '../transport/relay-transport.js';
import type { PresenceTransition } from '../store/presence-store.js';
import type { LeaveReason } from '../../shared/index.js';
import type { RelayServer } from '../socket-types.js';

/** Clients are told to expect a reconnect this soon (they reconnect by themselves anyway). */
const RECONNECT_IN_MS = 500;
/** Time for the draining notice to be written before the transports close. */
const NOTICE_FLUSH_MS = 200;

/**
 * Moves every client of this replica elsewhere without a flicker in presence: tell them, then
 * drop each connection the way a lost network would (standard clients reconnect by themselves;
 * a server-side disconnect would make them give up), keep heart-beating while the presence holds
 * run out (users that reconnected through another replica stay present there), then leave.
 */
export async function drainRelay(parts: {
  io: RelayServer;
  transport: RelayTransport;
  httpServer: HttpServer;
  presence: PresenceTracker;
  heartbeat: PresenceHeartbeat;
  stores: RelayStores;
  logger: Logger;
  graceMs: number;
  announce(flips: PresenceTransition[], reason: LeaveReason): Promise<void>;
}): Promise<void> {
  const { io, transport, httpServer, presence, heartbeat, stores, logger } = parts;
  const sockets = [...io.of('/').sockets.values()];
  logger.info({ connections: sockets.length }, 'draining: moving clients to other replicas');
  io.local.emit('relay:draining', { reconnectInMs: RECONNECT_IN_MS });
  await new Promise((resolve) => setTimeout(resolve, NOTICE_FLUSH_MS));
  transport.dropAll();
  httpServer.close();
  httpServer.closeIdleConnections();
  // Transports close asynchronously; their presence holds start only when they have.
  const closeDeadline = Date.now() + 2000;
  while (io.of('/').sockets.size > 0 && Date.now() < closeDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await presence.settle(parts.graceMs + 1000);
  heartbeat.stop();
  try {
    await parts.announce(await stores.presence.removeSelf(), 'disconnected');
  } catch (error) {
    logger.warn({ err: error }, 'could not unregister this replica; peers will reap it');
  }
  transport.close();
  httpServer.closeAllConnections();
  logger.info('drained');
}
