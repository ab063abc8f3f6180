import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../ipc-channels.js';
import { INBOUND_CHANNELS, registerIpcHandlers, type IpcDeps } from './ipc.js';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, { kind: 'handle' | 'on'; fn: Handler }>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => handlers.set(channel, { kind: 'handle', fn }),
    on: (channel: string, fn: Handler) => handlers.set(channel, { kind: 'on', fn }),
  } as unknown as Pick<IpcMain, 'handle' | 'on'>;
  const deps = {
    pageOrigins: { renderer: 'relay-chat://app', settings: 'relay-chat://settings' },
    getSettings: vi.fn(() => ({ relayUrl: 'http://localhost:3000' })),
    saveSettings: vi.fn(async () => ({ ok: true as const, settings: { relayUrl: 'https://a.example' } })),
    notify: vi.fn(),
    setUnreadCount: vi.fn(),
    warn: vi.fn(),
  } satisfies IpcDeps;
  registerIpcHandlers(ipcMain, deps);
  const call = (channel: string, url: string | null, ...args: unknown[]) => {
    const senderFrame = url === null ? null : { url, parent: null };
    return handlers.get(channel)!.fn({ senderFrame }, ...args);
  };
  return { handlers, deps, call };
}

const RENDERER = 'relay-chat://app/index.html';
const SETTINGS = 'relay-chat://settings/settings.html';

describe('registerIpcHandlers', () => {
  it('listens on exactly the allow-listed channels', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(INBOUND_CHANNELS).sort());
    expect(handlers.has(IPC_CHANNELS.openRoom)).toBe(false);
  });

  it('answers the app pages', async () => {
    const { call, deps } = setup();
    expect(call(IPC_CHANNELS.getSettings, RENDERER)).toEqual({ relayUrl: 'http://localhost:3000' });
    expect(call(IPC_CHANNELS.getSettings, SETTINGS)).toEqual({ relayUrl: 'http://localhost:3000' });
    await expect(call(IPC_CHANNELS.saveSettings, SETTINGS, { relayUrl: 'https://a.example' })).resolves.toMatchObject({ ok: true });
    call(IPC_CHANNELS.notify, RENDERER, { title: 'Vreni', body: 'Hi', room: 'lobby' });
    call(IPC_CHANNELS.setUnreadCount, RENDERER, 4);
    expect(deps.saveSettings).toHaveBeenCalledWith({ relayUrl: 'https://a.example' });
    expect(deps.notify).toHaveBeenCalledWith({ title: 'Vreni', body: 'Hi', room: 'lobby' });
    expect(deps.setUnreadCount).toHaveBeenCalledWith(4);
    expect(deps.warn).not.toHaveBeenCalled();
  });

  it('refuses every channel from a foreign or vanished sender', () => {
    const { call, deps } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      expect(() => call(IPC_CHANNELS.getSettings, url)).toThrow(/Refused/);
      expect(() => call(IPC_CHANNELS.saveSettings, url, { relayUrl: 'https://evil.example' })).toThrow(/Refused/);
      call(IPC_CHANNELS.notify, url, { title: 't', body: 'b', room: 'lobby' });
      call(IPC_CHANNELS.setUnreadCount, url, 1);
    }
    expect(deps.getSettings).not.toHaveBeenCalled();
    expect(deps.saveSettings).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setUnreadCount).not.toHaveBeenCalled();
    expect(deps.warn).toHaveBeenCalledTimes(12);
  });

  it('lets only the settings page change settings, and only the chat page notify', () => {
    const { call, deps } = setup();
    expect(() => call(IPC_CHANNELS.saveSettings, RENDERER, { relayUrl: 'https://evil.example' })).toThrow(/Refused/);
    call(IPC_CHANNELS.notify, SETTINGS, { title: 't', body: 'b', room: 'lobby' });
    call(IPC_CHANNELS.setUnreadCount, SETTINGS, 2);
    expect(deps.saveSettings).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setUnreadCount).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame throws when read (disposed)', () => {
    const { handlers, deps } = setup();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(() => handlers.get(IPC_CHANNELS.getSettings)!.fn({ senderFrame: disposed })).toThrow(/Refused/);
    expect(deps.getSettings).not.toHaveBeenCalled();
  });

  it('ignores malformed payloads from a trusted page', () => {
    const { call, deps } = setup();
    call(IPC_CHANNELS.notify, RENDERER, { title: 't', body: 'b', room: 'Not A Room' });
    call(IPC_CHANNELS.setUnreadCount, RENDERER, -1);
    call(IPC_CHANNELS.setUnreadCount, RENDERER, '5');
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setUnreadCount).not.toHaveBeenCalled();
    expect(deps.warn).toHaveBeenCalledTimes(3);
  });
});
