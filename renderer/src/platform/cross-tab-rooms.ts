import type { ChatClient } from '../core/chat-client.js';
import type { RoomMutes } from '../core/room-mutes.js';
import { STORAGE_KEYS } from '../core/storage-keys.js';

/**
 * Keeps the room list of this tab in step with the other tabs of the same user. The relay tells
 * a user's other connections about renames only, so joins and leaves travel through the browser.
 *
 * The `storage` event rather than a BroadcastChannel: every tab already saves its room list in
 * localStorage on each change, the browser fires the event in the *other* tabs only (no echo to
 * filter out) and only when the value really changed (so two tabs settling on one list do not
 * ping-pong), and the saved list is the truth a late-opened tab reads anyway — no second message
 * format to keep in step with it.
 */
export function followOtherTabs(client: Pick<ChatClient, 'followSavedRooms'>, target: Window = window): () => void {
  return onSaved(STORAGE_KEYS.rooms, () => client.followSavedRooms(), target);
}

/** The same for the muted rooms: a mute set in one tab silences the room in all of them. */
export function followOtherTabsMutes(mutes: Pick<RoomMutes, 'reload'>, target: Window = window): () => void {
  return onSaved(STORAGE_KEYS.mutes, () => mutes.reload(), target);
}

function onSaved(key: string, follow: () => void, target: Window): () => void {
  const onStorage = (event: StorageEvent) => {
    // key null: storage.clear() in another tab.
    if (event.key === key || event.key === null) follow();
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
}
