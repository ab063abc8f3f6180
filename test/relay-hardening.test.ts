import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREADABLE_NAMES } from '../shared/testing/unreadable-names.js';
import { connectClient, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, TEST_SECRET, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Abuse limits, secret rotation and what reaches the logs, against real relays with low limits.
let redis: RedisServer;
let limited: RelayReplica;
let rotated: RelayReplica;
let fresh: RelayReplica;
const clients: TestClient[] = [];
const NEW_SECRET = 'the-rotated-secret-0123456789abcdefghij';

beforeAll(async () => {
  redis = await startRedisServer();
  limited = await startRelay({
    redisUrl: redis.url,
    replica: 'limited',
    env: { MAX_ROOMS_PER_CONNECTION: '3', RENAMES_PER_MINUTE: '2', MAX_CONNECTIONS_PER_IP: '6', JOIN_RATE_PER_SEC: '5' },
  });
  rotated = await startRelay({ redisUrl: redis.url, replica: 'rotated', env: { RELAY_SECRET: NEW_SECRET, RELAY_SECRET_PREVIOUS: TEST_SECRET } });
  fresh = await startRelay({ redisUrl: redis.url, replica: 'fresh', env: { RELAY_SECRET: NEW_SECRET } });
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all([limited, rotated, fresh].map((r) => r?.kill()));
  await redis?.stop();
});

async function client(relay: RelayReplica, auth: { token?: string; name?: string } = {}) {
  const c = await connectClient(relay.url, auth);
  clients.push(c);
  return c;
}

describe('abuse limits', () => {
  it('caps rooms per connection and renames per user with rate_limited and a clear message', async () => {
    const c = await client(limited);
    expect((await c.request('room:join', { room: 'a1' })).ok).toBe(true);
    expect((await c.request('room:join', { room: 'a2' })).ok).toBe(true);
    const over = await c.request('room:join', { room: 'a3' }); // lobby + a1 + a2 = 3 already
    expect(over).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(over.error?.message).toMatch(/at most 3 rooms/);
    expect((await c.request('room:join', { room: 'a1' })).ok).toBe(true); // a resume is not a new room
    const renames = [];
    for (let i = 0; i < 4; i++) renames.push(await c.request('rename', { name: `Name ${i}` }));
    expect(renames.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(renames[2]).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('caps connections per address; the others are untouched', async () => {
    const open: TestClient[] = [];
    let refused: unknown;
    for (let i = 0; i < 8 && !refused; i++) {
      try {
        open.push(await client(limited));
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(Error);
    expect(open.length).toBeLessThanOrEqual(6);
    expect((await open[0]!.send('lobby', 'still fine')).ok).toBe(true);
    const metrics = await (await fetch(`${limited.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/relay_rate_limited_total\{action="connection"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/relay_configured_limit\{limit="rooms_per_connection"[^}]*\} 3/);
    open.forEach((c) => c.close());
    // Closed connections free their slots again.
    await waitFor(() => connectClient(limited.url).then((c) => (c.close(), true), () => false), { what: 'a slot to free up' });
  });
});

describe('identity', () => {
  it('rotating RELAY_SECRET logs nobody out: old tokens resume and come back signed with the new secret', async () => {
    const before = await client(limited, { name: 'Rotating Rosa' });
    const during = await client(rotated, { token: before.session.token });
    expect(during.session).toMatchObject({ resumed: true, user: before.session.user });
    const after = await client(fresh, { token: during.session.token });
    expect(after.session).toMatchObject({ resumed: true, user: { id: before.session.user.id } });
    const stale = await client(fresh, { token: before.session.token });
    expect(stale.session.resumed).toBe(false);
    // Visible, not silent: the operator sees when RELAY_SECRET_PREVIOUS is still in use.
    expect(await (await fetch(`${rotated.metricsUrl}/metrics`)).text()).toMatch(/relay_previous_secret_tokens_total\{[^}]*\} [1-9]/);
    expect(rotated.output()).toMatch(/RELAY_SECRET_PREVIOUS is set/);
  });

  it('refuses names that look empty, imitate another script or stack marks, and keeps the name', async () => {
    const c = await client(fresh, { name: 'Readable Rita' });
    for (const [label, name] of UNREADABLE_NAMES) {
      expect(await c.request('rename', { name }), label).toMatchObject({ ok: false, error: { code: 'invalid_name', message: expect.stringMatching(/visible/) } });
    }
    // A handshake name that breaks the rules falls back to a random one.
    const sneaky = await client(fresh, { name: '\u0410lice' });
    expect(sneaky.session.user.name).not.toBe('\u0410lice');
    expect(await c.request('rename', { name: 'Алиса' })).toMatchObject({ ok: true, user: { name: 'Алиса' } });
  });

  it('nobody acts as someone else: a message always carries the sender of the connection', async () => {
    const victim = await client(fresh, { name: 'Victim' });
    const attacker = await client(fresh, { name: 'Attacker' });
    const forged = (await attacker.request('message', { room: 'lobby', text: 'hi', clientId: 'x1', user: victim.session.user })) as { message?: { user: { id: string } } };
    expect(forged.message?.user.id).toBe(attacker.session.user.id);
    const res = await fetch(`${fresh.url}/api/rooms/lobby/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${attacker.session.token}` },
      body: JSON.stringify({ text: 'hi', clientId: 'x2', user: victim.session.user }),
    });
    expect(((await res.json()) as { message: { user: { id: string } } }).message.user.id).toBe(attacker.session.user.id);
  });
});

describe('web page and logs', () => {
  it('serves security headers and a CSP', async () => {
    const res = await fetch(`${fresh.url}/config.json`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never writes tokens or message texts to the logs at info level', async () => {
    const secretText = `secret-text-${randomUUID()}`;
    const c = await client(rotated, { name: 'Logger Test' });
    await c.send('lobby', secretText);
    await fetch(`${rotated.url}/api/rooms/lobby/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.session.token}` },
      body: JSON.stringify({ text: secretText, clientId: 'log-1' }),
    });
    await c.request('message', { room: 'nope', text: secretText, clientId: 'log-2' });
    await fetch(`${rotated.url}/api/rooms/lobby/messages`, { method: 'POST', headers: { authorization: `Bearer ${c.session.token}x` }, body: secretText });
    const logs = [limited, rotated, fresh].map((r) => r.output()).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(secretText);
    for (const token of clients.map((x) => x.session.token)) expect(logs).not.toContain(token.split('.')[1]);
  });
});
