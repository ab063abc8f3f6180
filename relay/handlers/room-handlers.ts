import { roomJoinSchema, roomLeaveSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { joinRoom, leaveRoom } from '../rooms/room-membership.js';
import type { RelaySocket } from '../socket-types.js';
import { failure } from './ack-result.js';
import { onEvent } from './on-event.js';

export function registerRoomHandlers(ctx: RelayContext, socket: RelaySocket): void {
  onEvent(ctx, socket, 'room:join', roomJoinSchema, async ({ room, since }) => {
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
  });
  onEvent(ctx, socket, 'room:leave', roomLeaveSchema, async ({ room }) => {
    if (!socket.data.presenceRooms.has(room) && !socket.rooms.has(room)) return failure('not_in_room', `You are not in room "${room}".`);
    await leaveRoom(ctx, socket, room, 'left');
    return { ok: true };
  });
}
