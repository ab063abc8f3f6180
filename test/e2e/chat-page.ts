import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

/** Screenshots of the e2e runs land here (kept by CI as artifacts). */
export const ARTIFACTS = 'test-artifacts';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** Polls with generous bounds instead of sleeping. */
export const until = <T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000) => waitFor(check, { what, timeoutMs, intervalMs: 100 });

// How a person finds things on the chat page: by role and accessible name, as a screen reader would.
export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const messagesWith = (page: Page, text: string) => page.getByRole('log').locator('article.message', { hasText: text });

/** A new page of `context` on the chat at `url`, once it is connected; page errors go to the test log. */
export async function openConnectedPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await until('the chat to connect', async () => (await page.locator('.banner').getAttribute('hidden')) !== null);
  return page;
}

/**
 * Page-side stand-ins (an init script) for what a headless browser cannot show: whether the
 * window is hidden or focused (`__setHidden`), and desktop notifications (recorded in
 * `__notes`). Code as a string: the tests compile without the DOM library.
 */
export const WINDOW_SIGNALS = `
  window.__notes = [];
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notes.push({ title, body: options && options.body }); }
    close() {}
  };
  let hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.hasFocus = () => !hidden;
  window.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
    if (!value) window.dispatchEvent(new Event('focus'));
  };
`;
export const setHidden = (page: Page, hidden: boolean) => page.evaluate(`window.__setHidden(${hidden})`);
export const notes = (page: Page) => page.evaluate<Array<{ title: string; body: string }>>('window.__notes');

export async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/**
 * What the page's IndexedDB history cache holds for a room (texts). Page-side code as a string:
 * the tests compile without the DOM library.
 */
export function cachedRoomTexts(page: Page, relayUrl: string, room: string): Promise<string[]> {
  const database = JSON.stringify(`relay-chat.history ${new URL(relayUrl).origin}`);
  return page.evaluate<string[]>(`new Promise((resolve) => {
    const open = indexedDB.open(${database});
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('rooms')) return resolve([]);
      const get = db.transaction('rooms').objectStore('rooms').get(${JSON.stringify(room)});
      get.onsuccess = () => resolve((get.result?.messages ?? []).map((m) => m.text));
      get.onerror = () => resolve([]);
    };
  })`);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now, one line each for a readable failure. The
 * page's context needs `bypassCSP: true` for the script to be injected.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate<string[]>(`axe.run(document).then((result) =>
    result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary ?? '')).join(' | ')))`);
}
