import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../core/key-value-storage.js';
import { createTestClient, settle } from '../core/testing/create-test-client.js';
import { RoomMutes } from '../core/room-mutes.js';
import { followOtherTabs, followOtherTabsMutes } from './cross-tab-rooms.js';

/** Two tabs of one user: one storage (localStorage), one socket each. */
async function twoTabs() {
  const storage = createMemoryStorage();
  const a = createTestClient(storage);
  const b = createTestClient(storage);
  for (const tab of [a, b]) {
    tab.client.start();
    tab.socket.accept();
  }
  await settle();
  return { a, b };
}

describe('room list across tabs', () => {
  it('joins in this tab what another tab joined, and leaves what it left, on its own connection', async () => {
    const { a, b } = await twoTabs();
    const stop = followOtherTabs(b.client);
    await a.client.joinRoom('random');
    window.dispatchEvent(new StorageEvent('storage', { key: 'relay-chat.rooms' }));
    await settle();
    expect(b.client.rooms).toEqual(['lobby', 'random']);
    expect(b.client.room('random')?.synced).toBe(true);

    await a.client.leaveRoom('random');
    window.dispatchEvent(new StorageEvent('storage', { key: 'relay-chat.rooms' }));
    await settle();
    expect(b.client.rooms).toEqual(['lobby']);
    expect(b.relay.requests.filter((r) => r.event === 'room:leave')).toEqual([{ event: 'room:leave', payload: { room: 'random' } }]);
    stop();
  });

  it('ignores changes to other keys', async () => {
    const { a, b } = await twoTabs();
    followOtherTabs(b.client)();
    const stop = followOtherTabs(b.client);
    await a.client.joinRoom('random');
    window.dispatchEvent(new StorageEvent('storage', { key: 'relay-chat.locale' }));
    expect(b.client.rooms).toEqual(['lobby']);
    stop();
  });

  it('mutes in this tab what another tab muted, and only when the mutes changed', () => {
    const storage = createMemoryStorage();
    const here = new RoomMutes(storage);
    const there = new RoomMutes(storage);
    const stop = followOtherTabsMutes(here);
    there.set('random', true);
    window.dispatchEvent(new StorageEvent('storage', { key: 'relay-chat.rooms' }));
    expect(here.isMuted('random')).toBe(false);
    window.dispatchEvent(new StorageEvent('storage', { key: 'relay-chat.mutes' }));
    expect(here.isMuted('random')).toBe(true);
    stop();
  });
});
