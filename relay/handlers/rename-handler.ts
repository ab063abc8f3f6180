import { renameSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { failure } from '../messaging/ack-failure.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

export function renameHandler(ctx: RelayContext): EventHandler {
  // The receiving end of the serverSideEmit below: another replica's user renamed, and this
  // replica's connections of that user send under the new name from now on.
  ctx.io.on('user:renamed', (userId, name) => ctx.localUsers.rename(userId, name));
  return validatedEvent(ctx, 'rename', renameSchema, async (socket, { name }) => {
    const { id, name: previousName } = socket.data.user;
    if (!ctx.limits.renames.take(id)) {
      ctx.metrics.rateLimited.inc({ action: 'rename' });
      return failure('rate_limited', `At most ${ctx.config.renamesPerMinute} renames a minute: try again shortly.`);
    }
    await ctx.stores.users.setName(id, name);
    ctx.localUsers.rename(id, name);
    // Other replicas update their sockets of this user, so later sends carry the new name.
    if (ctx.clustered) ctx.io.serverSideEmit('user:renamed', id, name);
    const user = { id, name };
    const rooms = await ctx.stores.presence.roomsOf(id);
    if (previousName !== name && rooms.length > 0) ctx.io.to(rooms).emit('user:renamed', { user, previousName });
    return { ok: true, user };
  });
}
