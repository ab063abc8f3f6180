import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/protocol-types.js';
import { clientInRoomWith, person } from './testing/client-in-room.js';
import { settle } from './testing/create-test-client.js';
import type { FakeRelay } from './testing/fake-relay.js';

const names = (users: readonly User[]) => users.map((u) => u.name);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A client online in `lobby` with `others` people; timers faked from then on. */
async function inRoomWith(others: number, setup?: (relay: FakeRelay) => void) {
  const test = await clientInRoomWith(others, setup);
  const { list } = test;
  vi.useFakeTimers();
  // The jitter at its worst, so the pace asserted holds for any draw.
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
  /** What the store does on every room event: read the view (the list follows lazily). */
  const wait = async (ms: number) => {
    list.view();
    await vi.advanceTimersByTimeAsync(ms);
    await settle();
    list.view();
  };
  /** Someone is renamed in a large room: the relay tells no one. */
  const rename = (i: number, name: string) => test.relay.room('lobby').users.set(person(i).id, { id: person(i).id, name });
  return { ...test, wait, rename };
}

describe('a watched online list of a large room stays true', () => {
  it('drops who left, adds who came and shows renames once the count moves, without a flash of "loading"', async () => {
    const { relay, list, wait, rename, userRequests } = await inRoomWith(249);
    list.watch(true);
    await list.loadMore();
    expect(names(list.view().users)).toContain('Person 1');
    rename(2, 'Zora');
    relay.depart('lobby', person(1));
    relay.arrive('lobby', { id: 'u-00000a', name: 'Newcomer' });
    expect(list.view()).toMatchObject({ count: 250, loading: false });
    await wait(1000); // the jitter: at most 1 s
    const users = names(list.view().users);
    expect(users).not.toContain('Person 1');
    expect(users).toContain('Newcomer');
    expect(users).toContain('Zora');
    expect(users).not.toContain('Person 2');
    expect(new Set(users).size).toBe(users.length);
    // One request of 200 covered the 100 loaded; the list never showed "loading" for it.
    expect(userRequests().slice(1)).toEqual([{ room: 'lobby', limit: 200 }]);
    expect(list.view()).toMatchObject({ loading: false, error: undefined, hasMore: true });
  });

  it('costs nothing while no one looks, and catches up when shown again', async () => {
    const { relay, list, wait, userRequests } = await inRoomWith(249);
    await list.loadMore();
    relay.depart('lobby', person(1));
    await wait(120_000);
    expect(userRequests()).toHaveLength(1);
    list.watch(true);
    await wait(0); // opening the panel is one person's act: no jitter
    expect(userRequests()).toHaveLength(2);
    expect(names(list.view().users)).not.toContain('Person 1');
    list.watch(false);
    relay.depart('lobby', person(2));
    await wait(120_000);
    expect(userRequests()).toHaveLength(2);
  });

  it('re-reads a room in constant churn at most once per 5 s', async () => {
    const { relay, list, wait, userRequests } = await inRoomWith(249);
    list.watch(true);
    await list.loadMore();
    for (let i = 0; i < 200; i++) {
      // Someone comes and goes every 100 ms for 20 s; the fake counts each, uncoalesced.
      if (i % 2 === 0) relay.arrive('lobby', { id: `u-x${i}`, name: `Visitor ${i}` });
      else relay.depart('lobby', { id: `u-x${i - 1}`, name: `Visitor ${i - 1}` });
      await wait(100);
    }
    const rereads = userRequests().length - 1;
    expect(rereads).toBeGreaterThanOrEqual(3);
    expect(rereads).toBeLessThanOrEqual(5);
  });

  it('waits longer between re-reads of a long list: 2 s per request it takes', async () => {
    const { relay, list, wait, userRequests } = await inRoomWith(999);
    list.watch(true);
    await list.search('Person 1'); // loads all 1,000: a re-read takes 5 requests
    await wait(0);
    expect(userRequests()).toHaveLength(5);
    relay.depart('lobby', person(5));
    await wait(1000);
    expect(userRequests()).toHaveLength(10);
    relay.depart('lobby', person(6));
    // The last re-read took 5 requests: the next waits 10 s (plus the jitter), not 5.
    await wait(8900);
    expect(userRequests()).toHaveLength(10);
    await wait(2100);
    expect(userRequests()).toHaveLength(15);
  });

  it('keeps the search filter: the matches are re-read, and who left or was renamed drops out', async () => {
    const { relay, list, wait, rename } = await inRoomWith(999);
    list.watch(true);
    await list.search('Person 12');
    expect(list.view().users).toHaveLength(11);
    rename(12, 'Zed');
    relay.depart('lobby', person(120));
    relay.arrive('lobby', person(1200));
    await wait(1000);
    expect(list.view()).toMatchObject({ query: 'Person 12', hasMore: false });
    expect(names(list.view().users)).toEqual(['Person 121', 'Person 122', 'Person 123', 'Person 124', 'Person 125', 'Person 126', 'Person 127', 'Person 128', 'Person 129', 'Person 1200']);
  });

  it('is read again after a minute even if the count stands still (a rename changes no count)', async () => {
    const { list, wait, rename, userRequests } = await inRoomWith(249);
    list.watch(true);
    await list.loadMore();
    rename(3, 'Quentin');
    await wait(59_000);
    expect(userRequests()).toHaveLength(1);
    await wait(1000);
    expect(userRequests()).toHaveLength(2);
    expect(names(list.view().users)).toContain('Quentin');
  });

  it('tries a busy relay again later, silently, keeping the list', async () => {
    const { relay, list, wait, userRequests } = await inRoomWith(249);
    list.watch(true);
    await list.loadMore();
    const handle = relay.handle.bind(relay);
    relay.handle = (event, payload) => {
      if (event !== 'room:users') return handle(event, payload);
      relay.requests.push({ event, payload });
      return { ok: false, error: { code: 'rate_limited', message: 'slow down' } };
    };
    relay.depart('lobby', person(1));
    await wait(1000);
    expect(userRequests()).toHaveLength(2);
    expect(list.view()).toMatchObject({ error: undefined, users: { length: 100 } });
    relay.handle = handle;
    await wait(5000);
    expect(userRequests()).toHaveLength(3);
    expect(names(list.view().users)).not.toContain('Person 1');
  });
});

describe('a room back within the notice limit', () => {
  it('lists everyone again, including what changed while it was large, once someone sees it', async () => {
    const { relay, list, wait, rename, userRequests } = await inRoomWith(400, (r) => (r.noticeMax = 300));
    await list.loadMore();
    expect(list.view()).toMatchObject({ count: 401, hasMore: true, users: { length: 100 } });
    // Large: no notices. Person 3 is renamed, a newcomer comes; then 151 leave, one by one,
    // until the relay sends notices again (300 or fewer after the change).
    rename(3, 'Renamed Three');
    relay.arrive('lobby', { id: 'u-00000a', name: 'Newcomer' });
    for (let i = 250; i <= 400; i++) relay.depart('lobby', person(i));
    expect(list.view().count).toBe(251);
    await wait(60_000);
    expect(userRequests()).toHaveLength(1);
    list.watch(true);
    await wait(0);
    // Within the limit the list is the whole room again (not just as far as was scrolled), and
    // notices keep it so.
    const view = list.view();
    expect(view).toMatchObject({ count: 251, hasMore: false, users: { length: 251 } });
    expect(names(view.users)).toContain('Renamed Three');
    expect(names(view.users)).toContain('Newcomer');
    expect(names(view.users)).not.toContain('Person 250');
    relay.depart('lobby', person(1));
    expect(list.view().users).toHaveLength(250);
  });
});

describe('a room:users answer that breaks the contract', () => {
  /** The relay answers the next page requests with `bad` instead of a page. */
  function answerBadly(relay: FakeRelay, bad: unknown) {
    const handle = relay.handle.bind(relay);
    relay.handle = (event, payload) => {
      if (event !== 'room:users') return handle(event, payload);
      relay.requests.push({ event, payload });
      return bad as ReturnType<FakeRelay['handle']>;
    };
    return () => (relay.handle = handle);
  }

  it.each([
    ['users is not a list', { ok: true, users: 'everyone' }],
    ['a user without an id', { ok: true, users: [{ name: 'Ghost' }] }],
    ['a name that is not text', { ok: true, users: [{ id: 'u-1', name: 42 }] }],
    ['a cursor that is not text', { ok: true, users: [{ id: 'u-1', name: 'A' }], next: 7 }],
  ])('is an error the user can retry, not a silent empty list (%s), and keeps who is shown', async (_, bad) => {
    const { relay, list, userRequests } = await inRoomWith(249);
    await list.loadMore();
    const fixed = answerBadly(relay, bad);
    await list.loadMore();
    expect(list.view()).toMatchObject({ error: { code: 'bad_answer' }, failed: 'page', hasMore: true, users: { length: 100 } });
    fixed();
    await list.retry();
    expect(list.view()).toMatchObject({ error: undefined, users: { length: 200 } });
    expect(userRequests()).toHaveLength(3);
  });

  it('in a re-read keeps the list as it was, stops re-reading until Retry, and Retry re-reads', async () => {
    const { relay, list, wait, userRequests } = await inRoomWith(249);
    list.watch(true);
    await list.loadMore();
    const fixed = answerBadly(relay, { ok: true, users: [{ id: 5 }] });
    relay.depart('lobby', person(1));
    await wait(1000);
    expect(list.view()).toMatchObject({ error: { code: 'bad_answer' }, failed: 'reread', users: { length: 100 } });
    expect(names(list.view().users)).toContain('Person 1');
    relay.depart('lobby', person(2));
    await wait(120_000);
    expect(userRequests()).toHaveLength(2);
    fixed();
    await list.retry();
    expect(list.view()).toMatchObject({ error: undefined, failed: undefined });
    expect(names(list.view().users)).not.toContain('Person 2');
  });
});
