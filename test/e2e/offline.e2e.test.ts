import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { ARTIFACTS, cachedRoomTexts, composer, launchChromium, messagesWith, say, until } from './chat-page.js';
import { colouredPixels } from './coloured-pixels.js';

// The web page without its relay: the service worker opens the app, IndexedDB shows the
// history, the outbox holds what is typed until the relay is back. Redis keeps the history
// across the relay's restart, as in production.

let redis: RedisServer;
let relay: RelayReplica;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const roomTitle = async (p: Page) => (await p.locator('.room-title').textContent())?.trim();
const roomNames = (p: Page) => p.locator('.room-button .room-name').allTextContents();
const connected = async (p: Page) => (await p.locator('.banner').getAttribute('hidden')) !== null;

async function joinRoom(p: Page, name: string): Promise<void> {
  await p.getByRole('textbox', { name: 'Join room' }).fill(name);
  await p.getByRole('textbox', { name: 'Join room' }).press('Enter');
  await until(`#${name} open`, async () => (await roomTitle(p)) === `# ${name}`);
}

/** The little of the page's service worker container these checks read (tests compile without the DOM library). */
type PageGlobals = { navigator: { serviceWorker: { ready: Promise<{ active: { scriptURL: string } | null }>; controller: object | null } } };

const cachedTexts = (p: Page, room: string) => cachedRoomTexts(p, relay.url, room);

async function relayTexts(room: string): Promise<string[]> {
  const res = await fetch(`${relay.url}/api/rooms/${room}/messages`);
  return ((await res.json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  redis = await startRedisServer();
  relay = await startRelay({ redisUrl: redis.url });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 760 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(relay.url);
  await until('the chat to connect', () => connected(page));
});

afterAll(async () => {
  await browser?.close();
  if (relay?.running()) await relay.stop();
  await redis?.stop();
});

describe('the web page without its relay', () => {
  it('is installable: a manifest with 192 and 512 px icons, and a service worker in control', async () => {
    const manifest = (await (await fetch(`${relay.url}/manifest.webmanifest`)).json()) as { icons: Array<{ src: string; sizes: string }> };
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(['192x192', '512x512']);
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, `${relay.url}/`))).headers.get('content-type')).toBe('image/png');
    expect(await page.evaluate(async () => (await (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${relay.url}/sw.js`);
  });

  it('opens after a reload with the relay down: last room, its draft, the cached history in colour; the outbox delivers once it is back', async () => {
    await joinRoom(page, 'notes');
    // The page is controlled once the worker has claimed it; the reload below relies on that,
    // and so does the emoji font: the worker caches a subset when it sees the page fetch it.
    await until('the page controlled by the worker', () => page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.controller !== null));
    await say(page, 'Written before the outage 🎉');
    await until('the message acked', async () => (await page.locator('.pending').count()) === 0 && (await messagesWith(page, 'before the outage').count()) === 1);
    await until('the history cached', async () => (await cachedTexts(page, 'notes')).includes('Written before the outage 🎉'));
    await until('the 🎉 drawn in colour', async () => (await colouredPixels(messagesWith(page, 'before the outage').locator('.body'))) > 20);
    await composer(page).fill('a draft kept for later');

    await relay.stop();
    // As after a browser restart a day later: the HTTP cache (assets are fresh for an hour)
    // holds nothing, so only the worker's caches can open the app.
    await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    await page.reload();
    await until('back in #notes', async () => (await roomTitle(page)) === '# notes');
    expect(await composer(page).inputValue()).toBe('a draft kept for later');
    await messagesWith(page, 'Written before the outage').waitFor();
    expect(await connected(page)).toBe(false);
    // The emoji font is not precached: this subset comes from the worker's runtime cache.
    await until('the 🎉 still in colour with the relay down', async () => (await colouredPixels(messagesWith(page, 'before the outage').locator('.body'))) > 20);

    await say(page, 'Typed while the relay was down');
    await page.locator('.pending', { hasText: 'Typed while the relay was down' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/e2e-offline-start.png` });

    await relay.start();
    await until('reconnected', () => connected(page), 40_000);
    await until('the offline message delivered', async () => (await page.locator('.pending').count()) === 0, 40_000);
    expect((await relayTexts('notes')).filter((t) => t === 'Typed while the relay was down')).toHaveLength(1);
    expect(await messagesWith(page, 'Typed while the relay was down').count()).toBe(1);
  });

  it('keeps the room lists of two tabs of one user in step', async () => {
    const other = await context.newPage();
    await other.goto(relay.url);
    await until('the second tab connects', () => connected(other));
    await joinRoom(page, 'together');
    await until('the other tab lists #together', async () => (await roomNames(other)).includes('# together'));
    await page.getByRole('button', { name: 'Leave #together' }).click();
    await page.locator('.toast', { hasText: 'You left #together.' }).waitFor();
    await until('the other tab drops #together once Undo is over', async () => !(await roomNames(other)).includes('# together'));
    await other.close();
  });
});
