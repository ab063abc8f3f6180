import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { ARTIFACTS, launchChromium, messagesWith, say, until, openConnectedPage } from './chat-page.js';
import { startFakeNameApi, type FakeNameApi } from './fake-name-api.js';

// Two people in two browser contexts, each on its own relay replica, over one real Redis:
// everything one sees of the other crossed replicas.

let redis: RedisServer;
let names: FakeNameApi;
let relayA: RelayReplica;
let relayB: RelayReplica;
let browser: Browser;
let aliceContext: BrowserContext;
let bobContext: BrowserContext;
let alice: Page;
let bob: Page;

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/e2e-${name}.png` });
const onlineNames = (page: Page) => page.getByRole('list', { name: 'Online users' }).locator('.user-name').allTextContents();

async function openChat(context: BrowserContext, relay: RelayReplica): Promise<Page> {
  return openConnectedPage(context, relay.url);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  redis = await startRedisServer();
  names = await startFakeNameApi([
    ['Vreni', 'Keller'],
    ['Jonas', 'Meier'],
  ]);
  const env = { NAME_API_URL: names.url };
  relayA = await startRelay({ redisUrl: redis.url, env });
  relayB = await startRelay({ redisUrl: redis.url, env });
  browser = await launchChromium();
  const options = { locale: 'en-US', colorScheme: 'light' as const, viewport: { width: 1200, height: 760 } };
  aliceContext = await browser.newContext(options);
  bobContext = await browser.newContext(options);
  alice = await openChat(aliceContext, relayA);
  bob = await openChat(bobContext, relayB);
});

afterAll(async () => {
  await browser?.close();
  await relayA?.stop();
  await relayB?.stop();
  await names?.close();
  await redis?.stop();
});

describe('chat in the browser, two replicas, real Redis', () => {
  it('gives each newcomer a name from the Random User API and lists both online, across replicas', async () => {
    await until('alice named', async () => (await alice.locator('.me').textContent()) === 'You are Vreni Keller');
    await until('bob named', async () => (await bob.locator('.me').textContent()) === 'You are Jonas Meier');
    for (const page of [alice, bob]) {
      await until('both online', async () => (await onlineNames(page)).sort().join() === 'Jonas Meier,Vreni Keller');
    }
    expect(names.requests()).toBe(2);
  });

  it('delivers a message with the sender name and local time, set apart as own for the sender', async () => {
    await say(alice, 'Hello from replica A');
    const received = messagesWith(bob, 'Hello from replica A');
    await received.waitFor();
    expect(await received.locator('.author').textContent()).toBe('Vreni Keller');
    expect(await received.locator('time').textContent()).toMatch(/^\d{1,2}:\d{2}/);
    expect(await received.evaluate((el) => el.classList.contains('own'))).toBe(false);
    await until('own message acked', () => messagesWith(alice, 'Hello from replica A').evaluate((el) => el.classList.contains('own') && !el.classList.contains('pending')));
    await say(bob, 'Hi Vreni, greetings from replica B');
    await messagesWith(alice, 'greetings from replica B').waitFor();
    await shot(alice, 'conversation');
  });

  it('shows a rename to the other person', async () => {
    await alice.getByRole('button', { name: 'Change name' }).click();
    const field = alice.getByRole('textbox', { name: 'Display name' });
    await field.fill('Vreni K.');
    await field.press('Enter');
    await until('alice sees her new name', async () => (await alice.locator('.me').textContent()) === 'You are Vreni K.');
    await bob.getByRole('log').locator('.notice', { hasText: 'Vreni Keller is now Vreni K.' }).waitFor();
    await until('bob lists the new name', async () => (await onlineNames(bob)).includes('Vreni K.'));
    await shot(bob, 'renamed');
  });

  it('joins a room by name and counts unread messages there', async () => {
    for (const page of [alice, bob]) {
      await page.getByRole('textbox', { name: 'Join room' }).fill('Random');
      await page.getByRole('textbox', { name: 'Join room' }).press('Enter');
      await until('room opened', async () => (await page.locator('.room-title').textContent())?.trim() === '# random');
    }
    await alice.locator('.room-button', { hasText: '# lobby' }).click();
    await say(bob, 'Anyone up for lunch? https://example.org/menu');
    await alice.getByRole('navigation', { name: 'Rooms' }).getByLabel('1 unread').waitFor();
    await bob.locator('.room-button', { hasText: '# lobby' }).click();
    await say(bob, 'Lunch at **12:30**?\n- soup\n- `pasta` _al dente_');
    await messagesWith(alice, 'Lunch at').locator('li code', { hasText: 'pasta' }).waitFor();
    await shot(alice, 'unread');
    // `README_SCREENSHOT=1` refreshes the README's pictures (English, light theme) from this state.
    if (process.env.README_SCREENSHOT) {
      await alice.setViewportSize({ width: 1280, height: 800 });
      await alice.screenshot({ path: 'docs/screenshot.png' });
      await alice.setViewportSize({ width: 390, height: 800 });
      await alice.screenshot({ path: 'docs/screenshot-phone.png' });
      await alice.setViewportSize({ width: 1200, height: 760 });
    }
  });

  it('shows an HTML/script payload as text and runs nothing', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>bold?</b>';
    await say(bob, payload);
    const shown = messagesWith(alice, '<script>window.__pwned=1</script>');
    await shown.waitFor();
    expect(await shown.locator('.body').textContent()).toBe(payload);
    expect(await alice.getByRole('log').locator('img, script, b').count()).toBe(0);
    expect(await alice.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('keeps a message typed offline and delivers it once when back online', async () => {
    await aliceContext.setOffline(true);
    await until('offline banner', async () => (await alice.locator('.banner').textContent())?.includes('You are offline'));
    await say(alice, 'Typed while offline');
    await alice.locator('.pending', { hasText: 'Typed while offline' }).waitFor();
    await shot(alice, 'offline');
    await aliceContext.setOffline(false);
    await messagesWith(bob, 'Typed while offline').waitFor();
    await until('alice sees it delivered', async () => (await alice.locator('.pending').count()) === 0);
    // Give any duplicate time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await messagesWith(bob, 'Typed while offline').count()).toBe(1);
    expect(await messagesWith(alice, 'Typed while offline').count()).toBe(1);
  });

  it('keeps the identity across a reload', async () => {
    await bob.reload();
    await until('bob reconnected', async () => (await bob.locator('.banner').getAttribute('hidden')) !== null);
    expect(await bob.locator('.me').textContent()).toBe('You are Jonas Meier');
    await messagesWith(bob, 'Hi Vreni, greetings from replica B').waitFor();
    expect(await bob.locator('article.message.own', { hasText: 'greetings from replica B' }).count()).toBe(1);
    await until('alice lists bob once', async () => (await onlineNames(alice)).filter((n) => n === 'Jonas Meier').length === 1);
    expect(names.requests()).toBe(2);
  });

  it('shows the other person leave when their tab is closed', async () => {
    await until('alice lists bob', async () => (await onlineNames(alice)).includes('Jonas Meier'));
    await bob.close({ runBeforeUnload: true });
    await until('bob gone from alice list', async () => !(await onlineNames(alice)).includes('Jonas Meier'));
    await alice.getByRole('log').locator('.notice', { hasText: /Jonas Meier (left|lost the connection)/ }).last().waitFor();
    await shot(alice, 'left');
  });
});
