import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/protocol-types.js';
import { clientInRoomWith, person } from './testing/client-in-room.js';
import { settle } from './testing/create-test-client.js';
import type { FakeRelay } from './testing/fake-relay.js';

const ids = (users: readonly User[]) => users.map((u) => u.id);

afterEach(() => {
  vi.useRealTimers();
});

describe('the online count of a room', () => {
  it('comes from the join answer in a large room, though the answer lists only 100', async () => {
    const { client, list } = await clientInRoomWith(149);
    expect(client.room('lobby')?.presence.users.size).toBe(100);
    expect(list.view()).toMatchObject({ count: 150, complete: false, hasMore: true });
  });

  it('is replaced by room:presence above the notice limit, with no join or leave lines in the timeline', async () => {
    const { client, relay, list } = await clientInRoomWith(149);
    relay.arrive('lobby', person(500));
    relay.depart('lobby', person(3));
    relay.arrive('lobby', person(501));
    expect(list.view().count).toBe(151);
    expect(client.room('lobby')?.presence.notices).toEqual([]);
  });

  it('follows join and leave notices in a small room, where the list is everyone, by name', async () => {
    const { relay, list, userRequests } = await clientInRoomWith(2);
    relay.arrive('lobby', { id: 'u-zz', name: 'Aaron' });
    relay.depart('lobby', person(1), 'timeout');
    const view = list.view();
    expect(view).toMatchObject({ count: 3, complete: true, hasMore: false });
    expect(view.users.map((u) => u.name)).toEqual(['Aaron', 'Person 2', 'Vreni Keller']);
    await list.loadMore();
    expect(userRequests()).toEqual([]);
  });

  it('switches a room that grows past the notice limit to paging', async () => {
    const { client, relay, list } = await clientInRoomWith(3, (r) => (r.noticeMax = 5));
    relay.arrive('lobby', person(10));
    expect(list.view()).toMatchObject({ count: 5, complete: true, users: { length: 5 } });
    relay.arrive('lobby', person(11));
    expect(list.view()).toMatchObject({ count: 6, complete: false, hasMore: true, users: [] });
    await list.loadMore();
    expect(list.view()).toMatchObject({ users: { length: 6 }, hasMore: false });
    // Back within the limit, notices come again and keep the loaded list current.
    relay.depart('lobby', person(10));
    expect(list.view()).toMatchObject({ count: 5, users: { length: 5 } });
    expect(client.room('lobby')?.presence.notices.map((n) => n.kind)).toEqual(['joined', 'left']);
  });

  it('starts over on a reconnect: the new join answer resets count and pages', async () => {
    const { relay, socket, list, userRequests } = await clientInRoomWith(249);
    await list.loadMore();
    relay.arrive('lobby', person(900));
    expect(list.view()).toMatchObject({ count: 251, users: { length: 100 } });
    socket.drop();
    for (let i = 1; i <= 100; i++) relay.room('lobby').users.delete(person(i).id);
    socket.accept(true);
    await settle();
    expect(list.view()).toMatchObject({ count: 151, users: [], hasMore: true });
    await list.loadMore();
    expect(list.view().users[0]?.id).toBe(person(101).id);
    expect(userRequests().at(-1)).toEqual({ room: 'lobby', limit: 100 });
  });

  it('drops a page that was asked for before the reconnect', async () => {
    const { socket, list } = await clientInRoomWith(149);
    const late = list.loadMore();
    socket.drop();
    socket.accept(true);
    await late;
    await settle();
    expect(list.view()).toMatchObject({ users: [], hasMore: true });
  });
});

describe('paging through a large room', () => {
  it('loads page after page on demand, each user once, until everyone is there', async () => {
    const { list, userRequests } = await clientInRoomWith(249);
    await Promise.all([list.loadMore(), list.loadMore()]);
    expect(list.view().users).toHaveLength(100);
    await list.loadMore();
    await list.loadMore();
    const view = list.view();
    expect(view).toMatchObject({ hasMore: false, loading: false, scanned: 250 });
    expect(new Set(ids(view.users)).size).toBe(250);
    expect(userRequests()).toHaveLength(3);
    expect(userRequests()[1]).toEqual({ room: 'lobby', after: ids(view.users)[99], limit: 100 });
  });

  it('keeps its place when the last user of a page leaves before the next page is asked for', async () => {
    const { relay, list } = await clientInRoomWith(249);
    await list.loadMore();
    relay.depart('lobby', list.view().users.at(-1)!);
    await list.loadMore();
    await list.loadMore();
    expect(new Set(ids(list.view().users)).size).toBe(250);
  });

  it('shows a failed page as an error, and the next attempt clears it', async () => {
    const { relay, list } = await clientInRoomWith(149);
    const handle = relay.handle.bind(relay);
    relay.handle = (event, payload) => (event === 'room:users' ? { ok: false, error: { code: 'unavailable', message: 'busy' } } : handle(event, payload));
    await list.loadMore();
    expect(list.view()).toMatchObject({ error: { code: 'unavailable' }, hasMore: true, users: [] });
    relay.handle = handle;
    await list.loadMore();
    expect(list.view()).toMatchObject({ error: undefined, users: { length: 100 } });
  });
});

describe('searching a large room by name', () => {
  it('looks through every page (200 at a time) and finds someone far beyond the first page', async () => {
    const { list, userRequests } = await clientInRoomWith(999);
    const done = list.search(' person 987 ');
    expect(list.view()).toMatchObject({ query: 'person 987', searching: true });
    await done;
    const view = list.view();
    expect(view).toMatchObject({ searching: false, hasMore: false, scanned: 1000 });
    expect(view.users.map((u) => u.name)).toEqual(['Person 987']);
    expect(userRequests()).toHaveLength(5);
    expect(userRequests().every((p) => p.limit === 200)).toBe(true);
    // Everyone is loaded now: the next search answers at once, without asking the relay.
    await list.search('Person 12');
    expect(list.view().users.map((u) => u.name)).toEqual(['Person 12', 'Person 120', 'Person 121', 'Person 122', 'Person 123', 'Person 124', 'Person 125', 'Person 126', 'Person 127', 'Person 128', 'Person 129']);
    expect(userRequests()).toHaveLength(5);
  });

  it('can be stopped, keeping what it found; clearing the search lists everyone loaded', async () => {
    const { list, userRequests } = await clientInRoomWith(999);
    const done = list.search('Person 1');
    await Promise.resolve();
    list.stopSearch();
    await done;
    await settle();
    const view = list.view();
    expect(view).toMatchObject({ searching: false, hasMore: true, scanned: 200 });
    expect(userRequests()).toHaveLength(1);
    expect(view.users.every((u) => u.name.startsWith('Person 1'))).toBe(true);
    await list.search('');
    expect(list.view()).toMatchObject({ query: '', users: { length: 200 } });
  });

  it('waits and tries again when the relay is busy, and gives up after a few tries', async () => {
    /** The relay refuses the next `refusals` page requests as busy; counts every page request. */
    const busyFor = (relay: FakeRelay, refusals: number) => {
      const handle = relay.handle.bind(relay);
      const asked = { count: 0 };
      relay.handle = (event, payload) => {
        if (event !== 'room:users') return handle(event, payload);
        asked.count++;
        return refusals-- > 0 ? { ok: false, error: { code: 'rate_limited', message: 'slow down' } } : handle(event, payload);
      };
      return asked;
    };
    const briefly = await clientInRoomWith(999);
    const lasting = await clientInRoomWith(999);
    vi.useFakeTimers();
    busyFor(briefly.relay, 2);
    const found = briefly.list.search('Person 999');
    await vi.advanceTimersByTimeAsync(3000);
    await found;
    expect(briefly.list.view()).toMatchObject({ searching: false, hasMore: false, users: [{ name: 'Person 999' }] });

    const asked = busyFor(lasting.relay, Infinity);
    const given = lasting.list.search('Person 999');
    await vi.advanceTimersByTimeAsync(6999);
    expect(lasting.list.view().searching).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    await given;
    expect(lasting.list.view()).toMatchObject({ searching: false, hasMore: true, error: { code: 'rate_limited' } });
    expect(asked.count).toBe(4);
  });

  it('in a small room filters the members without asking the relay', async () => {
    const { list, userRequests } = await clientInRoomWith(3);
    await list.search('vreni');
    expect(list.view().users.map((u) => u.name)).toEqual(['Vreni Keller']);
    expect(userRequests()).toEqual([]);
  });
});
