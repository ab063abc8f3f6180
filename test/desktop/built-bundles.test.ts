import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_FUNCTIONS } from '../../desktop/bridge.js';
import { IPC_CHANNELS } from '../../desktop/ipc-channels.js';
import { buildDesktopInto } from './support/built-desktop.js';
import { createElectronStub, fakeEvent, type ElectronStub } from './support/electron-stub.js';
import { requireFresh, stubModules } from './support/require-with-stubs.js';

// The built bundles, not the sources: this is what `npm run desktop` and the installers run.
let root: string;
let desktopDir: string;
const cleanups: string[] = [];

beforeAll(async () => {
  ({ root, desktopDir } = await buildDesktopInto());
  cleanups.push(root);
});
afterAll(async () => {
  await Promise.all(cleanups.map((dir) => rm(dir, { recursive: true, force: true })));
});

// While this file runs, every require('electron') gets the stub of the test that is running:
// also the lazy ones electron-updater makes after loading. The real 'electron' package would
// try to download the Electron binary.
let currentStub: ElectronStub | undefined;
let restoreModules: () => void = () => undefined;
beforeAll(() => {
  restoreModules = stubModules({
    get electron() {
      return currentStub?.electron;
    },
  });
});
afterAll(() => restoreModules());

function loadWithStub(file: string, stub: ElectronStub): void {
  currentStub = stub;
  requireFresh(file);
}

async function startMain(env: Record<string, string> = {}, isPackaged = false): Promise<ElectronStub> {
  const userData = await mkdtemp(join(tmpdir(), 'desktop-user-data-'));
  cleanups.push(userData);
  const stub = createElectronStub({ userData, isPackaged });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    loadWithStub(join(desktopDir, 'main.cjs'), stub);
    await vi.waitFor(() => {
      expect(stub.recorded.errorBoxes).toEqual([]);
      expect(stub.windows[0]?.loadedUrl).toBeDefined();
    });
  } finally {
    process.env = saved;
  }
  return stub;
}

const chatWindow = (stub: ElectronStub) => stub.windows[0]!;
const trustedFrame = (url = 'relay-chat://app/index.html') => ({ senderFrame: { url, parent: null } });

describe('the built main process', () => {
  it('opens the chat window with the security settings of the Electron checklist', async () => {
    const stub = await startMain();
    const { webPreferences } = chatWindow(stub).options as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: join(desktopDir, 'preload.cjs'),
      // It lives in the tray: reconnects and retries must not be throttled while hidden.
      backgroundThrottling: false,
    });
    expect(existsSync(webPreferences.preload as string)).toBe(true);
    // Persistent, so the renderer's outbox in localStorage survives a restart.
    expect(webPreferences.partition).toMatch(/^persist:/);
  });

  it('loads the bundled renderer through its own privileged scheme, once per user', async () => {
    const stub = await startMain();
    expect(chatWindow(stub).loadedUrl).toBe('relay-chat://app/index.html');
    expect(stub.recorded.privilegedSchemes).toEqual([
      { scheme: 'relay-chat', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(stub.app.listenerCount('second-instance')).toBe(1);
  });

  it('serves the renderer with a CSP that allows the configured relay only, and nothing outside its folder', async () => {
    const stub = await startMain();
    const session = [...stub.sessions.values()][0]!;
    const handle = session.protocolHandlers.get('relay-chat')!;

    const page = await handle(new Request('relay-chat://app/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Relay Chat</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://localhost:3000 ws://localhost:3000");

    expect((await handle(new Request('relay-chat://app/%2e%2e/desktop/main.cjs'))).status).toBe(404);
    expect((await handle(new Request('relay-chat://elsewhere/index.html'))).status).toBe(404);
    const settingsPage = await handle(new Request('relay-chat://settings/settings.html'));
    expect(settingsPage.status).toBe(200);
    expect(settingsPage.headers.get('content-security-policy')).toContain("script-src 'none'");
  });

  it('denies navigation away and new windows, and opens only web links in the browser', async () => {
    const stub = await startMain();
    const contents = chatWindow(stub).webContents;

    const away = fakeEvent('https://example.com/page');
    contents.emit('will-navigate', away);
    const local = fakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', local);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect([away.defaultPrevented, local.defaultPrevented, webview.defaultPrevented]).toEqual([true, true, true]);

    expect(contents.windowOpenHandler!({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(stub.recorded.openedExternally).toEqual(['https://example.com/page', 'https://example.com/x']));
  });

  it('denies web permissions such as camera and location', async () => {
    const stub = await startMain();
    const session = [...stub.sessions.values()][0]!;
    const callback = vi.fn();
    session.permissionRequestHandler!(chatWindow(stub).webContents, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler!(chatWindow(stub).webContents, 'geolocation')).toBe(false);
  });

  it('listens on the allow-listed IPC channels only, and checks every sender', async () => {
    const stub = await startMain();
    expect([...stub.ipcMainHandlers.keys()].sort()).toEqual(
      [IPC_CHANNELS.getSettings, IPC_CHANNELS.saveSettings, IPC_CHANNELS.notify, IPC_CHANNELS.setUnreadCount].sort(),
    );
    const getSettings = stub.ipcMainHandlers.get(IPC_CHANNELS.getSettings)!.listener;
    expect(getSettings(trustedFrame())).toEqual({ relayUrl: 'http://localhost:3000' });
    expect(() => getSettings({ senderFrame: { url: 'https://evil.example/', parent: null } })).toThrow(/Refused/);
    expect(() => getSettings({ senderFrame: null })).toThrow(/Refused/);
  });

  it('shows a notification whose click brings the window forward and opens the room', async () => {
    const stub = await startMain();
    stub.ipcMainHandlers.get(IPC_CHANNELS.notify)!.listener(trustedFrame(), { title: 'Vreni', body: 'Hi!', room: 'lobby' });
    const notification = stub.notifications[0]!;
    expect(notification.options).toMatchObject({ title: 'Vreni', body: 'Hi!' });
    expect(notification.shown).toBe(true);

    chatWindow(stub).hide();
    notification.emit('click');
    expect(chatWindow(stub).visible).toBe(true);
    expect(chatWindow(stub).focused).toBe(true);
    expect(chatWindow(stub).webContents.sent).toEqual([[IPC_CHANNELS.openRoom, 'lobby']]);
  });

  it('shows the unread count on the tray and the badge', async () => {
    const stub = await startMain();
    stub.ipcMainHandlers.get(IPC_CHANNELS.setUnreadCount)!.listener(trustedFrame(), 3);
    expect(stub.trays[0]!.tooltip).toBe('Relay Chat – 3 unread');
    expect(stub.app.badgeCount).toBe(3);
  });

  it('opens a settings window from the menu, and a saved relay URL is stored and reloads the chat', async () => {
    const stub = await startMain();
    const menu = JSON.stringify(stub.recorded.applicationMenu?.template);
    expect(menu).toContain('Settings…');
    const fileMenu = stub.recorded.applicationMenu!.template[0] as { submenu: Array<{ label?: string; click?: () => void }> };
    fileMenu.submenu.find((item) => item.label === 'Settings…')!.click!();

    const settingsWindow = stub.windows[1]!;
    expect(settingsWindow.loadedUrl).toBe('relay-chat://settings/settings.html');
    expect(settingsWindow.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(desktopDir, 'settings-preload.cjs') },
    });

    const save = stub.ipcMainHandlers.get(IPC_CHANNELS.saveSettings)!.listener;
    // Only the settings page may change settings (Electron turns the throw into a rejected invoke).
    expect(() => save(trustedFrame(), { relayUrl: 'https://evil.example' })).toThrow(/Refused/);
    const settingsPage = trustedFrame('relay-chat://settings/settings.html');
    await expect(save(settingsPage, { relayUrl: 'http://chat.example.com' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'insecure_remote' },
    });
    await expect(save(settingsPage, { relayUrl: 'https://chat.example.com/' })).resolves.toEqual({
      ok: true,
      settings: { relayUrl: 'https://chat.example.com' },
    });
    expect(chatWindow(stub).webContents.reloads).toBe(1);
    const userData = stub.app.getPath('userData');
    expect(JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))).toEqual({ relayUrl: 'https://chat.example.com' });

    const page = await [...stub.sessions.values()][0]!.protocolHandlers.get('relay-chat')!(new Request('relay-chat://app/'));
    expect(page.headers.get('content-security-policy')).toContain('https://chat.example.com wss://chat.example.com');
  });

  it('hides to the tray on close and remembers the window bounds', async () => {
    const stub = await startMain();
    const close = fakeEvent();
    chatWindow(stub).show();
    chatWindow(stub).emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(chatWindow(stub).visible).toBe(false);
    const file = join(stub.app.getPath('userData'), 'window-state.json');
    await vi.waitFor(async () => expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ maximized: false }));

    stub.app.emit('before-quit');
    const quitClose = fakeEvent();
    chatWindow(stub).emit('close', quitClose);
    expect(quitClose.defaultPrevented).toBe(false);
  });

  it('loads the Vite dev server with the same CSP in dev mode', async () => {
    const stub = await startMain({ DESKTOP_DEV_SERVER_URL: 'http://localhost:5173' });
    expect(chatWindow(stub).loadedUrl).toBe('http://localhost:5173/');
    const session = [...stub.sessions.values()][0]!;
    expect(session.headersReceived).toHaveLength(1);
    const { filter, listener } = session.headersReceived[0]!;
    expect(filter.urls).toEqual(['http://localhost:5173/*']);
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': ["default-src *"] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']![0]).toContain('ws://localhost:5173');
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
  });
});

describe('the built main process, installed', () => {
  it('ignores a dev server URL from the environment and survives an update check that cannot run', async () => {
    const stub = await startMain({ DESKTOP_DEV_SERVER_URL: 'http://localhost:5173' }, true);
    expect(chatWindow(stub).loadedUrl).toBe('relay-chat://app/index.html');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stub.recorded.errorBoxes).toEqual([]);
    expect(stub.app.exitCode).toBeUndefined();
  });
});

describe('the built preloads', () => {
  it('exposes exactly the DesktopBridge functions as window.desktop, and never ipcRenderer', async () => {
    const stub = createElectronStub({ userData: root });
    loadWithStub(join(desktopDir, 'preload.cjs'), stub);
    expect(stub.recorded.exposedInMainWorld).toHaveLength(1);
    const [name, api] = stub.recorded.exposedInMainWorld[0]!;
    expect(name).toBe('desktop');
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_FUNCTIONS].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);

    (api.setUnreadCount as (count: number) => void)(2);
    (api.notify as (n: object) => void)({ title: 't', body: 'b', room: 'lobby' });
    await (api.getSettings as () => Promise<unknown>)();
    expect(stub.ipcRenderer.sentToMain).toEqual([
      [IPC_CHANNELS.setUnreadCount, 2],
      [IPC_CHANNELS.notify, { title: 't', body: 'b', room: 'lobby' }],
    ]);
    expect(stub.ipcRenderer.invoked).toEqual([[IPC_CHANNELS.getSettings]]);
  });

  it('gives the settings page nothing: its preload only waits for the form', () => {
    const stub = createElectronStub({ userData: root });
    const listeners: string[] = [];
    vi.stubGlobal('window', { addEventListener: (type: string) => listeners.push(type) });
    try {
      loadWithStub(join(desktopDir, 'settings-preload.cjs'), stub);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(stub.recorded.exposedInMainWorld).toEqual([]);
    expect(listeners).toEqual(['DOMContentLoaded']);
  });
});
