import { messageSchema } from '../../shared/index.js';
import { sendMessage } from '../messaging/send-message.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { failure } from './ack-result.js';
import { onEvent } from './on-event.js';

export function registerMessageHandler(ctx: RelayContext, socket: RelaySocket): void {
  onEvent(ctx, socket, 'message', messageSchema, async ({ room, text, clientId }) => {
    if (!socket.rooms.has(room)) return failure('not_in_room', `Join room "${room}" before sending to it.`);
    return sendMessage(ctx, { room, text, clientId, user: socket.data.user, via: 'socket' });
  });
}
