import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/protocol-types.js';
import { settle } from './core/testing/create-test-client.js';
import { FakeRelay } from './core/testing/fake-relay.js';
import { mountApp } from './testing/mount-app.js';

const person = (i: number): User => ({ id: `u-${String(i).padStart(5, '0')}`, name: `Person ${i}` });

/** The app online in a lobby where `others` people are already. */
async function inLobbyWith(others: number, options: { languages?: string[] } = {}) {
  const relay = new FakeRelay();
  for (let i = 1; i <= others; i++) relay.room('lobby').users.set(person(i).id, person(i));
  const app = mountApp({ relay, ...options });
  app.client.start();
  app.socket().accept();
  await settle();
  await flushPromises();
  return app;
}

/** happy-dom has no layout: give the list's scroller a height, as a shown panel has. */
function giveHeight(el: Element, height: number) {
  let top = 0;
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(el, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
}

async function showList(app: Awaited<ReturnType<typeof inLobbyWith>>) {
  const scroller = app.wrapper.get('.users-scroll');
  giveHeight(scroller.element, 560);
  await scroller.trigger('scroll');
  await settle();
  await flushPromises();
  return scroller;
}

const listed = (app: Awaited<ReturnType<typeof inLobbyWith>>) => app.wrapper.findAll('ul[aria-label="Online users"] li');
const requests = (relay: FakeRelay) => relay.requests.filter((r) => r.event === 'room:users');

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Lets `ms` pass on the faked clock (setImmediate stays real for flushPromises). */
async function pass(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
  await flushPromises();
}

const nameAt = (app: Awaited<ReturnType<typeof inLobbyWith>>, position: number) =>
  app.wrapper.find(`ul[aria-label="Online users"] li[aria-posinset="${position}"] .user-name`).text();

describe('the shown online list of a large room stays true', () => {
  it('drops who left and shows who came and renames after the count moves, keeping the rows in view in place', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const app = await inLobbyWith(1499);
    const scroller = await showList(app);
    scroller.element.scrollTop = 28 * 50;
    await scroller.trigger('scroll');
    await flushPromises();
    expect(nameAt(app, 51)).toBe('Person 51');
    // Ten people listed above the rows in view leave; someone is renamed: no notices, only counts.
    for (let i = 1; i <= 10; i++) app.relay.depart('lobby', person(i));
    app.relay.room('lobby').users.set(person(52).id, { id: person(52).id, name: 'Zoë' });
    await flushPromises();
    expect(app.wrapper.get('#users-title').text()).toBe('1,490 people online');
    await pass(1000);
    expect(scroller.element.scrollTop).toBe(28 * 40);
    expect(nameAt(app, 41)).toBe('Person 51');
    expect(nameAt(app, 42)).toBe('Zoë');
    expect(app.wrapper.find('.users-more').exists()).toBe(false);
  });

  it('asks nothing while the panel is closed (a shut phone drawer has no height)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const app = await inLobbyWith(1499);
    const scroller = await showList(app);
    giveHeight(scroller.element, 0);
    await scroller.trigger('scroll');
    await flushPromises();
    for (let i = 1; i <= 10; i++) app.relay.depart('lobby', person(i));
    await pass(120_000);
    expect(requests(app.relay)).toHaveLength(1);
  });

  it('shows an answer it cannot read as an error with Retry, keeping who is listed', async () => {
    const app = await inLobbyWith(1499);
    const handle = app.relay.handle.bind(app.relay);
    let bad = false;
    app.relay.handle = (event, payload) => (event === 'room:users' && bad ? { ok: true, users: 'everyone' } as never : handle(event, payload));
    const scroller = await showList(app);
    bad = true;
    scroller.element.scrollTop = 28 * 80;
    await scroller.trigger('scroll');
    await settle();
    await flushPromises();
    const problem = app.wrapper.get('.users-more.error');
    expect(problem.text()).toContain('The relay sent a list of people this app cannot read.');
    expect(problem.attributes('role')).toBe('alert');
    expect(nameAt(app, 81)).toBe('Person 81');
    bad = false;
    await problem.get('button').trigger('click');
    await settle();
    await flushPromises();
    expect(app.wrapper.find('.users-more.error').exists()).toBe(false);
    expect(app.wrapper.findAll('ul[aria-label="Online users"] li').at(-1)?.attributes('aria-posinset')).not.toBe('100');
  });
});

describe('the online list of a large room', () => {
  it('says how many are online, in the panel and on the phone toggle, and follows room:presence', async () => {
    const app = await inLobbyWith(1499);
    expect(app.wrapper.get('#users-title').text()).toBe('1,500 people online');
    expect(app.wrapper.get('button[aria-controls="users-drawer"]').text()).toBe('1,500 people online');
    app.socket().push('room:presence', { room: 'lobby', count: 1502 });
    await flushPromises();
    expect(app.wrapper.get('#users-title').text()).toBe('1,502 people online');
    // No lines of its own in the timeline for the count.
    expect(app.wrapper.findAll('.notice')).toHaveLength(0);
  });

  it('renders only the visible rows and loads the next page when scrolled near the end', async () => {
    const app = await inLobbyWith(1499);
    expect(requests(app.relay)).toHaveLength(0); // nothing is loaded for a list no one sees
    const scroller = await showList(app);
    expect(requests(app.relay)).toHaveLength(1);
    const rows = listed(app);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.attributes()).toMatchObject({ 'aria-posinset': '1', 'aria-setsize': '1500' });

    scroller.element.scrollTop = 28 * 80;
    await scroller.trigger('scroll');
    await settle();
    await flushPromises();
    expect(requests(app.relay)).toHaveLength(2);
    expect(listed(app).length).toBeLessThan(50);
    expect(listed(app)[0]?.attributes('aria-posinset')).toBe('71');
  });

  it('finds someone far beyond the first page by name, and says how many it found', async () => {
    const app = await inLobbyWith(1499);
    await showList(app);
    const search = app.wrapper.get('input[aria-label="Find people by name"]');
    await search.setValue('Person 1234');
    await settle(200);
    await flushPromises();
    expect(listed(app).map((li) => li.get('.user-name').text())).toEqual(['Person 1234']);
    expect(app.wrapper.get('#users-search-status').text()).toBe('1 found');
    expect(requests(app.relay).slice(1).every((r) => r.payload.limit === 200)).toBe(true);
  });

  it('announces the count politely, but not on every change', async () => {
    const app = await inLobbyWith(1499);
    const live = app.wrapper.get('.users [aria-live="polite"]');
    expect(live.text()).toBe('1,500 people online');
    app.socket().push('room:presence', { room: 'lobby', count: 1502 });
    await flushPromises();
    expect(app.wrapper.get('#users-title').text()).toBe('1,502 people online');
    expect(live.text()).toBe('1,500 people online');
  });

  it('speaks German with German plural and digit grouping', async () => {
    const app = await inLobbyWith(1499, { languages: ['de-DE'] });
    expect(app.wrapper.get('#users-title').text()).toBe('1.500 Personen online');
    const alone = await inLobbyWith(0, { languages: ['de-DE'] });
    expect(alone.wrapper.get('#users-title').text()).toBe('1 Person online');
  });

  it('keeps a small room as it was: everyone by name, no search box, nothing paged', async () => {
    const app = await inLobbyWith(2);
    await showList(app);
    expect(app.wrapper.get('#users-title').text()).toBe('3 people online');
    expect(listed(app).map((li) => li.get('.user-name').text())).toEqual(['Person 1', 'Person 2', 'Vreni Keller']);
    expect(app.wrapper.find('input[type="search"]').exists()).toBe(false);
    expect(requests(app.relay)).toHaveLength(0);
  });
});
