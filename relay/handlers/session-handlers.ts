import { sessionCloseSchema } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { validatedEvent, type EventHandler } from './event-handler.js';

/**
 * Disconnect reasons that mean the client went away on purpose; everything else (transport
 * close, ping timeout, a draining replica) may be a network blip and gets the grace period.
 */
const DELIBERATE = new Set(['client namespace disconnect', 'server namespace disconnect']);

/**
 * v1.1: a closed session leaves its rooms after the grace period, with reason `closed`, and not at
 * all when the same user connects again within it: a page reload (close, then a new connection)
 * shows no left/joined pair, and a closed tab still reads "closed", not "connection lost".
 */
export function sessionCloseHandler(ctx: RelayContext): EventHandler {
  return validatedEvent(ctx, 'session:close', sessionCloseSchema, async (socket) => {
    socket.data.closedOnPurpose = true;
    const rooms = [...socket.data.presenceRooms];
    socket.data.presenceRooms.clear();
    const userId = socket.data.user.id;
    if (ctx.config.presenceGraceMs === 0) await Promise.all(rooms.map((room) => ctx.presence.exit(room, userId, 'closed')));
    else for (const room of rooms) ctx.presence.exitAfterGrace(room, userId, 'closed');
    // Disconnect after the ack has been written, so the client sees `{ ok: true }` first.
    setImmediate(() => socket.disconnect(true));
    return { ok: true };
  });
}

/** What a connection's end does: presence leaves (now, or after the grace period) and local clean-up. */
export function connectionEndHandlers(ctx: RelayContext) {
  return {
    disconnecting(socket: RelaySocket, reason: string): void {
      const userId = socket.data.user.id;
      for (const room of socket.data.presenceRooms) {
        if (DELIBERATE.has(reason) || ctx.config.presenceGraceMs === 0) void ctx.presence.exit(room, userId, 'disconnected');
        else ctx.presence.exitAfterGrace(room, userId);
      }
    },
    disconnect(socket: RelaySocket): void {
      ctx.localUsers.remove(socket);
      ctx.limits.joins.forget(socket.id);
      ctx.metrics.connections.dec();
      for (const room of socket.data.presenceRooms) ctx.feeds.releaseIfIdle(room);
      ctx.metrics.activeRooms.set(ctx.feeds.size);
    },
  };
}
