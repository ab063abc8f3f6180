import { roomJoinSchema, roomLeaveSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
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
      return oneJoinAtATime(socket, () => joinRoom(ctx, socket, room, since));
    }),
    'room:leave': validatedEvent(ctx, 'room:leave', roomLeaveSchema, async (socket, { room }) => {
      if (!socket.data.presenceRooms.has(room) && !socket.rooms.has(room)) return failure('not_in_room', `You are not in room "${room}".`);
      await leaveRoom(ctx, socket, room, 'left');
      return { ok: true };
    }),
  };
}

/**
 * Runs a connection's joins one after another. Each answer can be half a MB; answered one at a
 * time, the next one is read only after the previous one was queued and the connection's backlog
 * checked (event-handler.ts), so a client that never reads cannot make the relay hold twenty
 * answers at once. Clients that join several rooms at once just get their answers in turn.
 */
function oneJoinAtATime<T>(socket: RelaySocket, join: () => Promise<T>): Promise<T> {
  const previous = socket.data.joinInFlight;
  const run = previous ? previous.then(join, join) : join();
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  socket.data.joinInFlight = settled;
  void settled.then(() => {
    if (socket.data.joinInFlight === settled) socket.data.joinInFlight = undefined;
  });
  return run;
}
