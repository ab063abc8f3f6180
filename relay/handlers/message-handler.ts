import { messageSchema } from '../../shared/index.js';
import { sendMessage, type SendInput } from '../messaging/send-message.js';
import type { RelayContext } from '../relay-context.js';
import { failure } from '../messaging/ack-failure.js';
import { holdWrites, validatedEvent, type EventHandler } from './event-handler.js';

export function messageHandler(ctx: RelayContext): EventHandler {
  // Not async: sendMessage's promise is the answer as it is, not wrapped in one more per send.
  return validatedEvent(ctx, 'message', messageSchema, (socket, { room, text, clientId, replyTo, mentions }) => {
    if (!socket.rooms.has(room)) return Promise.resolve(failure('not_in_room', `Join room "${room}" before sending to it.`));
    // Named properties, no spreads: every send passes here (Node 20's slow path for spreads).
    const input: SendInput = { room, text, clientId, user: socket.data.user, via: 'socket', beforeLocalDelivery: holdWrites(ctx, socket) };
    if (replyTo !== undefined) input.replyTo = replyTo;
    if (mentions !== undefined) input.mentions = mentions;
    return sendMessage(ctx, input);
  });
}
