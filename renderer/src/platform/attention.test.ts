import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge, DesktopNotification } from '../../../shared/desktop-bridge.js';
import { createMemoryStorage } from '../core/key-value-storage.js';
import { RoomMutes } from '../core/room-mutes.js';
import { createTestClient, settle } from '../core/testing/create-test-client.js';
import { translate } from '../i18n/translate.js';
import { attachAttention } from './attention.js';

const ada = { id: 'u-ada', name: 'Ada' };

function fakeDesktop() {
  const notified: DesktopNotification[] = [];
  const counts: number[] = [];
  let open: ((room: string) => void) | undefined;
  const bridge: DesktopBridge = {
    getSettings: async () => ({ relayUrl: 'http://127.0.0.1:1' }),
    notify: (n) => void notified.push(n),
    setUnreadCount: (n) => void counts.push(n),
    onOpenRoom: (listener) => {
      open = listener;
      return () => (open = undefined);
    },
  };
  return { bridge, notified, counts, click: (room: string) => open?.(room) };
}

async function setup(hidden: () => boolean) {
  const desktop = fakeDesktop();
  window.desktop = desktop.bridge;
  const { client, relay, socket } = createTestClient();
  const opened: string[] = [];
  const mutes = new RoomMutes(createMemoryStorage());
  const detach = attachAttention({ client, mutes, openRoom: (r) => opened.push(r), t: (k, p) => translate('en', k, p), isHidden: hidden });
  client.start();
  socket.accept();
  await settle();
  return { desktop, client, relay, socket, opened, detach, mutes };
}

afterEach(() => {
  delete window.desktop;
  vi.unstubAllGlobals();
});

describe('attachAttention', () => {
  it('notifies through the desktop bridge only while the window is hidden', async () => {
    let hidden = false;
    const { desktop, relay, socket } = await setup(() => hidden);
    socket.push('message', relay.append('lobby', 'while visible', ada));
    expect(desktop.notified).toEqual([]);
    hidden = true;
    socket.push('message', relay.append('lobby', 'while hidden', ada));
    expect(desktop.notified).toEqual([{ title: 'Ada in #lobby', body: 'while hidden', room: 'lobby' }]);
  });

  it('says in the title when a message mentions the user', async () => {
    const { desktop, relay, socket } = await setup(() => true);
    socket.push('message', { ...relay.append('lobby', '@Vreni Keller look', ada), mentions: ['u-me'] });
    expect(desktop.notified).toEqual([{ title: 'Ada mentioned you in #lobby', body: '@Vreni Keller look', room: 'lobby' }]);
  });

  it('never notifies about our own messages', async () => {
    const { desktop, relay, socket } = await setup(() => true);
    socket.push('message', relay.append('lobby', 'mine', { ...relay.me }));
    expect(desktop.notified).toEqual([]);
  });

  it('stays quiet about a muted room while hidden, except when the user is mentioned', async () => {
    const { desktop, relay, socket, mutes } = await setup(() => true);
    mutes.set('lobby', true);
    socket.push('message', relay.append('lobby', 'chatter', ada));
    expect(desktop.notified).toEqual([]);
    socket.push('message', { ...relay.append('lobby', '@Vreni Keller look', ada), mentions: ['u-me'] });
    expect(desktop.notified).toEqual([{ title: 'Ada mentioned you in #lobby', body: '@Vreni Keller look', room: 'lobby' }]);
    mutes.set('lobby', false);
    socket.push('message', relay.append('lobby', 'chatter again', ada));
    expect(desktop.notified.map((n) => n.body)).toEqual(['@Vreni Keller look', 'chatter again']);
  });

  it('leaves a muted room’s messages out of the tray/dock count, but not its mentions', async () => {
    const { desktop, client, relay, socket, mutes } = await setup(() => false);
    await client.joinRoom('random');
    client.setActiveRoom('lobby');
    socket.push('message', relay.append('random', 'one', ada));
    socket.push('message', { ...relay.append('random', '@Vreni Keller two', ada), mentions: ['u-me'] });
    socket.push('message', relay.append('random', 'three', ada));
    expect(desktop.counts.at(-1)).toBe(3);
    mutes.set('random', true);
    expect(desktop.counts.at(-1)).toBe(1);
    socket.push('message', relay.append('random', 'four', ada));
    expect(desktop.counts.at(-1)).toBe(1);
    mutes.set('random', false);
    expect(desktop.counts.at(-1)).toBe(4);
  });

  it('keeps the tray/dock count in step with unread messages and opens the clicked room', async () => {
    const { desktop, client, relay, socket, opened } = await setup(() => false);
    await client.joinRoom('random');
    client.setActiveRoom('lobby');
    socket.push('message', relay.append('random', 'one', ada));
    socket.push('message', relay.append('random', 'two', ada));
    expect(desktop.counts.at(-1)).toBe(2);
    client.setActiveRoom('random');
    expect(desktop.counts.at(-1)).toBe(0);
    desktop.click('random');
    expect(opened).toEqual(['random']);
  });

  it('uses the Notification API in a browser when permission was granted', async () => {
    const shown: Array<{ title: string; body?: string }> = [];
    class FakeNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const { client, relay, socket } = createTestClient();
    attachAttention({ client, mutes: new RoomMutes(createMemoryStorage()), openRoom: () => undefined, t: (k, p) => translate('en', k, p), isHidden: () => true });
    client.start();
    socket.accept();
    await settle();
    socket.push('message', relay.append('lobby', 'x'.repeat(200), ada));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.body).toBe(`${'x'.repeat(140)}…`);
  });
});
