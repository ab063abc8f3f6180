import { app, type BrowserWindow, type NativeImage } from 'electron';
import type { DesktopStrings } from '../locale/strings.js';
import type { AppTray } from './tray.js';

export interface UnreadIndicatorOptions {
  tray: AppTray;
  window: BrowserWindow;
  overlay: NativeImage;
  strings: DesktopStrings;
}

/**
 * One unread count, shown wherever the OS has a place for it: tray tooltip/title everywhere,
 * the dock badge on macOS and Unity launchers on Linux (app.setBadgeCount), and an overlay
 * dot on the Windows task bar button, which has no number badge.
 */
export function createUnreadIndicator({ tray, window, overlay, strings }: UnreadIndicatorOptions): (count: number) => void {
  let shown = -1;
  return (count) => {
    if (count === shown) return;
    shown = count;
    tray.setUnreadCount(count);
    if (process.platform === 'darwin' || process.platform === 'linux') app.setBadgeCount(count);
    if (process.platform === 'win32' && !window.isDestroyed()) {
      window.setOverlayIcon(count > 0 ? overlay : null, count > 0 ? strings.tray.tooltip(count) : '');
    }
  };
}
