import { ROOM_USERS_LIMIT_DEFAULT, roomUsersSchema } from '../../shared/index.js';
import { failure } from '../messaging/ack-failure.js';
import type { RelayContext } from '../relay-context.js';
import { roomUsersPage } from '../rooms/room-users.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

/**
 * v1.1 `room:users`: a page of a room's online users (the join answer holds only the newest
 * 100). Like the HTTP read it mirrors it needs no membership, and it shares its budget
 * (HTTP_READS_PER_SEC), counted per user: a page of 200 names is a read worth limiting.
 */
export function roomUsersHandler(ctx: RelayContext): EventHandler {
  return validatedEvent(ctx, 'room:users', roomUsersSchema, async (socket, { room, after, limit = ROOM_USERS_LIMIT_DEFAULT }) => {
    if (ctx.limits.userPages && !ctx.limits.userPages.take(socket.data.user.id)) {
      ctx.metrics.rateLimited.inc({ action: 'room_users' });
      return failure('rate_limited', `At most ${ctx.config.httpReadsPerSec} user pages a second: wait a moment, then ask again.`);
    }
    return { ok: true, ...(await roomUsersPage(ctx, room, after, limit)) };
  });
}
