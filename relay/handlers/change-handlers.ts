import { messageDeleteSchema, messageEditSchema, messageReactSchema, roomTopicSchema } from '../../shared/index.js';
import { changeMessage } from '../messaging/change-message.js';
import { failure } from '../messaging/ack-failure.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

type ChangeEvent = 'message:edit' | 'message:delete' | 'message:react' | 'room:topic';

const notIn = (room: string) => failure('not_in_room', `Join room "${room}" before changing anything in it.`);
const member = (socket: RelaySocket, room: string) => socket.rooms.has(room);
/** The author's copy of the entry and the ack leave in one write (RelayTransport.holdWrites). */
export const holdWrites = (ctx: RelayContext, socket: RelaySocket) => () => ctx.transport.holdWrites(socket);

/** v1.1: edits, deletes, reactions and topics: entries of the room's stream, like messages. */
export function changeHandlers(ctx: RelayContext): Record<ChangeEvent, EventHandler> {
  return {
    'message:edit': validatedEvent(ctx, 'message:edit', messageEditSchema, async (socket, { room, id, text, clientId }) =>
      member(socket, room) ? changeMessage(ctx, { kind: 'edit', room, clientId, targetId: id, text, user: socket.data.user, beforeLocalDelivery: holdWrites(ctx, socket) }) : notIn(room),
    ),
    'message:delete': validatedEvent(ctx, 'message:delete', messageDeleteSchema, async (socket, { room, id, clientId }) =>
      member(socket, room) ? changeMessage(ctx, { kind: 'delete', room, clientId, targetId: id, user: socket.data.user, beforeLocalDelivery: holdWrites(ctx, socket) }) : notIn(room),
    ),
    'message:react': validatedEvent(ctx, 'message:react', messageReactSchema, async (socket, { room, id, emoji, on, clientId }) =>
      member(socket, room) ? changeMessage(ctx, { kind: 'reaction', room, clientId, targetId: id, emoji, on, user: socket.data.user, beforeLocalDelivery: holdWrites(ctx, socket) }) : notIn(room),
    ),
    'room:topic': validatedEvent(ctx, 'room:topic', roomTopicSchema, async (socket, { room, topic, clientId }) =>
      member(socket, room) ? changeMessage(ctx, { kind: 'topic', room, clientId, text: topic, user: socket.data.user, beforeLocalDelivery: holdWrites(ctx, socket) }) : notIn(room),
    ),
  };
}
