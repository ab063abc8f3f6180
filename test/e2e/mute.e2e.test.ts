import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeViolations, composer, notes, say, setHidden, until, WINDOW_SIGNALS } from './chat-page.js';
import { openNamedPage, startTwoReplicas, type TwoReplicas } from './two-replicas.js';

// Muting a room (issue 13): Jonas mutes the lobby; Vreni's chatter then reaches him without a
// notification or a count in the title, her mention of him still notifies. Two browser
// contexts, each on its own relay replica over one real Redis.

let stage: TwoReplicas;
let vreni: Page;
let jonas: Page;

const muteToggle = (page: Page) => page.getByRole('button', { name: 'Mute #lobby' });
const lobbyRow = (page: Page) => page.getByRole('navigation', { name: 'Rooms' }).locator('li', { hasText: '# lobby' });

beforeAll(async () => {
  stage = await startTwoReplicas();
  // bypassCSP only so that the test can inject axe-core; the page's own CSP stays as shipped.
  const options = { locale: 'en-US', colorScheme: 'light' as const, viewport: { width: 1280, height: 800 }, bypassCSP: true };
  const contexts: BrowserContext[] = [await stage.browser.newContext(options), await stage.browser.newContext(options)];
  for (const context of contexts) await context.addInitScript(WINDOW_SIGNALS);
  vreni = await openNamedPage(contexts[0] as BrowserContext, stage.relayA.url, 'Vreni Keller');
  jonas = await openNamedPage(contexts[1] as BrowserContext, stage.relayB.url, 'Jonas Meier');
});

afterAll(async () => {
  await stage?.stop();
});

describe('a muted room in the browser, two replicas, real Redis', () => {
  it('stays quiet about plain messages while hidden, but a mention still notifies and counts', async () => {
    // By keyboard, as someone without a mouse would.
    await muteToggle(jonas).focus();
    await jonas.keyboard.press('Enter');
    await until('lobby muted', async () => (await muteToggle(jonas).getAttribute('aria-pressed')) === 'true');
    await setHidden(jonas, true);

    await say(vreni, 'lunch is in the kitchen');
    // Arrived and counted (greyed in the list), yet no notification and no count in the title.
    await until('counted in the list', async () => (await lobbyRow(jonas).locator('.badge.quiet').textContent()) === '1');
    expect(await lobbyRow(jonas).textContent()).toContain('muted');
    expect(await jonas.title()).toBe('Relay Chat');
    expect(await notes(jonas)).toEqual([]);
    await jonas.screenshot({ path: `${ARTIFACTS}/e2e-mute-quiet.png` });

    await composer(vreni).pressSequentially('@Jon');
    await vreni.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: 'Jonas Meier' }).waitFor();
    await composer(vreni).press('Enter');
    await composer(vreni).pressSequentially('your order is here');
    await composer(vreni).press('Enter');
    await until('jonas notified of the mention', async () => (await notes(jonas)).length > 0);
    expect(await notes(jonas)).toEqual([{ title: 'Vreni Keller mentioned you in #lobby', body: '@Jonas Meier your order is here' }]);
    await until('the mention counts in the title', async () => (await jonas.title()) === '(1) Relay Chat');
    await jonas.screenshot({ path: `${ARTIFACTS}/e2e-mute-mentioned.png` });
    expect(await axeViolations(jonas)).toEqual([]);
  });

  it('is still muted after a reload', async () => {
    await jonas.reload();
    await until('reconnected', async () => (await jonas.locator('.banner').getAttribute('hidden')) !== null);
    expect(await muteToggle(jonas).getAttribute('aria-pressed')).toBe('true');
    expect(await lobbyRow(jonas).textContent()).toContain('muted');
  });
});
