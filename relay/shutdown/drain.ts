import type { Server as HttpServer } from 'node:http';
import type { Logger } from '../logger.js';
import type { PresenceHeartbeat } from '../presence/presence-heartbeat.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import type { RelayStores } from '../relay-context.js';
import type { RelayServer } from '../socket-types.js';

/** Clients are told to expect a reconnect this soon (they reconnect by themselves anyway). */
const RECONNECT_IN_MS = 500;
/** Time for the draining notice to be written before the transports close. */
const NOTICE_FLUSH_MS = 200;

/**
 * Moves every client of this replica elsewhere without a flicker in presence: tell them, then
 * close each transport the way a lost network would (standard clients reconnect by themselves;
 * a server-side disconnect would make them give up), keep heart-beating while the presence holds
 * run out (users that reconnected through another replica stay present there), then leave.
 */
export async function drainRelay(parts: {
  io: RelayServer;
  httpServer: HttpServer;
  presence: PresenceTracker;
  heartbeat: PresenceHeartbeat;
  stores: RelayStores;
  logger: Logger;
  graceMs: number;
}): Promise<void> {
  const { io, httpServer, presence, heartbeat, stores, logger } = parts;
  const sockets = [...io.of('/').sockets.values()];
  logger.info({ connections: sockets.length }, 'draining: moving clients to other replicas');
  io.local.emit('relay:draining', { reconnectInMs: RECONNECT_IN_MS });
  await new Promise((resolve) => setTimeout(resolve, NOTICE_FLUSH_MS));
  httpServer.close();
  for (const socket of io.of('/').sockets.values()) socket.conn.close();
  httpServer.closeIdleConnections();
  await presence.settle(parts.graceMs + 1000);
  heartbeat.stop();
  await stores.presence.removeSelf().catch((error: unknown) => logger.warn({ err: error }, 'could not unregister this replica; peers will reap it'));
  io.engine.close();
  httpServer.closeAllConnections();
  logger.info('drained');
}
