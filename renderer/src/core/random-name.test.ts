import { describe, expect, it } from 'vitest';
import { fetchNameApiUrl, fetchRandomName } from './random-name.js';

const json = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

describe('fetchRandomName', () => {
  it('joins first and last name of the first result (Random User API shape)', async () => {
    const body = { results: [{ gender: 'female', name: { title: 'Ms', first: 'Vreni', last: 'Keller' } }], info: { seed: 'x', results: 1 } };
    await expect(fetchRandomName('http://names.test/api/', json(body))).resolves.toBe('Vreni Keller');
  });

  it('gives up after the timeout so the relay picks a name', async () => {
    const never = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof fetch;
    const started = Date.now();
    await expect(fetchRandomName('http://names.test/api/', never, 50)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses odd answers and names the relay would refuse', async () => {
    await expect(fetchRandomName('u', json({ results: [] }))).resolves.toBeUndefined();
    await expect(fetchRandomName('u', json({ error: 'busy' }, 503))).resolves.toBeUndefined();
    await expect(fetchRandomName('u', json({ results: [{ name: { first: 'A'.repeat(40), last: 'B' } }] }))).resolves.toBeUndefined();
  });
});

describe('fetchNameApiUrl', () => {
  it('reads nameApiUrl from the relay config next to the relay URL', async () => {
    let asked = '';
    const fake = (async (url: URL) => {
      asked = String(url);
      return new Response(JSON.stringify({ nameApiUrl: 'http://127.0.0.1:9999/api/' }));
    }) as unknown as typeof fetch;
    await expect(fetchNameApiUrl('http://relay.test:3000', fake)).resolves.toBe('http://127.0.0.1:9999/api/');
    expect(asked).toBe('http://relay.test:3000/config.json');
  });
});
