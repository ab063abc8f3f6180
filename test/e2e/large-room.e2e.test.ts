import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomUsersResponse } from '../../shared/protocol-types.js';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
import { connectClient, type TestClient } from '../support/chat-client.js';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { ARTIFACTS, axeViolations, launchChromium, openConnectedPage, until } from './chat-page.js';

// A large room (v1.1 "Large rooms", issue 15) as a person sees it: 149 others in the lobby,
// connected with socket.io-client from Node, and a relay that stops join/leave notices above
// five users and sends the count every 300 ms instead. The page shows the count, renders a
// window of the list, pages it in as it scrolls, and finds by name someone not on the first page.

const CROWD = 149;
const crowdName = (i: number) => `Crowd ${String(i).padStart(3, '0')}`;

let redis: RedisServer;
let relay: RelayReplica;
let browser: Browser;
const crowd: TestClient[] = [];

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/large-room-${name}.png` });
const heading = (page: Page) => page.locator('#users-title');
const list = (page: Page) => page.getByRole('list', { name: 'Online users' });
const scroller = (page: Page) => page.locator('.users-scroll');
/** The position (1-based) of the last row in the DOM: how far the list has got. */
const lastPosition = async (page: Page) => Number((await list(page).locator('li').last().getAttribute('aria-posinset')) ?? 0);

async function openPage(viewport: { width: number; height: number }): Promise<Page> {
  // bypassCSP only so that the test can inject axe-core; the page's own CSP stays as shipped.
  const context = await browser.newContext({ locale: 'en-US', viewport, bypassCSP: true });
  return openConnectedPage(context, relay.url);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  redis = await startRedisServer();
  relay = await startRelay({
    redisUrl: redis.url,
    env: { PRESENCE_NOTICE_MAX: '5', PRESENCE_COUNT_MS: '300', MAX_CONNECTIONS_PER_IP: '1000' },
  });
  // In small batches: a crowd arriving at once is the relay's storm test, not this one.
  for (let first = 1; first <= CROWD; first += 25) {
    const batch = Array.from({ length: Math.min(25, CROWD - first + 1) }, (_, k) => connectClient(relay.url, { name: crowdName(first + k) }));
    crowd.push(...(await Promise.all(batch)));
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const client of crowd) client.close();
  await browser?.close();
  await relay?.stop();
  await redis?.stop();
});

describe('a room of 150 in Chromium', () => {
  it('shows "150 people online", renders a window of the list and loads more as it scrolls', async () => {
    const page = await openPage({ width: 1280, height: 800 });
    await until('the count', async () => (await heading(page).textContent())?.trim() === '150 people online');
    await until('the first rows', async () => (await list(page).locator('li').count()) > 10);
    // Only what fits in the panel (plus a margin) is in the DOM, not 150 rows.
    expect(await list(page).locator('li').count()).toBeLessThan(60);
    expect(await list(page).locator('li').first().getAttribute('aria-setsize')).toBe('150');

    // Scrolling to the end again and again reaches the 150th person: pages arrive on demand.
    await until('the last row', async () => {
      await scroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return (await lastPosition(page)) === 150;
    });
    const names = await list(page).locator('.user-name').allTextContents();
    expect(names.length).toBeLessThan(60);
    expect(new Set(names).size).toBe(names.length);
    await shot(page, 'desktop-scrolled');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('finds by name someone who is not on the first page', async () => {
    // Who is on the relay's first page is the relay's business: ask it, as the page would.
    const first = await crowd[0]!.request<RoomUsersResponse>('room:users', { room: 'lobby', limit: 100 });
    expect(first.ok).toBe(true);
    expect(first.next).toBeDefined();
    const onFirstPage = new Set(first.users.map((u) => u.name));
    const wanted = Array.from({ length: CROWD }, (_, i) => crowdName(i + 1)).find((name) => !onFirstPage.has(name))!;

    const page = await openPage({ width: 1280, height: 800 });
    await until('the count', async () => (await heading(page).textContent())?.trim() === '150 people online');
    await page.getByRole('searchbox', { name: 'Find people by name' }).fill(wanted);
    await until('the match', async () => (await list(page).locator('.user-name').allTextContents()).join() === wanted);
    await until('the outcome', async () => (await page.locator('#users-search-status').textContent())?.trim() === '1 found');
    await page.context().close();
  });

  it('counts people leaving live, without a line per person in the timeline above the limit, and the list shown drops them', async () => {
    const page = await openPage({ width: 1280, height: 800 });
    await until('the count', async () => (await heading(page).textContent())?.trim() === '150 people online');
    await until('everyone loaded', async () => {
      await scroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return (await lastPosition(page)) === 150;
    });
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
    for (const client of crowd.splice(-10)) client.close();
    // After the presence grace period (≤ 5 s) and the next count (300 ms).
    await until('the new count', async () => (await heading(page).textContent())?.trim() === '140 people online', 20_000);
    expect(await page.getByRole('log').locator('.notice').count()).toBe(0);
    // No notices say who left: the open list reads its pages again (paced: ≤ 5 s and a jitter).
    await until('the list without them', async () => (await list(page).locator('li').first().getAttribute('aria-setsize')) === '140', 20_000);
    await page.context().close();
  });

  it('on a phone shows the count on the toggle and the list, searchable, in its drawer', async () => {
    const page = await openPage({ width: 390, height: 800 });
    const toggle = page.getByRole('button', { name: /people online/ });
    // The earlier pages and the ten who left may still count during their grace period.
    await until('the count on the toggle', async () => Number(/^(\d+) people online$/.exec((await toggle.textContent())?.trim() ?? '')?.[1] ?? 0) >= 140);
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: 'Online users' });
    await dialog.waitFor();
    await until('rows in the drawer', async () => (await dialog.locator('li').count()) > 10);
    expect(await dialog.locator('li').count()).toBeLessThan(60);
    await dialog.getByRole('searchbox', { name: 'Find people by name' }).fill(crowdName(7));
    await until('the match in the drawer', async () => (await dialog.locator('.user-name').allTextContents()).join() === crowdName(7));
    await shot(page, 'phone-drawer-search');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
