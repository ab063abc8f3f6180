import type { Ack, LeaveReason, RoomJoinResult } from '../../shared/index.js';
import { resolveUsers } from '../connection/user-names.js';
import { historyWindow, JOIN_USERS_MAX, LATEST_COUNT, SINCE_PAGE } from '../delivery/join-answer.js';
import { gatherInBatch, shareInBatch } from '../delivery/room-feed.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';

/**
 * Joins (or resumes) a room: presence first, so the answer lists the joiner; then the answer and
 * the socket's attachment happen inside the room feed's serialized section, so live messages
 * continue exactly after the answer's `lastSeq`. `onAttached` runs in the same synchronous step
 * as the attachment (used to send `session` before any live lobby message).
 */
export async function joinRoom(
  ctx: RelayContext,
  socket: RelaySocket,
  room: string,
  since: number | undefined,
  onAttached?: () => void,
  /** false for the automatic lobby join: nobody reads that answer, and its user list grows with the lobby. */
  withAnswer = true,
): Promise<Ack<RoomJoinResult>> {
  const userId = socket.data.user.id;
  if (!socket.data.presenceRooms.has(room)) {
    socket.data.presenceRooms.add(room);
    await ctx.presence.enter(room, userId);
  }
  const { stores } = ctx;
  const answer = await ctx.feeds.feed(room).join(
    async (view) => {
      if (!withAnswer) return { room, epoch: view.epoch, users: [], lastSeq: view.lastSeq, messages: [], truncated: false, readSeq: 0, unread: 0, topic: '', userCount: 0 };
      // Joiners that arrive together (a replica restart fills the lobby at once) share the parts
      // of the answer that are the same for all of them: the history window for the same `since`
      // and the newest users — read after every one of them was counted present.
      const [window, present, reader] = await Promise.all([
        shareInBatch(view, `history:${since ?? ''}`, () =>
          historyWindow(stores.messages, room, view, since, { latest: LATEST_COUNT, page: SINCE_PAGE, bytes: ctx.config.maxAnswerBytes }),
        ),
        // The newest arrivals and the count, not the whole room: a join into a room of n users
        // would otherwise cost O(n), and filling it O(n²). The rest is paged with room:users.
        shareInBatch(view, 'users', async () => {
          const recent = await stores.presence.recent(room, JOIN_USERS_MAX);
          return { users: await resolveUsers(recent.userIds, ctx.localUsers, stores.users), count: recent.count };
        }),
        // Each joiner's read position, for the whole batch in one round trip.
        gatherInBatch(view, 'reader', userId, (userIds) => stores.messages.readerStates(room, userIds, view.lastSeq)),
      ]);
      // Every property named, no spreads: Node 20 builds spread objects on a slow path, and this
      // runs twice per connection (the lobby join and the client's own).
      return {
        room,
        epoch: view.epoch,
        users: present.users,
        userCount: present.count,
        lastSeq: view.lastSeq,
        messages: window.messages,
        truncated: window.truncated,
        readSeq: reader.readSeq,
        unread: reader.unread,
        topic: reader.topic,
      };
    },
    () => {
      if (!socket.connected) return;
      void socket.join(room);
      onAttached?.();
    },
  );
  ctx.metrics.activeRooms.set(ctx.feeds.size);
  return Object.assign({ ok: true as const }, answer);
}

/** Takes the socket out of the room; the user leaves when it was their last connection there. */
export async function leaveRoom(ctx: RelayContext, socket: RelaySocket, room: string, reason: LeaveReason): Promise<void> {
  void socket.leave(room);
  if (socket.data.presenceRooms.delete(room)) await ctx.presence.exit(room, socket.data.user.id, reason);
  ctx.feeds.releaseIfIdle(room);
  ctx.metrics.activeRooms.set(ctx.feeds.size);
}
