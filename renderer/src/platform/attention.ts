import type { Message } from '../../../shared/protocol-types.js';
import type { ChatClient } from '../core/chat-client.js';
import { badgeCount, mentionsMe, notifyKind, roomsAttention } from '../core/room-attention.js';
import type { RoomMutes } from '../core/room-mutes.js';
import type { Params } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/messages.js';

export interface AttentionDeps {
  client: ChatClient;
  /** Muted rooms notify and count only where they mention the user. */
  mutes: Pick<RoomMutes, 'isMuted' | 'events'>;
  /** Opens a room in the UI (a notification was clicked). */
  openRoom(room: string): void;
  t(key: MessageKey, params?: Params): string;
  isHidden(): boolean;
}

const BODY_MAX = 140;

/**
 * Draws the user back when the window is hidden: a notification per new message (the desktop
 * bridge in Electron, the Notification API in a browser) and the unread total on the tray/dock.
 * A message mentioning the user (v1.1) says so in the notification's title. A muted room stays
 * quiet except for mentions (see `notifyKind`).
 */
export function attachAttention({ client, mutes, openRoom, t, isHidden }: AttentionDeps): () => void {
  const desktop = window.desktop;
  const offOpen = desktop?.onOpenRoom(openRoom);

  const notify = (message: Message) => {
    const myId = client.me?.id;
    const kind = notifyKind({ hidden: isHidden(), muted: mutes.isMuted(message.room), mentioned: mentionsMe(message, myId), own: message.user.id === myId });
    if (kind === undefined) return;
    const title = t(kind === 'mention' ? 'notification.mention' : 'notification.title', { name: message.user.name, room: message.room });
    const body = message.text.length > BODY_MAX ? `${message.text.slice(0, BODY_MAX)}…` : message.text;
    if (desktop) {
      desktop.notify({ title, body, room: message.room });
      return;
    }
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const notification = new Notification(title, { body, tag: `room:${message.room}` });
    notification.onclick = () => {
      window.focus();
      openRoom(message.room);
      notification.close();
    };
  };
  const offIncoming = client.events.on('incoming', notify);
  const showCount = () => desktop?.setUnreadCount(badgeCount(roomsAttention(client, (room) => mutes.isMuted(room))));
  const offRooms = client.events.on('rooms', showCount);
  const offMutes = mutes.events.on('changed', showCount);

  return () => {
    offOpen?.();
    offIncoming();
    offRooms();
    offMutes();
  };
}

/** Browsers only grant this in response to a user gesture, so we ask on the first send. */
export function askNotificationPermissionOnce(): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
