import { io, type Socket } from 'socket.io-client';
import type { HandshakeAuth } from '../../../shared/protocol-types.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.js';

export type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket. WebSocket only: no long-polling round trips through the load balancer, and
 * sticky sessions are not needed. Reconnects forever with jittered exponential backoff, so a
 * drained or dead replica does not bring all its clients back at the same instant.
 * `auth` is a function because socket.io reads it at every (re)connect: the token received on the
 * first connection is what the next one must present.
 */
export function createRelaySocket(relayUrl: string, auth: () => HandshakeAuth): RelaySocket {
  return io(relayUrl, {
    transports: ['websocket'],
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 8000,
    randomizationFactor: 0.5,
    auth: (cb) => cb({ ...auth() }),
  });
}
