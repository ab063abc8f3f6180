import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { createMemoryStorage, type KeyValueStorage } from '../core/key-value-storage.js';
import { createTestClient, settle } from '../core/testing/create-test-client.js';
import { APP_STORAGE, CHAT_CLIENT } from './injection-keys.js';
import { LEAVE_UNDO_MS, useRoomsStore } from './rooms.js';

const ada = { id: 'u-ada', name: 'Ada' };

async function setup(storage: KeyValueStorage = createMemoryStorage()) {
  const { client, relay, socket } = createTestClient(storage);
  const app = createApp({ render: () => null });
  app.provide(CHAT_CLIENT, client);
  app.provide(APP_STORAGE, storage);
  app.use(createPinia());
  const rooms = app.runWithContext(() => useRoomsStore());
  client.start();
  socket.accept();
  await settle();
  return { client, relay, socket, rooms, storage };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('rooms store', () => {
  it('follows the open room: new messages, people and the switch to another room', async () => {
    const { client, relay, socket, rooms } = await setup();
    socket.push('message', relay.append('lobby', 'hello', ada));
    socket.push('user:joined', { room: 'lobby', user: ada });
    // Notices carry the local clock, messages the relay's: compare as a set, not in order.
    expect(rooms.timeline.map((e) => (e.kind === 'message' ? e.message.text : e.kind)).sort()).toEqual(['hello', 'notice']);
    expect(rooms.users.map((u) => u.name)).toEqual(['Ada', 'Vreni Keller']);
    await rooms.join('random');
    await settle();
    expect(rooms.active).toBe('random');
    expect(rooms.timeline).toEqual([]);
    expect(rooms.summaries).toEqual([
      { name: 'lobby', unread: 0, mentions: 0, muted: false },
      { name: 'random', unread: 0, mentions: 0, muted: false },
    ]);
    client.send('random', 'first in random');
    expect(rooms.timeline.map((e) => e.kind)).toEqual(['pending']);
  });

  it('drops a typing hint once it has expired, without any view asking again', async () => {
    vi.useFakeTimers();
    const { socket, rooms } = await setup();
    socket.push('typing', { room: 'lobby', user: ada });
    expect(rooms.typing).toEqual([ada]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(rooms.typing).toEqual([]);
  });
});

describe('rooms store: reload and leaving', () => {
  it('returns to the last room after a reload, with each room\'s draft', async () => {
    const first = await setup();
    await first.rooms.join('random');
    first.rooms.keepDraft('random', 'half-written');
    first.rooms.keepDraft('lobby', 'for the lobby');
    const second = await setup(first.storage);
    expect(second.rooms.active).toBe('random');
    expect(second.rooms.draftOf('random')).toBe('half-written');
    expect(second.rooms.draftOf('lobby')).toBe('for the lobby');
  });

  it('hides a left room at once, brings it back on Undo, and leaves for real only when Undo is over', async () => {
    vi.useFakeTimers();
    const { client, relay, rooms } = await setup();
    await rooms.join('random');
    rooms.keepDraft('random', 'draft');
    rooms.leave('random');
    expect(rooms.active).toBe('lobby');
    expect(rooms.summaries.map((r) => r.name)).toEqual(['lobby']);
    expect(rooms.leaving).toBe('random');
    rooms.undoLeave();
    expect(rooms.active).toBe('random');
    expect(rooms.summaries.map((r) => r.name)).toEqual(['lobby', 'random']);
    expect(rooms.draftOf('random')).toBe('draft');

    rooms.leave('random');
    await vi.advanceTimersByTimeAsync(LEAVE_UNDO_MS + 10);
    expect(rooms.leaving).toBeUndefined();
    expect(client.rooms).toEqual(['lobby']);
    expect(relay.requests.filter((r) => r.event === 'room:leave')).toEqual([{ event: 'room:leave', payload: { room: 'random' } }]);
    expect(rooms.draftOf('random')).toBe('');
  });
});

describe('rooms store: muting', () => {
  it('keeps counting a muted room’s unread messages, leaves them out of the total except mentions, and remembers the mute', async () => {
    const first = await setup();
    await first.rooms.join('random');
    first.rooms.select('lobby');
    first.rooms.setMuted('random', true);
    first.socket.push('message', first.relay.append('random', 'chatter', ada));
    first.socket.push('message', first.relay.append('random', 'more chatter', ada));
    expect(first.rooms.summaries.find((r) => r.name === 'random')).toEqual({ name: 'random', unread: 2, mentions: 0, muted: true });
    expect(first.rooms.totalUnread).toBe(0);
    first.socket.push('message', { ...first.relay.append('random', '@Vreni Keller you there?', ada), mentions: ['u-me'] });
    expect(first.rooms.totalUnread).toBe(1);

    const second = await setup(first.storage);
    expect(second.rooms.summaries.find((r) => r.name === 'random')?.muted).toBe(true);
    second.rooms.setMuted('random', false);
    expect((await setup(first.storage)).rooms.summaries.find((r) => r.name === 'random')?.muted).toBe(false);
  });
});
