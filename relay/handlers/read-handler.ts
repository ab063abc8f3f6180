import { roomReadSchema } from '../../shared/index.js';
import { failure } from '../messaging/ack-failure.js';
import type { RelayContext } from '../relay-context.js';
import { withStoreTimeout } from '../store/store-timeout.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

/**
 * v1.1 `room:read`: stores how far the user has read (only forward) and tells the user's other
 * connections — on this replica directly, on the others through the adapter — whether or not
 * they joined the room, so every tab and device clears the same unread count.
 */
export function readHandler(ctx: RelayContext): EventHandler {
  const tellOthers = (userId: string, room: string, readSeq: number, except: string) => {
    for (const socket of ctx.localUsers.socketsOf(userId)) if (socket.id !== except) socket.emit('room:read', { room, readSeq });
  };
  ctx.io.on('room:read', tellOthers);
  return validatedEvent(ctx, 'room:read', roomReadSchema, async (socket, { room, seq }) => {
    if (!socket.rooms.has(room)) return failure('not_in_room', `Join room "${room}" before marking it read.`);
    const userId = socket.data.user.id;
    const { readSeq, moved } = await withStoreTimeout(ctx.stores.messages.markRead(room, userId, seq));
    if (moved) {
      tellOthers(userId, room, readSeq, socket.id);
      if (ctx.clustered) ctx.io.serverSideEmit('room:read', userId, room, readSeq, socket.id);
    }
    return { ok: true, readSeq };
  });
}
