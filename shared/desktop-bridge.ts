/**
 * What the Electron preload exposes to the renderer as `window.desktop` (absent in a browser).
 * One named function per capability; the renderer never sees `ipcRenderer`.
 */
export interface DesktopNotification {
  title: string;
  body: string;
  /** The room the notification is about; clicking it focuses the window and opens the room. */
  room: string;
}

export interface DesktopSettings {
  /** Base URL of the relay, e.g. "http://localhost:3000". */
  relayUrl: string;
}

export interface DesktopBridge {
  getSettings(): Promise<DesktopSettings>;
  notify(notification: DesktopNotification): void;
  /** Total unread count across rooms, shown on the tray icon / dock badge. */
  setUnreadCount(count: number): void;
  /** Called when the user clicks a notification; returns an unsubscribe function. */
  onOpenRoom(listener: (room: string) => void): () => void;
}

/**
 * The origin of the desktop app's bundled page (a privileged custom scheme, not file://). The
 * relay always allows it, like its own origin.
 */
export const DESKTOP_APP_ORIGIN = 'relay-chat://app';
