import { afterEach, describe, expect, it, vi } from 'vitest';
import { CachedHistoryWriter, restoreCachedHistory } from './cached-history.js';
import { createMemoryHistoryCache, HISTORY_PER_ROOM, HISTORY_ROOMS } from './history-cache.js';
import { createMemoryStorage } from './key-value-storage.js';
import { createTestClient, settle } from './testing/create-test-client.js';
import { FakeRelay } from './testing/fake-relay.js';

const texts = (client: ReturnType<typeof createTestClient>['client'], room = 'lobby') => client.room(room)?.log.messages.map((m) => m.text);

/** A client that was online, saw `relay`'s history and wrote it to `cache`. */
async function seenOnce(relay: FakeRelay, cache = createMemoryHistoryCache(), storage = createMemoryStorage()) {
  const tab = createTestClient(storage, relay);
  const writer = new CachedHistoryWriter(tab.client, cache, 10_000);
  tab.client.start();
  relay.socket.accept();
  await settle();
  await writer.flush();
  writer.stop();
  tab.client.stop();
  return { cache, storage };
}

afterEach(() => vi.useRealTimers());

describe('cached history', () => {
  it('shows the last seen messages before connecting, then resumes right after them', async () => {
    const relay = new FakeRelay();
    for (const text of ['one', 'two', 'three']) relay.append('lobby', text);
    const { cache, storage } = await seenOnce(relay);

    relay.append('lobby', 'four');
    const next = createTestClient(storage, relay);
    await restoreCachedHistory(next.client, cache);
    expect(texts(next.client)).toEqual(['one', 'two', 'three']);
    next.client.start();
    relay.socket.accept();
    await settle();
    expect(texts(next.client)).toEqual(['one', 'two', 'three', 'four']);
    expect(relay.requests.filter((r) => r.event === 'room:join').at(-1)?.payload).toEqual({ room: 'lobby', since: 3 });
  });

  it('drops the cached history when the relay reports a new epoch', async () => {
    vi.useFakeTimers();
    const relay = new FakeRelay();
    relay.append('lobby', 'before the wipe');
    const { cache, storage } = await seenOnce(relay);
    relay.wipe('lobby', 'e2');
    relay.append('lobby', 'after the wipe');

    const next = createTestClient(storage, relay);
    await restoreCachedHistory(next.client, cache);
    const writer = new CachedHistoryWriter(next.client, cache, 500);
    next.client.start();
    relay.socket.accept();
    await settle();
    expect(texts(next.client)).toEqual(['after the wipe']);
    await vi.advanceTimersByTimeAsync(600);
    expect(cache.rooms.get('lobby')).toMatchObject({ epoch: 'e2', messages: [{ text: 'after the wipe' }] });
    writer.stop();
  });

  it('keeps the newest messages of each room, a bounded number of rooms, and forgets rooms left', async () => {
    const relay = new FakeRelay();
    relay.freshLimit = 1000;
    for (let i = 1; i <= HISTORY_PER_ROOM + 50; i++) relay.append('lobby', `m${i}`);
    const { cache, storage } = await seenOnce(relay);
    const saved = cache.rooms.get('lobby');
    expect(saved?.messages).toHaveLength(HISTORY_PER_ROOM);
    expect(saved?.messages.at(-1)?.text).toBe(`m${HISTORY_PER_ROOM + 50}`);
    expect(saved?.hasOlder).toBe(true);

    const tab = createTestClient(storage, relay);
    const writer = new CachedHistoryWriter(tab.client, cache, 0);
    tab.client.start();
    relay.socket.accept();
    await tab.client.joinRoom('random');
    await settle();
    await writer.flush();
    expect([...cache.rooms.keys()].sort()).toEqual(['lobby', 'random']);
    await tab.client.leaveRoom('random');
    await settle();
    expect([...cache.rooms.keys()]).toEqual(['lobby']);
    writer.stop();

    for (let i = 0; i < HISTORY_ROOMS + 5; i++) await cache.save({ room: `r${i}`, epoch: 'e', messages: [], hasOlder: false });
    expect(cache.rooms.size).toBe(HISTORY_ROOMS);
    expect(cache.rooms.has('lobby')).toBe(false);
  });
});
