import { Menu, Tray, type NativeImage } from 'electron';
import type { DesktopStrings } from '../locale/strings.js';
import { badgeText } from './badge.js';

export interface TrayOptions {
  icon: NativeImage;
  strings: DesktopStrings;
  showWindow(): void;
  openSettings(): void;
  quit(): void;
}

export interface AppTray {
  setUnreadCount(count: number): void;
}

/** The tray icon: click to bring the window back (closing only hides it), count in tooltip and title. */
export function createTray({ icon, strings, showWindow, openSettings, quit }: TrayOptions): AppTray {
  const tray = new Tray(icon);
  tray.setToolTip(strings.tray.tooltip(0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: strings.tray.show, click: showWindow },
      { label: strings.tray.settings, click: openSettings },
      { type: 'separator' },
      { label: strings.tray.quit, click: quit },
    ]),
  );
  tray.on('click', showWindow);
  return {
    setUnreadCount(count) {
      tray.setToolTip(strings.tray.tooltip(count));
      // The title is the text next to the icon in the macOS menu bar; a macOS-only API.
      if (process.platform === 'darwin') tray.setTitle(badgeText(count));
    },
  };
}
