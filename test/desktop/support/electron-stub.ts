/**
 * A stand-in for the 'electron' module, so the built main and preload bundles can be loaded
 * under plain Node (CI has no Electron binary). It records what the bundles ask Electron to do
 * and lets a test fire the events Electron would fire.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export interface FakeEvent {
  url: string;
  preventDefault(): void;
  defaultPrevented: boolean;
}

export function fakeEvent(url = ''): FakeEvent {
  const event = {
    url,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: Array<[string, ...unknown[]]> = [];
  reloads = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  reload() {
    this.reloads++;
  }
}

export function createElectronStub(options: { userData: string; locale?: string; isPackaged?: boolean }) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    badgeCount: 0,
    quitCalls: 0,
    exitCode: undefined as number | undefined,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getLocale: () => options.locale ?? 'en-US',
    getPath: (name: string) => (name === 'userData' ? options.userData : `/nonexistent/${name}`),
    getVersion: () => '0.0.0-test',
    getName: () => 'relay-chat',
    setBadgeCount(count: number) {
      app.badgeCount = count;
      return true;
    },
    quit() {
      app.quitCalls++;
    },
    exit(code: number) {
      app.exitCode = code;
    },
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly options: Record<string, unknown>;
    loadedUrl: string | undefined;
    visible = false;
    focused = false;
    destroyed = false;
    maximized = false;
    menu: unknown = 'default';
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
      // Like Electron: the app hears about every new web contents before it loads anything.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    getNormalBounds() {
      const { x = 0, y = 0, width = 800, height = 600 } = this.options as Record<string, number>;
      return { x, y, width, height };
    }
    isMaximized = () => this.maximized;
    maximize = () => {
      this.maximized = true;
    };
    isMinimized = () => false;
    restore = () => undefined;
    show = () => {
      this.visible = true;
    };
    hide = () => {
      this.visible = false;
    };
    focus = () => {
      this.focused = true;
    };
    isDestroyed = () => this.destroyed;
    setMenu = (menu: unknown) => {
      this.menu = menu;
    };
    setOverlayIcon = () => undefined;
  }

  const trays: FakeTray[] = [];
  class FakeTray extends EventEmitter {
    tooltip = '';
    title = '';
    contextMenu: unknown;
    constructor(readonly image: unknown) {
      super();
      trays.push(this);
    }
    setToolTip = (text: string) => {
      this.tooltip = text;
    };
    setTitle = (text: string) => {
      this.title = text;
    };
    setContextMenu = (menu: unknown) => {
      this.contextMenu = menu;
    };
  }

  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    show = () => {
      this.shown = true;
    };
  }

  const sessions = new Map<string, ReturnType<typeof fakeSession>>();
  function fakeSession(partition: string) {
    return {
      partition,
      protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
      permissionRequestHandler: undefined as Listener | undefined,
      permissionCheckHandler: undefined as Listener | undefined,
      headersReceived: [] as Array<{ filter: { urls: string[] }; listener: Listener }>,
      get protocol() {
        return {
          handle: (scheme: string, handler: (request: Request) => Promise<Response>) => this.protocolHandlers.set(scheme, handler),
        };
      },
      get webRequest() {
        return {
          onHeadersReceived: (filter: { urls: string[] }, listener: Listener) => this.headersReceived.push({ filter, listener }),
        };
      },
      setPermissionRequestHandler(handler: Listener) {
        this.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: Listener) {
        this.permissionCheckHandler = handler;
      },
    };
  }

  const ipcMainHandlers = new Map<string, { kind: 'handle' | 'on'; listener: Listener }>();
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoked: [] as unknown[][],
    sentToMain: [] as unknown[][],
    invoke: (...args: unknown[]) => {
      ipcRenderer.invoked.push(args);
      return Promise.resolve({ relayUrl: 'http://localhost:3000' });
    },
    send: (...args: unknown[]) => {
      ipcRenderer.sentToMain.push(args);
    },
  });

  const recorded = {
    privilegedSchemes: [] as unknown[],
    applicationMenu: undefined as { template: unknown[] } | undefined,
    openedExternally: [] as string[],
    errorBoxes: [] as Array<[string, string]>,
    exposedInMainWorld: [] as Array<[string, Record<string, unknown>]>,
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] }) => {
        recorded.applicationMenu = menu;
      },
    },
    nativeImage: {
      createFromBuffer: (buffer: Buffer, options: unknown) => ({ kind: 'nativeImage', bytes: buffer.length, options }),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    },
    session: {
      fromPartition: (partition: string) => {
        if (!sessions.has(partition)) sessions.set(partition, fakeSession(partition));
        return sessions.get(partition);
      },
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    shell: {
      openExternal: (url: string) => {
        recorded.openedExternally.push(url);
        return Promise.resolve();
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => recorded.errorBoxes.push([title, content]),
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => ipcMainHandlers.set(channel, { kind: 'handle', listener }),
      on: (channel: string, listener: Listener) => ipcMainHandlers.set(channel, { kind: 'on', listener }),
    },
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: (name: string, api: Record<string, unknown>) => recorded.exposedInMainWorld.push([name, api]),
    },
  };

  return { electron, app, windows, trays, notifications, sessions, ipcMainHandlers, ipcRenderer, recorded };
}

export type ElectronStub = ReturnType<typeof createElectronStub>;
