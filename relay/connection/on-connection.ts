import { LOBBY } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { joinRoom } from '../rooms/room-membership.js';
import type { RelaySocket } from '../socket-types.js';

/**
 * A new connection: handlers first (`attachEvents`, synchronously, so no early event is missed),
 * then the lobby, then `session` — sent in the same step that attaches the socket to the lobby,
 * so it precedes every live message and lobby sends already work when the client gets it.
 */
export function onConnection(ctx: RelayContext, socket: RelaySocket, attachEvents: (socket: RelaySocket) => void): void {
  ctx.localUsers.add(socket);
  ctx.metrics.connections.inc();
  attachEvents(socket);

  const { user, token = '', resumed } = socket.data;
  socket.data.token = undefined;
  const sendSession = () => socket.emit('session', { user: socket.data.user, token, resumed, replica: ctx.config.replicaId });
  joinRoom(ctx, socket, LOBBY, undefined, sendSession, false).catch(
    (error: unknown) => {
      // The store is unreachable: close the transport so the client reconnects by itself
      // (with backoff, maybe through another replica) instead of sitting in a half session.
      ctx.logger.warn({ err: error, user: user.id }, 'could not set up the session; closing the transport');
      ctx.transport.drop(socket);
    },
  );
}
