import type { BrowserWindow, NativeImage } from 'electron';
import { createSecureWindow } from './secure-window.js';
import { MIN_SIZE, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  preload: string;
  placement: WindowState;
  title: string;
  icon: NativeImage;
  /** Where the window's size and position go whenever they change, and on close. */
  saveState(state: WindowState): void;
  /** True once the user chose Quit: only then does closing the window really close it. */
  isQuitting(): boolean;
}

const SAVE_DELAY_MS = 500;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = createSecureWindow({
    ...options.placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    icon: options.icon,
    show: false,
    preload: options.preload,
    keepRunningWhenHidden: true,
  });
  if (options.placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // getNormalBounds: the size to come back to when the user un-maximizes after a restart.
  const currentState = (): WindowState => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => options.saveState(currentState()), SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);

  // Closing the window hides it to the tray, so notifications and the unread count keep coming;
  // Quit (menu, tray, OS shutdown) sets isQuitting first and then the close goes through.
  window.on('close', (event) => {
    clearTimeout(timer);
    options.saveState(currentState());
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  return window;
}

/** Bring the window to the front, however it was hidden (tray, minimized, behind others). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
