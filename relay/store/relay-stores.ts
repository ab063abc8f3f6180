import type { MessageStore } from './message-store.js';
import type { PresenceStore } from './presence-store.js';
import type { UserStore } from './user-store.js';

/** The relay's storage, one implementation set per mode (memory or Redis). */
export interface RelayStores {
  messages: MessageStore;
  presence: PresenceStore;
  users: UserStore;
}
