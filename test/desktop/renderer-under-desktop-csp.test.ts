import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppFile } from '../../desktop/main/app-files.js';
import { buildRendererCsp } from '../../desktop/main/csp.js';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';
import { cachedRoomTexts } from '../e2e/chat-page.js';
import { colouredPixels, fontOrigins } from '../e2e/coloured-pixels.js';

// Electron cannot run here, so this checks the part of the desktop app a browser can: the
// renderer build, served the way the app's protocol serves it (same files, same CSP header)
// and given a `window.desktop` like the preload's, chats through the configured relay with
// nothing but the relay allowed on the network.
const ARTIFACTS = 'test-artifacts';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const RENDERER = 'dist/renderer';
const NAME_API_URL = 'http://127.0.0.1:9/names';
/** With an emoji: the app's own emoji font must load under font-src 'self' (issue 14). */
const TEXT = 'hello through the desktop CSP 👍';

let pages: Server;
let pageOrigin: string;
let relay: RelayReplica;
let browser: Browser;
/** The page of the first test; the second reloads it. */
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${RENDERER}/index.html`)) throw new Error(`${RENDERER} is missing: run "npm run build" first.`);
  mkdirSync(ARTIFACTS, { recursive: true });
  let csp = '';
  pages = createServer((req, res) => {
    void readAppFile(RENDERER, new URL(req.url ?? '/', 'http://x').pathname, csp).then((file) => {
      res.writeHead(file.status, file.headers);
      res.end(file.body);
    });
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  relay = await startRelay({ env: { ALLOWED_ORIGINS: pageOrigin, NAME_API_URL } });
  csp = buildRendererCsp({ relayUrl: relay.url });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (relay?.running()) await relay.stop();
  await new Promise((resolve) => pages?.close(resolve));
});

describe('the renderer build under the desktop CSP', () => {
  it('loads, takes the relay from window.desktop, and chats; only the name lookup is blocked', async () => {
    page = await browser.newPage({ locale: 'en-US' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A plain-JS stand-in for the preload's bridge, recording what the page asks of it.
    await page.addInitScript({
      content: `
        window.__violations = [];
        window.__bridgeCalls = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
        window.desktop = {
          getSettings: async () => { window.__bridgeCalls.push('getSettings'); return { relayUrl: ${JSON.stringify(relay.url)} }; },
          notify: () => { window.__bridgeCalls.push('notify'); },
          setUnreadCount: () => { window.__bridgeCalls.push('setUnreadCount'); },
          onOpenRoom: () => { window.__bridgeCalls.push('onOpenRoom'); return () => undefined; },
        };`,
    });
    await page.goto(`${pageOrigin}/index.html`);

    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill(TEXT);
    await composer.press('Enter');
    await waitFor(
      async () => {
        const res = await fetch(`${relay.url}/api/rooms/lobby/messages`);
        const body = (await res.json()) as { messages: Array<{ text: string }> };
        return body.messages.some((message) => message.text === TEXT);
      },
      { what: 'the message to reach the relay', timeoutMs: 15_000 },
    );
    const body = page.getByRole('log').locator('article.message', { hasText: TEXT }).locator('.body');
    await waitFor(async () => (await colouredPixels(body)) > 20, { what: 'the 👍 drawn in colour', timeoutMs: 15_000 });
    // From the app's own files (none at all where an installed Noto Color Emoji was used instead).
    expect((await fontOrigins(body)).filter((origin) => origin !== pageOrigin)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-csp.png` });

    expect(pageErrors).toEqual([]);
    const bridgeCalls = await page.evaluate(() => (globalThis as unknown as { __bridgeCalls: string[] }).__bridgeCalls);
    expect(bridgeCalls).toEqual(expect.arrayContaining(['getSettings', 'onOpenRoom']));
    // Scripts, styles, the emoji font and the relay connection all pass; the Random User API is not the relay.
    const violations = await page.evaluate(() => (globalThis as unknown as { __violations: unknown[] }).__violations);
    for (const violation of violations) expect(violation).toEqual({ directive: 'connect-src', blocked: NAME_API_URL });
  });

  it('opens with the relay down and shows the cached history, as the desktop app does from its own files', async () => {
    await waitFor(async () => (await cachedRoomTexts(page, relay.url, 'lobby')).includes(TEXT), {
      what: 'the message in the history cache',
      timeoutMs: 15_000,
    });
    await relay.stop();
    await page.reload();
    const body = page.getByRole('log').locator('article.message', { hasText: TEXT }).locator('.body');
    await waitFor(async () => (await colouredPixels(body)) > 20, { what: 'the 👍 in colour from the app’s own files', timeoutMs: 15_000 });
    expect(await page.locator('.banner').getAttribute('hidden')).toBeNull();
  });
});
