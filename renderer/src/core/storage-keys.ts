/** Every key the client persists, in one place so two features never share one by accident. */
export const STORAGE_KEYS = {
  identity: 'relay-chat.identity',
  outbox: 'relay-chat.outbox',
  rooms: 'relay-chat.rooms',
  locale: 'relay-chat.locale',
  /** The rooms muted on this device (the protocol keeps no preferences on the relay). */
  mutes: 'relay-chat.mutes',
  /** + `.<user id>`: the last open room and the unsent drafts of that user. */
  view: 'relay-chat.view',
} as const;
