import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeViolations, composer, notes, say, setHidden, until, WINDOW_SIGNALS } from './chat-page.js';
import { openNamedPage, startTwoReplicas, type TwoReplicas } from './two-replicas.js';
import { colouredPixels, fontOrigins } from './coloured-pixels.js';

// Replies, reactions, edits, deletes, mentions and read positions (contract v1.1) between two
// people in two browser contexts, each on its own relay replica over one real Redis; Vreni also
// has a second tab (same user, same origin) to show a read in one tab clearing the other's count.

let stage: TwoReplicas;
let vreniContext: BrowserContext;
let jonasContext: BrowserContext;
let vreni: Page;
let jonas: Page;

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/e2e-changes-${name}.png` });
/** The message whose own text (not a quote of it) contains `text`. */
const message = (page: Page, text: string) => page.getByRole('log').locator('article.message').filter({ has: page.locator('.body', { hasText: text }) });

async function act(page: Page, text: string, action: string): Promise<void> {
  const row = message(page, text);
  await row.hover();
  await row.getByRole('button', { name: action, exact: true }).click();
}

beforeAll(async () => {
  stage = await startTwoReplicas({ MESSAGE_RATE_PER_SEC: '1000' });
  // bypassCSP only so that the test can inject axe-core; the page's own CSP stays as shipped.
  const options = { locale: 'en-US', colorScheme: 'light' as const, viewport: { width: 1280, height: 800 }, bypassCSP: true };
  vreniContext = await stage.browser.newContext(options);
  jonasContext = await stage.browser.newContext(options);
  await vreniContext.addInitScript(WINDOW_SIGNALS);
  await jonasContext.addInitScript(WINDOW_SIGNALS);
  vreni = await openNamedPage(vreniContext, stage.relayA.url, 'Vreni Keller');
  jonas = await openNamedPage(jonasContext, stage.relayB.url, 'Jonas Meier');
});

afterAll(async () => {
  await stage?.stop();
});

describe('changing messages in the browser, two replicas, real Redis', () => {
  it('replies with a quote; following the quote scrolls to the original and highlights it', async () => {
    await say(jonas, 'Who has the keys to the office?');
    await act(vreni, 'Who has the keys', 'Reply');
    await vreni.locator('.reply-preview', { hasText: 'Replying to Jonas Meier' }).waitFor();
    await say(vreni, 'I have them');
    const quote = message(jonas, 'I have them').getByRole('button', { name: 'In reply to Jonas Meier: Who has the keys to the office?' });
    await quote.waitFor();
    await quote.click();
    await until('the original highlighted', () => message(jonas, 'Who has the keys').evaluate((el) => el.classList.contains('highlighted')));
  });

  it('reacts through the picker; both see the chip with its count and who, the own one pressed', async () => {
    await act(jonas, 'I have them', 'React');
    const search = jonas.getByRole('searchbox', { name: 'Search emoji' });
    await search.fill('thumbs up');
    await search.press('Enter');
    await message(vreni, 'I have them').getByRole('button', { name: '👍 1: Jonas Meier' }).click();
    const mine = message(vreni, 'I have them').getByRole('button', { name: '👍 2: you, Jonas Meier' });
    await mine.waitFor();
    expect(await mine.getAttribute('aria-pressed')).toBe('true');
    await message(jonas, 'I have them').getByRole('button', { name: '👍 2: you, Vreni Keller' }).waitFor();
    // In colour, not the box of a missing glyph: this machine has no emoji font, the app brings
    // its own (issue 14), and from the relay, never a CDN.
    await until('the chip’s 👍 drawn in colour', async () => (await colouredPixels(mine.locator('span'))) > 20);
    expect((await fontOrigins(mine)).filter((origin) => origin !== new URL(stage.relayA.url).origin)).toEqual([]);
  });

  it('edits the last own message with Up in an empty composer; the other side sees "(edited)"', async () => {
    await say(vreni, 'Meeting at 10');
    await until('delivered', async () => (await vreni.locator('.pending').count()) === 0);
    await composer(vreni).press('ArrowUp');
    const editor = vreni.getByRole('textbox', { name: 'Edited text' });
    await editor.fill('Meeting at 11 🎉');
    await editor.press('Enter');
    await message(jonas, 'Meeting at 11').locator('.edited', { hasText: '(edited)' }).waitFor();
    expect(await message(jonas, 'Meeting at 10').count()).toBe(0);
    await until('the 🎉 in the text drawn in colour', async () => (await colouredPixels(message(vreni, 'Meeting at 11').locator('.body'))) > 20);
  });

  it('deletes after confirming; the row becomes "Message deleted" for both', async () => {
    await say(vreni, 'wrong chat, sorry');
    await until('delivered', async () => (await vreni.locator('.pending').count()) === 0);
    await act(vreni, 'wrong chat', 'Delete message');
    await message(vreni, 'wrong chat').getByRole('button', { name: 'Delete', exact: true }).click();
    for (const page of [vreni, jonas]) await message(page, 'Message deleted').waitFor();
    expect(await jonas.getByRole('log').getByText('wrong chat, sorry').count()).toBe(0);
  });

  it('shows the topic in the room header; a member changes it and the other side sees it', async () => {
    await jonas.getByRole('button', { name: 'Edit topic' }).click();
    const topic = jonas.getByRole('textbox', { name: 'Topic' });
    await topic.fill('Office move on Friday');
    await topic.press('Enter');
    await vreni.locator('.room-header .topic-text', { hasText: 'Office move on Friday' }).waitFor();
  });

  it('passes axe-core with a reply, reactions, an edited and a deleted message, and with the emoji picker open', async () => {
    await vreni.mouse.move(0, 0);
    // docs/screenshot-changes.png is a copy of this one (a test run must not change tracked files).
    await shot(vreni, 'conversation');
    expect(await axeViolations(vreni)).toEqual([]);
    await act(vreni, 'Meeting at 11', 'React');
    const picker = vreni.getByRole('group', { name: 'Choose a reaction' });
    await picker.waitFor();
    for (const name of ['Thumbs up', 'Heart', 'Check']) {
      await until(`the picker’s ${name} drawn in colour`, async () => (await colouredPixels(picker.getByRole('button', { name, exact: true }))) > 20);
    }
    await shot(vreni, 'picker');
    expect(await axeViolations(vreni)).toEqual([]);
    await vreni.keyboard.press('Escape');
  });

  it('completes an @mention, and notifies the mentioned person while their window is hidden', async () => {
    await setHidden(jonas, true);
    await composer(vreni).fill('');
    await composer(vreni).pressSequentially('@Jon');
    await vreni.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: 'Jonas Meier' }).waitFor();
    await composer(vreni).press('Enter');
    await composer(vreni).pressSequentially('please check the door');
    await composer(vreni).press('Enter');
    await until('jonas notified', async () => (await notes(jonas)).some((n) => n.title === 'Vreni Keller mentioned you in #lobby' && n.body === '@Jonas Meier please check the door'));
    await setHidden(jonas, false);
    await until('highlighted for jonas', () => message(jonas, 'please check the door').evaluate((el) => el.classList.contains('mentions-me')));
  });

  it('a read in one tab clears the unread count in the same user’s other tab', async () => {
    // Same user in the second tab: same name.
    const second = await openNamedPage(vreniContext, stage.relayA.url, 'Vreni Keller');
    await setHidden(vreni, true);
    await setHidden(second, true);
    await say(jonas, 'anyone still here?');
    for (const page of [vreni, second]) await until('unread in the title', async () => (await page.title()) === '(1) Relay Chat');
    await setHidden(vreni, false);
    await until('read in the first tab', async () => (await vreni.title()) === 'Relay Chat');
    // The second tab is still hidden: only the relay's read position can have cleared it.
    await until('cleared in the second tab', async () => (await second.title()) === 'Relay Chat');
    await second.close();
  });
});
