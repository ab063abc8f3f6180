import { messageDeleteSchema, messageEditSchema, messageReactSchema, roomTopicSchema } from '../../shared/index.js';
import { changeMessage, type ChangeInput } from '../messaging/change-message.js';
import { failure } from '../messaging/ack-failure.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { holdWrites, validatedEvent, type EventHandler } from './event-handler.js';

type ChangeEvent = 'message:edit' | 'message:delete' | 'message:react' | 'room:topic';

const notIn = (room: string) => failure('not_in_room', `Join room "${room}" before changing anything in it.`);

/** v1.1: edits, deletes, reactions and topics: entries of the room's stream, like messages. */
export function changeHandlers(ctx: RelayContext): Record<ChangeEvent, EventHandler> {
  /** A member's change, as the socket's user, its copy and ack in one write. */
  const change = (socket: RelaySocket, input: Omit<ChangeInput, 'user' | 'beforeLocalDelivery'>) =>
    socket.rooms.has(input.room) ? changeMessage(ctx, Object.assign(input, { user: socket.data.user, beforeLocalDelivery: holdWrites(ctx, socket) })) : notIn(input.room);
  return {
    'message:edit': validatedEvent(ctx, 'message:edit', messageEditSchema, async (socket, { room, id, text, clientId }) => change(socket, { kind: 'edit', room, clientId, targetId: id, text })),
    'message:delete': validatedEvent(ctx, 'message:delete', messageDeleteSchema, async (socket, { room, id, clientId }) => change(socket, { kind: 'delete', room, clientId, targetId: id })),
    'message:react': validatedEvent(ctx, 'message:react', messageReactSchema, async (socket, { room, id, emoji, on, clientId }) =>
      change(socket, { kind: 'reaction', room, clientId, targetId: id, emoji, on }),
    ),
    'room:topic': validatedEvent(ctx, 'room:topic', roomTopicSchema, async (socket, { room, topic, clientId }) => change(socket, { kind: 'topic', room, clientId, text: topic })),
  };
}
