import { io, type Socket } from 'socket.io-client';
import type { HandshakeAuth } from '../../../shared/protocol-types.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.js';

export type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket. WebSocket only: no long-polling round trips through the load balancer, and
 * sticky sessions are not needed. Reconnects forever with fully jittered exponential backoff:
 * attempt n waits a random time in [0, 2 × 500 ms × 2ⁿ], at most 8 s (socket.io-client's backoff
 * with randomizationFactor 1 adds or subtracts up to 100 %). Even the first attempt is spread
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
    reconnectionDelay: 500,
    reconnectionDelayMax: 8000,
    randomizationFactor: 1,
    auth: (cb) => cb({ ...auth() }),
  });
}
