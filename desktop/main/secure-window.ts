import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { SESSION_PARTITION } from './app-scheme.js';

export interface SecureWindowOptions extends Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  /** Absolute path of the window's bundled preload (CommonJS, it runs sandboxed). */
  preload: string;
  /**
   * Keep timers running at full speed while hidden. The chat window lives in the tray for
   * hours: Chromium would otherwise slow its reconnect and outbox retries to once a minute.
   */
  keepRunningWhenHidden?: boolean;
}

/**
 * The one place a BrowserWindow is made, so every window gets the same web preferences: the
 * Electron security checklist's settings, written out even where they are the default, so a
 * reader (and electronegativity) sees them and a changed default cannot loosen them.
 */
export function createSecureWindow({ preload, keepRunningWhenHidden = false, ...options }: SecureWindowOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      partition: SESSION_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      backgroundThrottling: !keepRunningWhenHidden,
    },
  });
}
