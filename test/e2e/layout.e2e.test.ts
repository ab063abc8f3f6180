/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, createMemoryStorage, createRelaySocket } from '../../renderer/src/core/index.js';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { ARTIFACTS, axeViolations, CHROMIUM_ARGS, say, until, openConnectedPage } from './chat-page.js';

// The layout a person sees at desktop and phone sizes, light and dark: drawers, grouping,
// scrolling, formatting, and axe-core's accessibility rules. Another person is a Node
// ChatClient (the same core as the page), so the browser here is only the one under test.
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 800 };

let redis: RedisServer;
let relay: RelayReplica;
let browser: Browser;
let bob: ChatClient;

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/layout-${name}.png` });
const log = (page: Page) => page.getByRole('log');
const rowWith = (page: Page, text: string) => log(page).locator('article.message', { hasText: text });

/** Bob says something and waits until the relay has it. */
async function bobSays(...texts: string[]): Promise<void> {
  for (const text of texts) bob.send('lobby', text);
  await until('bob delivered', () => bob.outbox.list().length === 0, 30_000);
}

async function open(options: { viewport: { width: number; height: number }; colorScheme?: 'light' | 'dark' }): Promise<Page> {
  // bypassCSP only so that the test can inject axe-core; the page's own CSP stays as shipped.
  const context = await browser.newContext({ locale: 'en-US', colorScheme: options.colorScheme ?? 'light', viewport: options.viewport, bypassCSP: true });
  return openConnectedPage(context, relay.url);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  redis = await startRedisServer();
  relay = await startRelay({ redisUrl: redis.url, env: { MESSAGE_RATE_PER_SEC: '1000' } });
  bob = new ChatClient({ storage: createMemoryStorage(), createSocket: (auth) => createRelaySocket(relay.url, auth), requestTimeoutMs: 5000 });
  bob.identity.setWantedName('Bob Baker');
  bob.start();
  await until('bob online', () => bob.status === 'online' && bob.room('lobby')?.synced);
  // History longer than the first page (50), so scrolling up has something to load.
  await bobSays(...Array.from({ length: 90 }, (_, i) => `history ${i + 1}`));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  bob?.stop();
  await browser?.close();
  await relay?.stop();
  await redis?.stop();
});

describe('layout and accessibility in Chromium', () => {
  it('on a phone shows one column, with the lists in drawers that trap focus and give it back', async () => {
    const page = await open({ viewport: PHONE });
    const timelineBox = await log(page).boundingBox();
    expect(timelineBox?.width).toBeGreaterThan(360);
    expect(await page.locator('#users-drawer').isVisible()).toBe(false);

    const toggle = page.getByRole('button', { name: /online/i });
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: 'Online users' });
    await dialog.waitFor();
    await until('bob listed', async () => (await dialog.locator('.user-name').allTextContents()).includes('Bob Baker'));
    await shot(page, 'phone-users-drawer');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await until('drawer closed', async () => !(await page.locator('#users-drawer').isVisible()));
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: /Rooms/ }).click();
    await page.getByRole('dialog', { name: 'Rooms' }).waitFor();
    await shot(page, 'phone-rooms-drawer');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('groups one sender, renders Markdown safely, jumps down on send and counts new messages while scrolled up', async () => {
    const page = await open({ viewport: DESKTOP });
    await bobSays('**bold** move, `npm test` and www.example.org', 'a second line from Bob');
    const formatted = rowWith(page, 'bold move');
    await formatted.waitFor();
    expect(await formatted.locator('strong').textContent()).toBe('bold');
    expect(await formatted.locator('code').textContent()).toBe('npm test');
    expect(await formatted.locator('a').getAttribute('href')).toBe('http://www.example.org/');
    expect(await rowWith(page, 'a second line from Bob').evaluate((el) => el.classList.contains('continued'))).toBe(true);

    // Scroll up to read: new messages from Bob do not move the view, a pill counts them.
    const scroller = log(page);
    await scroller.evaluate((el) => el.scrollBy(0, -600));
    await until('unpinned', async () => (await page.locator('button.jump').count()) === 1);
    const before = await scroller.evaluate((el) => el.scrollTop);
    await bobSays('news one', 'news two');
    await until('pill counts two', async () => (await page.locator('button.jump').textContent())?.trim() === '2 new messages ↓');
    expect(Math.abs((await scroller.evaluate((el) => el.scrollTop)) - before)).toBeLessThan(2);
    await shot(page, 'new-messages-pill');

    // Sending while scrolled up brings the view to the bottom, where the message is.
    await say(page, 'my answer');
    await until('at the bottom', () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4));
    await rowWith(page, 'my answer').waitFor();
    expect(await page.locator('button.jump').count()).toBe(0);
    await page.context().close();
  });

  it('loads older messages by itself at the top and keeps the message being read in place', async () => {
    const page = await open({ viewport: DESKTOP });
    await rowWith(page, 'history 90').waitFor();
    // Hold the history answer back a moment, so the page settles at the top before it arrives.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/rooms/*/messages*', async (route) => {
      await held;
      await route.continue();
    });
    const scroller = log(page);
    await scroller.focus();
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await page.locator('.loading-older').waitFor();
    await page.waitForTimeout(300);
    const before = await scroller.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const row = Array.from(el.querySelectorAll<HTMLElement>('article.message[data-seq]')).find((r) => r.getBoundingClientRect().bottom > top);
      return { seq: Number(row?.dataset.seq), top: row?.getBoundingClientRect().top ?? NaN };
    });
    expect(before.seq).toBeGreaterThan(1);
    release();
    await until('older history loaded', async () => (await page.locator(`article.message[data-seq="${before.seq - 1}"]`).count()) > 0);
    await page.waitForTimeout(300);
    const after = await page.locator(`article.message[data-seq="${before.seq}"]`).evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(after - before.top)).toBeLessThan(4);
    expect(await page.locator('button', { hasText: /older/i }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    await shot(page, 'older-loaded');
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      it(`passes axe-core with no violations (${size}, ${colorScheme})`, async () => {
        const page = await open({ viewport, colorScheme });
        await rowWith(page, 'news two').waitFor();
        await say(page, `checking _contrast_ (${size}, ${colorScheme})`);
        await rowWith(page, `checking contrast (${size}, ${colorScheme})`).waitFor();
        await shot(page, `${size}-${colorScheme}`);
        expect(await axeViolations(page)).toEqual([]);
        if (size === 'phone') {
          await page.getByRole('button', { name: /Rooms/ }).click();
          await page.getByRole('dialog', { name: 'Rooms' }).waitFor();
          expect(await axeViolations(page)).toEqual([]);
        }
        await page.context().close();
      });
    }
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe-core while offline, with a message waiting and the online list stale (${colorScheme})`, async () => {
      const page = await open({ viewport: DESKTOP, colorScheme });
      await rowWith(page, 'history 90').waitFor();
      await page.context().setOffline(true);
      await until('offline banner', async () => (await page.locator('.banner').textContent())?.includes('You are offline'));
      await say(page, `waiting (${colorScheme})`);
      await page.locator('.pending', { hasText: 'Waiting for the connection' }).waitFor({ timeout: 10_000 });
      await shot(page, `offline-${colorScheme}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().setOffline(false);
      await until('delivered', async () => (await page.locator('.pending').count()) === 0);
      await page.context().close();
    });
  }

  it('offers a "Skip to messages" link first, which moves the focus to the timeline', async () => {
    const page = await open({ viewport: DESKTOP });
    const skip = page.getByRole('link', { name: 'Skip to messages' });
    // First in tab order, and visible once focused.
    expect(await skip.evaluate((el) => document.querySelector('a[href], button, input, select, textarea, [tabindex]') === el)).toBe(true);
    await skip.focus();
    expect((await skip.boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await log(page).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });
});
