import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { DesktopNotification, DesktopSettings } from '../../shared/desktop-bridge.js';
import { IPC_CHANNELS } from '../ipc-channels.js';
import { notificationPayloadSchema, unreadCountSchema } from './ipc-payloads.js';
import { isTrustedSender } from './ipc-sender.js';
import type { SaveSettingsResult } from './settings.js';

export type PageName = 'renderer' | 'settings';

/**
 * The IPC allowlist: the only channels the main process listens on, each with the pages that
 * may use it. Anything else a page sends reaches no handler.
 */
export const INBOUND_CHANNELS = {
  [IPC_CHANNELS.getSettings]: ['renderer', 'settings'],
  [IPC_CHANNELS.saveSettings]: ['settings'],
  [IPC_CHANNELS.notify]: ['renderer'],
  [IPC_CHANNELS.setUnreadCount]: ['renderer'],
} as const satisfies Record<string, readonly PageName[]>;

type InboundChannel = keyof typeof INBOUND_CHANNELS;

export interface IpcDeps {
  /** Where each page is served from: the bundled scheme, or the dev server for the renderer. */
  pageOrigins: Readonly<Record<PageName, string>>;
  getSettings(): DesktopSettings;
  saveSettings(input: unknown): Promise<SaveSettingsResult>;
  notify(notification: DesktopNotification): void;
  setUnreadCount(count: number): void;
  warn(message: string): void;
}

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'on'>, deps: IpcDeps): void {
  const fromAllowedPage = (channel: InboundChannel, event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const origins = INBOUND_CHANNELS[channel].map((page) => deps.pageOrigins[page]);
    let frameUrl = 'a frame that is gone';
    try {
      // Reading a frame that navigated away or was destroyed meanwhile can throw.
      frameUrl = event.senderFrame?.url ?? frameUrl;
      if (isTrustedSender(event.senderFrame, origins)) return true;
    } catch {
      // fall through: refused
    }
    deps.warn(`Refused IPC "${channel}" from ${frameUrl}.`);
    return false;
  };

  ipcMain.handle(IPC_CHANNELS.getSettings, (event) => {
    if (!fromAllowedPage(IPC_CHANNELS.getSettings, event)) throw new Error('Refused: not an app page.');
    return deps.getSettings();
  });

  ipcMain.handle(IPC_CHANNELS.saveSettings, (event, input: unknown) => {
    if (!fromAllowedPage(IPC_CHANNELS.saveSettings, event)) throw new Error('Refused: not the settings page.');
    return deps.saveSettings(input);
  });

  ipcMain.on(IPC_CHANNELS.notify, (event, input: unknown) => {
    if (!fromAllowedPage(IPC_CHANNELS.notify, event)) return;
    const parsed = notificationPayloadSchema.safeParse(input);
    if (parsed.success) deps.notify(parsed.data);
    else deps.warn(`Ignored a malformed notification: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  });

  ipcMain.on(IPC_CHANNELS.setUnreadCount, (event, input: unknown) => {
    if (!fromAllowedPage(IPC_CHANNELS.setUnreadCount, event)) return;
    const parsed = unreadCountSchema.safeParse(input);
    if (parsed.success) deps.setUnreadCount(parsed.data);
    else deps.warn('Ignored an unread count that is not a whole number ≥ 0.');
  });
}
