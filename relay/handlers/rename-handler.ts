import { renameSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { failure } from '../messaging/ack-failure.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

/**
 * `rename`: the name is stored centrally and every replica's connections of the user take it.
 * `user:renamed` goes to the user's rooms of at most PRESENCE_NOTICE_MAX users (the large-room
 * rule: no notice per change to thousands), and always to the user's own connections, which
 * are told directly when they are in none of those rooms.
 */
export function renameHandler(ctx: RelayContext): EventHandler {
  const confirmToOwn = (userId: string, name: string, previousName: string, noticeRooms: readonly string[]) => {
    for (const socket of ctx.localUsers.socketsOf(userId)) {
      if (!noticeRooms.some((room) => socket.rooms.has(room))) socket.emit('user:renamed', { user: { id: userId, name }, previousName });
    }
  };
  // The receiving end of the serverSideEmit below: another replica's user renamed, and this
  // replica's connections of that user send under the new name from now on.
  ctx.io.on('user:renamed', (userId, name, previousName, noticeRooms) => {
    ctx.localUsers.rename(userId, name);
    if (previousName !== undefined && previousName !== name && Array.isArray(noticeRooms)) confirmToOwn(userId, name, previousName, noticeRooms);
  });
  return validatedEvent(ctx, 'rename', renameSchema, async (socket, { name }) => {
    const { id, name: previousName } = socket.data.user;
    if (!ctx.limits.renames.take(id)) {
      ctx.metrics.rateLimited.inc({ action: 'rename' });
      return failure('rate_limited', `At most ${ctx.config.renamesPerMinute} renames a minute: try again shortly.`);
    }
    await ctx.stores.users.setName(id, name);
    ctx.localUsers.rename(id, name);
    const noticeRooms = previousName === name ? [] : await roomsWithNotices(ctx, id);
    // Other replicas update their sockets of this user, so later sends carry the new name.
    if (ctx.clustered) ctx.io.serverSideEmit('user:renamed', id, name, previousName, noticeRooms);
    const user = { id, name };
    if (previousName !== name) {
      if (noticeRooms.length > 0) ctx.io.to(noticeRooms).emit('user:renamed', { user, previousName });
      confirmToOwn(id, name, previousName, noticeRooms);
    }
    return { ok: true, user };
  });
}

/** The user's rooms small enough for notices (their counts read together). */
async function roomsWithNotices(ctx: RelayContext, userId: string): Promise<string[]> {
  const rooms = await ctx.stores.presence.roomsOf(userId);
  const counts = await Promise.all(rooms.map((room) => ctx.stores.presence.count(room)));
  return rooms.filter((_, i) => (counts[i] ?? 0) <= ctx.config.presenceNoticeMax);
}
