/**
 * Every IPC channel the app uses, shared by the main process and the preloads so a typo is a
 * compile error. Main registers handlers for the inbound ones only (see main/ipc.ts), each
 * with the pages allowed to call it.
 */
export const IPC_CHANNELS = {
  /** invoke, renderer + settings page → main: the current settings. */
  getSettings: 'settings:get',
  /** invoke, settings page → main: validate and store new settings. */
  saveSettings: 'settings:save',
  /** send, renderer → main: show a native notification. */
  notify: 'notification:show',
  /** send, renderer → main: total unread count for tray and badge. */
  setUnreadCount: 'unread-count:set',
  /** main → renderer: the user clicked a notification about this room. */
  openRoom: 'room:open',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
