import type { BrowserWindow } from 'electron';
import { SETTINGS_ENTRY_URL } from './app-scheme.js';
import { createSecureWindow } from './secure-window.js';

export interface SettingsWindowOptions {
  parent: BrowserWindow;
  preload: string;
  title: string;
}

/**
 * A small modal window with one field. Opening it again while it is open focuses the existing
 * one; `open` returns a function to call, so the caller holds no window state of its own.
 */
export function settingsWindowOpener(options: () => SettingsWindowOptions): () => void {
  let current: BrowserWindow | undefined;
  return () => {
    if (current !== undefined && !current.isDestroyed()) {
      current.focus();
      return;
    }
    const { parent, preload, title } = options();
    const window = createSecureWindow({
      parent,
      modal: true,
      width: 520,
      height: 300,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      title,
      show: false,
      preload,
    });
    window.setMenu(null);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      current = undefined;
    });
    void window.loadURL(SETTINGS_ENTRY_URL);
    current = window;
  };
}
