import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_FUNCTIONS, createDesktopBridge, type BridgeIpc } from './bridge.js';
import { IPC_CHANNELS } from './ipc-channels.js';

function fakeIpc() {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn(async () => ({ relayUrl: 'http://localhost:3000' })),
    send: vi.fn(),
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => emitter.removeListener(channel, listener),
  };
  return { ipc: ipc as unknown as BridgeIpc & typeof ipc, emitter };
}

describe('createDesktopBridge', () => {
  it('exposes exactly the DesktopBridge functions', () => {
    const bridge = createDesktopBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_FUNCTIONS].sort());
    for (const name of BRIDGE_FUNCTIONS) expect(typeof bridge[name]).toBe('function');
  });

  it('maps each capability to its own channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createDesktopBridge(ipc);
    await expect(bridge.getSettings()).resolves.toEqual({ relayUrl: 'http://localhost:3000' });
    bridge.notify({ title: 'Vreni', body: 'Hi', room: 'lobby' });
    bridge.setUnreadCount(3);
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.getSettings);
    expect(ipc.send.mock.calls).toEqual([
      [IPC_CHANNELS.notify, { title: 'Vreni', body: 'Hi', room: 'lobby' }],
      [IPC_CHANNELS.setUnreadCount, 3],
    ]);
  });

  it('sends only the notification fields, not whatever else the page attached', () => {
    const { ipc } = fakeIpc();
    const extra = { title: 't', body: 'b', room: 'lobby', icon: 'file:///etc/passwd', onclick: () => 1 };
    createDesktopBridge(ipc).notify(extra);
    expect(ipc.send).toHaveBeenCalledWith(IPC_CHANNELS.notify, { title: 't', body: 'b', room: 'lobby' });
  });

  it('delivers clicked rooms to the listener, without the IPC event, until unsubscribed', () => {
    const { ipc, emitter } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = createDesktopBridge(ipc).onOpenRoom(listener);
    emitter.emit(IPC_CHANNELS.openRoom, { sender: 'ipc event' }, 'lobby');
    emitter.emit(IPC_CHANNELS.openRoom, { sender: 'ipc event' }, { not: 'a room' });
    unsubscribe();
    emitter.emit(IPC_CHANNELS.openRoom, { sender: 'ipc event' }, 'later');
    expect(listener.mock.calls).toEqual([['lobby']]);
    expect(emitter.listenerCount(IPC_CHANNELS.openRoom)).toBe(0);
  });
});
