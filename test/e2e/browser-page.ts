import type { Page } from 'playwright-core';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

/** What the Chromium suites share: how Chromium starts, where pictures go, and how a person types. */
export const ARTIFACTS = 'test-artifacts';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const until = <T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000) => waitFor(check, { what, timeoutMs, intervalMs: 100 });
const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });

/** Types a message and sends it with Enter, as a person would. */
export async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}
