// Entry of the main process: wiring only. Each concern lives in its own module next to this one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { IPC_CHANNELS } from '../ipc-channels.js';
import { stringsFor } from '../locale/strings.js';
import { createAppImages } from './app-images.js';
import { applyCspToDevServer, registerAppScheme, serveAppFiles } from './app-protocol.js';
import { SESSION_PARTITION, SETTINGS_ORIGIN } from './app-scheme.js';
import { DEFAULT_RELAY_URL } from './build-info.js';
import { buildRendererCsp, SETTINGS_PAGE_CSP } from './csp.js';
import { registerIpcHandlers } from './ipc.js';
import { buildAppMenuTemplate } from './menu.js';
import { guardWebContents, isSafeExternalUrl } from './navigation-guard.js';
import { createNotifier } from './notifications.js';
import { restrictPermissions } from './permissions.js';
import { resolveRendererSource } from './renderer-source.js';
import { openSettingsStore } from './settings.js';
import { settingsWindowOpener } from './settings-window.js';
import { claimSingleInstance } from './single-instance.js';
import { createTray } from './tray.js';
import { createUnreadIndicator } from './unread-indicator.js';
import { startAutoUpdates } from './updater.js';
import { createMainWindow, revealWindow } from './window.js';
import { loadWindowState, placeWindow, saveWindowState } from './window-state.js';

const log = {
  info: (message: string) => console.log(`[desktop] ${message}`),
  warn: (message: string) => console.warn(`[desktop] ${message}`),
  error: (message: string) => console.error(`[desktop] ${message}`),
};

/** Built files sit next to this bundle: dist/desktop/{main,preload,settings-preload}.cjs, settings/; dist/renderer/. */
const paths = {
  preload: join(__dirname, 'preload.cjs'),
  settingsPreload: join(__dirname, 'settings-preload.cjs'),
  settingsPage: join(__dirname, 'settings'),
  renderer: join(__dirname, '..', 'renderer'),
};

function openExternal(url: string): void {
  // The navigation guard only passes safe links; checked again here because this is the call that matters.
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => log.warn(`Could not open ${url}: ${String(error)}`));
}

async function start(isQuitting: () => boolean): Promise<{ reveal(): void }> {
  const strings = stringsFor(app.getLocale());
  const userData = app.getPath('userData');
  const source = resolveRendererSource({ isPackaged: app.isPackaged, devServerUrl: process.env.DESKTOP_DEV_SERVER_URL });
  if (source.kind === 'bundled' && !existsSync(join(paths.renderer, 'index.html'))) {
    throw new Error(`The chat page is missing (${paths.renderer}). Build it first: npm run build:renderer`);
  }

  const settings = await openSettingsStore({
    file: join(userData, 'settings.json'),
    defaults: { relayUrl: DEFAULT_RELAY_URL },
    warn: log.warn,
  });
  const devServerUrl = source.kind === 'dev-server' ? source.url : undefined;
  const rendererCsp = () => buildRendererCsp({ relayUrl: settings.current().relayUrl, devServerUrl });

  const appSession = session.fromPartition(SESSION_PARTITION);
  restrictPermissions(appSession);
  serveAppFiles(appSession, {
    app: { root: paths.renderer, csp: rendererCsp },
    settings: { root: paths.settingsPage, csp: () => SETTINGS_PAGE_CSP },
  });
  if (source.kind === 'dev-server') applyCspToDevServer(appSession, source.origin, rendererCsp);

  // Every web contents, including ones created later, before it can load anything.
  const appOrigins = [source.origin, SETTINGS_ORIGIN];
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { appOrigins, openExternal }));

  const images = createAppImages();
  const stateFile = join(userData, 'window-state.json');
  const placement = placeWindow(
    await loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = createMainWindow({
    preload: paths.preload,
    placement,
    title: strings.appName,
    icon: images.window,
    isQuitting,
    saveState: (state) => {
      saveWindowState(stateFile, state).catch((error: unknown) => log.warn(`Could not save the window state: ${String(error)}`));
    },
  });
  const reveal = () => revealWindow(window);
  const quit = () => app.quit();
  const openSettingsWindow = settingsWindowOpener(() => ({ parent: window, preload: paths.settingsPreload, title: strings.settings.title }));
  // The settings window is modal to the chat window, so that one is brought back first (tray).
  const openSettings = () => {
    reveal();
    openSettingsWindow();
  };

  const tray = createTray({ icon: images.tray, strings, showWindow: reveal, openSettings, quit });
  const setUnreadCount = createUnreadIndicator({ tray, window, overlay: images.unreadOverlay, strings });
  const notify = createNotifier({
    icon: images.window,
    onClick: (room) => {
      reveal();
      window.webContents.send(IPC_CHANNELS.openRoom, room);
    },
  });

  registerIpcHandlers(ipcMain, {
    pageOrigins: { renderer: source.origin, settings: SETTINGS_ORIGIN },
    getSettings: () => settings.current(),
    saveSettings: async (input) => {
      const before = settings.current().relayUrl;
      const result = await settings.save(input);
      // A reload picks up the new relay (and the CSP that allows it); the outbox stays in localStorage.
      if (result.ok && result.settings.relayUrl !== before) window.webContents.reload();
      return result;
    },
    notify,
    setUnreadCount,
    warn: log.warn,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate({ strings, platform: process.platform, openSettings, quit, withDevTools: !app.isPackaged }),
    ),
  );
  app.on('activate', reveal);
  app.on('will-quit', startAutoUpdates({ isPackaged: app.isPackaged, log }));

  window.loadURL(source.url).catch((error: unknown) => log.error(`Could not load ${source.url}: ${String(error)}`));
  return { reveal };
}

function main(): void {
  registerAppScheme();
  let quitting = false;
  // A second launch brings this instance's window forward (the event can only come once
  // `started` below exists: it is dispatched on a later turn of the event loop).
  const isFirstInstance = claimSingleInstance(() => {
    void started.then(
      (running) => running.reveal(),
      () => undefined, // start-up failed; that is reported below
    );
  });
  if (!isFirstInstance) {
    app.quit();
    return;
  }
  app.on('before-quit', () => {
    quitting = true;
  });
  const started = app.whenReady().then(() => start(() => quitting));
  started.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    dialog.showErrorBox('Relay Chat could not start', message);
    app.exit(1);
  });
}

main();
