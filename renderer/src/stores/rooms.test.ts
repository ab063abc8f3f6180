import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { createTestClient, settle } from '../core/testing/create-test-client.js';
import { CHAT_CLIENT } from './injection-keys.js';
import { useRoomsStore } from './rooms.js';

const ada = { id: 'u-ada', name: 'Ada' };

async function setup() {
  const { client, relay, socket } = createTestClient();
  const app = createApp({ render: () => null });
  app.provide(CHAT_CLIENT, client);
  app.use(createPinia());
  const rooms = app.runWithContext(() => useRoomsStore());
  client.start();
  socket.accept();
  await settle();
  return { client, relay, socket, rooms };
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
      { name: 'lobby', unread: 0 },
      { name: 'random', unread: 0 },
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
