import type { Message } from '../../../shared/protocol-types.js';
import type { ChatClient } from '../core/chat-client.js';
import type { Params } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/messages.js';

export interface AttentionDeps {
  client: ChatClient;
  /** Opens a room in the UI (a notification was clicked). */
  openRoom(room: string): void;
  t(key: MessageKey, params?: Params): string;
  isHidden(): boolean;
}

const BODY_MAX = 140;

/**
 * Draws the user back when the window is hidden: a notification per new message (the desktop
 * bridge in Electron, the Notification API in a browser) and the unread total on the tray/dock.
 * A message mentioning the user (v1.1) says so in the notification's title.
 */
export function attachAttention({ client, openRoom, t, isHidden }: AttentionDeps): () => void {
  const desktop = window.desktop;
  const offOpen = desktop?.onOpenRoom(openRoom);

  const notify = (message: Message) => {
    if (!isHidden()) return;
    // A mention says so in the title; there is no muting yet, so every message notifies while hidden.
    const mentioned = client.me !== undefined && (message.mentions ?? []).includes(client.me.id);
    const title = t(mentioned ? 'notification.mention' : 'notification.title', { name: message.user.name, room: message.room });
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
  const offRooms = client.events.on('rooms', () => desktop?.setUnreadCount(client.totalUnread));

  return () => {
    offOpen?.();
    offIncoming();
    offRooms();
  };
}

/** Browsers only grant this in response to a user gesture, so we ask on the first send. */
export function askNotificationPermissionOnce(): void {
  if (window.desktop || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
