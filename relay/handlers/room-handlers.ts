import { roomJoinSchema, roomLeaveSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { joinRoom, leaveRoom } from '../rooms/room-membership.js';
import { failure } from '../messaging/ack-failure.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

export function roomHandlers(ctx: RelayContext): Record<'room:join' | 'room:leave', EventHandler> {
  return {
    'room:join': validatedEvent(ctx, 'room:join', roomJoinSchema, async (socket, { room, since }) => {
      if (!ctx.limits.joins.take(socket.id)) {
        ctx.metrics.rateLimited.inc({ action: 'join' });
        return failure('rate_limited', 'Too many joins: wait a moment, then join again.');
      }
      const max = ctx.config.maxRoomsPerConnection;
      if (!socket.data.presenceRooms.has(room) && socket.data.presenceRooms.size >= max) {
        ctx.metrics.rateLimited.inc({ action: 'rooms' });
        return failure('rate_limited', `A connection can be in at most ${max} rooms: leave one first.`);
      }
      return joinRoom(ctx, socket, room, since);
    }),
    'room:leave': validatedEvent(ctx, 'room:leave', roomLeaveSchema, async (socket, { room }) => {
      if (!socket.data.presenceRooms.has(room) && !socket.rooms.has(room)) return failure('not_in_room', `You are not in room "${room}".`);
      await leaveRoom(ctx, socket, room, 'left');
      return { ok: true };
    }),
  };
}
