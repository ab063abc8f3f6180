import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from '../support/relay-process.js';
import { ARTIFACTS, launchChromium, openConnectedPage, until } from './chat-page.js';
import { startFakeNameApi } from './fake-name-api.js';

/** The stage of the two-person suites: one real Redis, two relay replicas on it, Chromium. */
export interface TwoReplicas {
  relayA: RelayReplica;
  relayB: RelayReplica;
  browser: Browser;
  /** Stops everything started, in reverse order. */
  stop(): Promise<void>;
}

/**
 * Starts the stage; newcomers are named by a fake Random User API, first Vreni Keller, then
 * Jonas Meier. If a part fails to start, the parts already running are stopped.
 */
export async function startTwoReplicas(env: Record<string, string> = {}): Promise<TwoReplicas> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.reverse().splice(0)) await s();
  };
  try {
    const redis = await startRedisServer();
    stops.push(() => redis.stop());
    const names = await startFakeNameApi([
      ['Vreni', 'Keller'],
      ['Jonas', 'Meier'],
    ]);
    stops.push(() => names.close());
    const relayEnv = { NAME_API_URL: names.url, ...env };
    const relayA = await startRelay({ redisUrl: redis.url, env: relayEnv });
    stops.push(() => relayA.stop());
    const relayB = await startRelay({ redisUrl: redis.url, env: relayEnv });
    stops.push(() => relayB.stop());
    const browser = await launchChromium();
    stops.push(() => browser.close());
    return { relayA, relayB, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A connected chat page of `context` once the relay has named its user `name`. */
export async function openNamedPage(context: BrowserContext, url: string, name: string): Promise<Page> {
  const page = await openConnectedPage(context, url);
  await until(`${name} named`, async () => (await page.locator('.me').textContent()) === `You are ${name}`);
  return page;
}
