import type { Message } from '../../../shared/protocol-types.js';
import type { ChatClient } from './chat-client.js';

/** What a new message deserves while the user is away: a mention says so, a plain message just notifies. */
export type NotifyKind = 'mention' | 'message';

export interface NotifyFacts {
  /** The window (tab or desktop window) is hidden: the user cannot see the message arrive. */
  hidden: boolean;
  /** The user muted the message's room. */
  muted: boolean;
  /** The message mentions the user (contract v1.1 `mentions`). */
  mentioned: boolean;
  /** The user wrote it (on this or another connection). */
  own: boolean;
}

/**
 * Whether a new message notifies, and how. Muting silences the room's chatter but never a
 * mention: someone asking for you by name must still reach you (Element, Slack and Mattermost
 * behave the same way).
 */
export function notifyKind({ hidden, muted, mentioned, own }: NotifyFacts): NotifyKind | undefined {
  if (own || !hidden) return undefined;
  if (mentioned) return 'mention';
  return muted ? undefined : 'message';
}

export function mentionsMe(message: Pick<Message, 'mentions'>, myId: string | undefined): boolean {
  return myId !== undefined && (message.mentions ?? []).includes(myId);
}

/**
 * How many of a room's `unread` newest messages mention the user. The unread count is kept as a
 * number (the relay sends one on join), so the unread messages are taken to be the newest ones
 * from others that the client holds.
 */
export function unreadMentions(messages: readonly Message[], unread: number, myId: string | undefined): number {
  let seen = 0;
  let mentions = 0;
  for (let i = messages.length - 1; i >= 0 && seen < unread; i--) {
    const m = messages[i];
    if (!m || m.deleted || m.kind !== 'text' || m.user.id === myId) continue;
    seen++;
    if (mentionsMe(m, myId)) mentions++;
  }
  return mentions;
}

/** One room as the unread badges see it. */
export interface RoomAttention {
  unread: number;
  /** Unread messages that mention the user (≤ unread); counted only where the badge needs them, in muted rooms, else 0. */
  mentions: number;
  muted: boolean;
}

/**
 * The number on the tab title, the dock/tray and the rooms button: a muted room's unread messages
 * still show in the room list (greyed) but count here only where they mention the user.
 */
export function badgeCount(rooms: Iterable<RoomAttention>): number {
  let total = 0;
  for (const room of rooms) total += room.muted ? room.mentions : room.unread;
  return total;
}

/** Every joined room's badge facts, in list order, from what the client holds. */
export function roomsAttention(client: Pick<ChatClient, 'rooms' | 'room' | 'me'>, isMuted: (room: string) => boolean): Array<RoomAttention & { name: string }> {
  return client.rooms.map((name) => {
    const state = client.room(name);
    const unread = state?.unread ?? 0;
    const muted = isMuted(name);
    // Only a muted room needs its mentions counted apart; the walk over the log is skipped otherwise.
    const mentions = muted && state ? unreadMentions(state.log.messages, unread, client.me?.id) : 0;
    return { name, unread, mentions, muted };
  });
}
