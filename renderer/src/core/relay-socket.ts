import { io, type Socket } from 'socket.io-client';
import type { HandshakeAuth } from '../../../shared/protocol-types.js';
import { RECONNECT_BACKOFF } from '../../../shared/reconnect-backoff.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.js';

export type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket. WebSocket only: no long-polling round trips through the load balancer, and
 * sticky sessions are not needed. Reconnects forever with fully jittered exponential backoff
 * (shared/reconnect-backoff.ts). Even the first attempt is spread
 * over a second, so the clients of a dead replica do not all arrive at a survivor at once; a
 * survivor that is busy anyway turns some away (MAX_CONNECT_RATE) and they retry later.
 * `auth` is a function because socket.io reads it at every (re)connect: the token received on the
 * first connection is what the next one must present.
 */
export function createRelaySocket(relayUrl: string, auth: () => HandshakeAuth): RelaySocket {
  return io(relayUrl, {
    transports: ['websocket'],
    autoConnect: false,
    reconnection: true,
    ...RECONNECT_BACKOFF,
    auth: (cb) => cb({ ...auth() }),
  });
}
