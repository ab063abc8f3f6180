import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, RoomJoinResult, User } from '../shared/index.js';
import { connectClient, waitForEvent, waitForMessages, type TestClient } from './support/chat-client.js';
import { httpGet } from './support/http-get.js';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { STAGE_KINDS, startStage, type RelayStage } from './support/relay-stage.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Three relay processes, on one Redis and again on a Redis Cluster: every row of the contract, checked from the outside
// with the stock socket.io-client, as a client written only from the protocol would see it.
let stage: RelayStage | undefined;
let relays: RelayReplica[];
const clients: TestClient[] = [];

describe.each(STAGE_KINDS)('contract on %s', (kind) => {
  beforeAll(async () => {
    stage = await startStage(kind);
    const env = stage.env;
    relays = await Promise.all([1, 2, 3].map((n) => startRelay({ env, replica: `contract-${n}` })));
  });

  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await Promise.all((relays ?? []).map((r) => r.kill()));
    await stage?.stop();
    stage = undefined;
  });

  async function client(relay: number, auth: { token?: string; name?: string } = {}): Promise<TestClient> {
    const c = await connectClient(relays[relay]!.url, auth);
    clients.push(c);
    return c;
  }

  const room = () => `r-${randomUUID().slice(0, 8)}`;


  describe('runtime', () => {
    it('runs the relays on RELAY_NODE when it is set (CI: the image\'s Node version), else on this Node', () => {
      const node = process.env.RELAY_NODE;
      const expected = node ? execFileSync(node, ['-v'], { encoding: 'utf8' }).trim() : process.version;
      for (const relay of relays) expect(relay.output()).toContain(`"node":"${expected}"`);
    });

    it('runs the relays on this stage\'s storage: one Redis, or the Redis Cluster', () => {
      const mode = kind === 'redis' ? 'Redis (url)' : 'Redis (cluster)';
      for (const relay of relays) expect(relay.output()).toContain(`"mode":"${mode}"`);
    });
  });

  describe('session and identity', () => {
    it('issues a new identity with the wanted name, or a random readable one', async () => {
      const named = await client(0, { name: '  Ada Lovelace ' });
      expect(named.session).toMatchObject({ user: { name: 'Ada Lovelace' }, resumed: false, replica: 'contract-1' });
      expect(named.session.token).toEqual(expect.any(String));
      const anonymous = await client(1);
      expect(anonymous.session.user.name).toMatch(/^\S+ \S+$/);
      const invalid = await client(1, { name: '\u202Eevil' });
      expect(invalid.session.user.name).not.toContain('\u202E');
      expect(new Set([named.session.user.id, anonymous.session.user.id, invalid.session.user.id]).size).toBe(3);
    });

    it('resumes the same user with the current name on any replica; forged tokens get a new identity', async () => {
      const first = await client(0, { name: 'Grace' });
      await first.request('rename', { name: 'Grace Hopper' });
      const again = await client(2, { token: first.session.token });
      expect(again.session).toMatchObject({ user: { id: first.session.user.id, name: 'Grace Hopper' }, resumed: true, replica: 'contract-3' });
      const forged = await client(1, { token: `${first.session.token.split('.')[0]}.AAAA` });
      expect(forged.session.resumed).toBe(false);
      expect(forged.session.user.id).not.toBe(first.session.user.id);
      const garbage = await client(1, { token: 'not-a-token' });
      expect(garbage.session.resumed).toBe(false);
    });

    it('puts every client in the lobby: sending right after session works', async () => {
      const c = await client(2);
      const ack = await c.send('lobby', 'hello lobby');
      expect(ack).toMatchObject({ ok: true, duplicate: false, message: { room: 'lobby', text: 'hello lobby' } });
    });
  });

  describe('messages across replicas', () => {
    it('delivers a message stored on one replica to clients on the others, with name and time', async () => {
      const r = room();
      const [a, b, c] = await Promise.all([client(0, { name: 'Alice' }), client(1, { name: 'Bob' }), client(2, { name: 'Carol' })]);
      for (const x of [a, b, c]) expect(await x.request('room:join', { room: r })).toMatchObject({ ok: true, room: r, lastSeq: 0, messages: [], truncated: false });
      const ack = await a.send(r, '  Hi there\n ');
      expect(ack.ok).toBe(true);
      const message = ack.message!;
      expect(message).toMatchObject({ seq: 1, room: r, text: 'Hi there', user: { id: a.session.user.id, name: 'Alice' } });
      expect(new Date(message.time).toISOString()).toBe(message.time);
      for (const x of [a, b, c]) expect((await waitForMessages(x, r, 1))[0]).toEqual(message);
    });

    it('keeps per-room seq order with no gaps for every connection while all replicas send at once', async () => {
      const r = room();
      const receivers = await Promise.all([client(0), client(1), client(2)]);
      const senders = await Promise.all([client(0), client(1), client(2)]);
      for (const x of [...receivers, ...senders]) expect((await x.request('room:join', { room: r })).ok).toBe(true);
      const perSender = 20;
      await Promise.all(
        senders.map(async (s, i) => {
          for (let n = 0; n < perSender; n++) expect((await s.send(r, `s${i}-${n}`)).ok).toBe(true);
        }),
      );
      const total = perSender * senders.length;
      for (const x of [...receivers, ...senders]) {
        const got = await waitForMessages(x, r, total);
        expect(got.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
      }
    });

    it('deduplicates a retried send per (user, clientId) and delivers it once', async () => {
      const r = room();
      const [a, b] = await Promise.all([client(0), client(1)]);
      await a.request('room:join', { room: r });
      await b.request('room:join', { room: r });
      const first = await a.send(r, 'once', 'retry-key-1');
      const retry = await a.send(r, 'once', 'retry-key-1');
      expect(retry).toMatchObject({ ok: true, duplicate: true, message: first.message });
      await a.send(r, 'marker');
      await waitForMessages(b, r, 2);
      expect(b.messages(r).map((m) => m.text)).toEqual(['once', 'marker']);
    });

    it('resumes with since: returns exactly the messages after it, and the live feed continues after lastSeq', async () => {
      const r = room();
      const a = await client(0);
      await a.request('room:join', { room: r });
      for (let i = 1; i <= 5; i++) await a.send(r, `m${i}`);
      const b = await client(1);
      const answer = await b.request<RoomJoinResult>('room:join', { room: r, since: 2 });
      expect(answer).toMatchObject({ ok: true, lastSeq: 5, truncated: false });
      expect(answer.messages.map((m) => m.text)).toEqual(['m3', 'm4', 'm5']);
      const latest = await b.request<RoomJoinResult>('room:join', { room: r });
      expect(latest.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(typeof latest.epoch).toBe('string');
      expect(latest.epoch).toBe(answer.epoch);
      await a.send(r, 'm6');
      expect((await waitForMessages(b, r, 1))[0]?.seq).toBe(6);
    });

    it('answers with not_in_room before a join and after a leave', async () => {
      const r = room();
      const a = await client(1);
      expect(await a.send(r, 'x')).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
      await a.request('room:join', { room: r });
      expect(await a.request('room:leave', { room: r })).toEqual({ ok: true });
      expect(await a.send(r, 'x')).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
      expect(await a.request('room:leave', { room: r })).toMatchObject({ ok: false, error: { code: 'not_in_room' } });
    });
  });

  describe('presence and names', () => {
    it('shows users of every replica, one entry per user, and announces joins and leaves', async () => {
      const r = room();
      const watcher = await client(0);
      await watcher.request('room:join', { room: r });
      const other = await client(2, { name: 'Remote Rita' });
      const joined = await other.request<RoomJoinResult>('room:join', { room: r });
      expect(joined.users.map((u) => u.id).sort()).toEqual([watcher.session.user.id, other.session.user.id].sort());
      await waitForEvent(watcher, 'user:joined', (e: { room: string; user: User }) => e.room === r && e.user.name === 'Remote Rita');
      // A second connection of the same user is not a second entry and no second join.
      const secondTab = await client(1, { token: other.session.token });
      await secondTab.request('room:join', { room: r });
      const users = (await (await fetch(`${relays[1]!.url}/api/rooms/${r}/users`)).json()) as { users: User[] };
      expect(users.users).toHaveLength(2);
      expect(watcher.received('user:joined').filter((e) => (e as { room: string }).room === r)).toHaveLength(1);
      await secondTab.request('room:leave', { room: r });
      await other.request('room:leave', { room: r });
      const left = await waitForEvent(watcher, 'user:left', (e: { room: string }) => e.room === r);
      expect(left).toMatchObject({ room: r, user: { id: other.session.user.id }, reason: 'left' });
    });

    it('tells every room of a user about a rename, and later messages carry the new name', async () => {
      const r = room();
      const [a, b] = await Promise.all([client(0, { name: 'Old Name' }), client(2)]);
      await a.request('room:join', { room: r });
      await b.request('room:join', { room: r });
      expect(await a.request('rename', { name: 'New Name' })).toEqual({ ok: true, user: { id: a.session.user.id, name: 'New Name' } });
      const renamed = await waitForEvent(b, 'user:renamed', (e: { user: User }) => e.user.id === a.session.user.id);
      expect(renamed).toEqual({ user: { id: a.session.user.id, name: 'New Name' }, previousName: 'Old Name' });
      await a.send(r, 'after');
      expect((await waitForMessages(b, r, 1))[0]?.user.name).toBe('New Name');
      expect(await a.request('rename', { name: ' ' })).toMatchObject({ ok: false, error: { code: 'invalid_name' } });
    });

    // v1.1 changed this rule: the leave comes after the presence grace period (relay-contract-v11 checks a reconnect within it).
    it('session:close acks, disconnects, and others see user:left with reason closed after the grace period', async () => {
      const r = room();
      const [leaver, watcher] = await Promise.all([client(1), client(2)]);
      await leaver.request('room:join', { room: r });
      await watcher.request('room:join', { room: r });
      const started = Date.now();
      expect(await leaver.request('session:close', {})).toEqual({ ok: true });
      const left = await waitForEvent(watcher, 'user:left', (e: { room: string }) => e.room === r);
      expect(left).toMatchObject({ user: { id: leaver.session.user.id }, reason: 'closed' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
      expect(Date.now() - started).toBeLessThan(6000);
      await waitFor(() => !leaver.socket.connected, { what: 'the relay to disconnect the closed session' });
      // The token stays valid: the same person may come back.
      const back = await client(0, { token: leaver.session.token });
      expect(back.session).toMatchObject({ resumed: true, user: { id: leaver.session.user.id } });
    });

    it('reports a dropped connection as disconnected after the grace period', async () => {
      const r = room();
      const [dropper, watcher] = await Promise.all([client(0), client(1)]);
      await dropper.request('room:join', { room: r });
      await watcher.request('room:join', { room: r });
      dropper.socket.io.engine.close(); // like a lost network: a transport close
      const left = await waitForEvent(watcher, 'user:left', (e: { room: string }) => e.room === r, 10_000);
      expect(left).toMatchObject({ user: { id: dropper.session.user.id }, reason: 'disconnected' });
    });

    it('relays typing to the others in the room', async () => {
      const r = room();
      const [typist, reader] = await Promise.all([client(2), client(0)]);
      await typist.request('room:join', { room: r });
      await reader.request('room:join', { room: r });
      typist.socket.emit('typing', { room: r });
      expect(await waitForEvent(reader, 'typing')).toEqual({ room: r, user: typist.session.user });
    });
  });

  describe('errors and hostile input', () => {
    it('answers every validation error with its code', async () => {
      const c = await client(0);
      const r = room();
      await c.request('room:join', { room: r });
      const cases: Array<[string, unknown, string]> = [
        ['room:join', { room: 'Bad Room' }, 'invalid_room'],
        ['room:join', { room: 'x'.repeat(33) }, 'invalid_room'],
        ['room:join', { room: r, since: -1 }, 'invalid_payload'],
        ['room:join', { room: r, since: 1.5 }, 'invalid_payload'],
        ['room:join', 'lobby', 'invalid_payload'],
        ['message', { room: r, text: '   ', clientId: 'a' }, 'empty_message'],
        ['message', { room: r, text: 'x'.repeat(4001), clientId: 'a' }, 'message_too_long'],
        ['message', { room: r, text: 'ok', clientId: 'has space' }, 'invalid_payload'],
        ['message', { room: r, text: 'ok', clientId: 'x'.repeat(65) }, 'invalid_payload'],
        ['message', { room: r, text: '\uD800', clientId: 'a' }, 'invalid_payload'],
        ['message', { room: r, text: 42, clientId: 'a' }, 'invalid_payload'],
        ['rename', { name: 'x'.repeat(33) }, 'invalid_name'],
        ['rename', { name: 'a\u0007b' }, 'invalid_name'],
        ['rename', null, 'invalid_payload'],
      ];
      for (const [event, payload, code] of cases) {
        const answer = await c.request(event, payload);
        expect({ event, payload: JSON.stringify(payload).slice(0, 40), answer: answer.ok ? 'ok' : answer.error?.code }).toEqual({ event, payload: JSON.stringify(payload).slice(0, 40), answer: code });
        expect(answer.error?.message).toEqual(expect.any(String));
      }
      // 4000 code points of astral characters are 8000 UTF-16 units and still fine.
      expect((await c.send(r, '😀'.repeat(4000))).ok).toBe(true);
    });

    it('answers rate_limited beyond the limit, while a retry of a stored message still gets its duplicate ack', async () => {
      const r = room();
      const c = await client(1);
      await c.request('room:join', { room: r });
      const kept = await c.send(r, 'first', 'kept-1');
      const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => c.send(r, `flood ${i}`)));
      const codes = answers.map((a) => (a.ok ? 'ok' : a.error?.code));
      expect(codes.filter((x) => x === 'ok').length).toBeGreaterThanOrEqual(19);
      expect(codes).toContain('rate_limited');
      expect(await c.send(r, 'first', 'kept-1')).toMatchObject({ ok: true, duplicate: true, message: { id: kept.message!.id } });
    });

    it('survives garbage, missing callbacks and oversized frames; only the offending connection closes', async () => {
      const bystander = await client(2);
      const attacker = await client(2);
      const raw = attacker.socket as unknown as { emit: (...args: unknown[]) => void };
      raw.emit('message');
      raw.emit('message', { room: 'lobby', text: 'no callback', clientId: 'nocb' });
      raw.emit('room:join', undefined, undefined, () => {});
      raw.emit('rename', { name: { toString: 1 } }, 'not a function');
      raw.emit('unknown:event', { __proto__: { polluted: true } });
      raw.emit('typing', 'lobby');
      raw.emit('session:close', () => {});
      const big = await client(2);
      big.socket.emit('message', { room: 'lobby', text: 'x'.repeat(70 * 1024), clientId: 'big' }, () => {});
      await waitFor(() => !big.socket.connected, { what: 'the oversized frame to close its connection' });
      expect(await bystander.send('lobby', 'still here')).toMatchObject({ ok: true });
      for (const r of relays) expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
    });

    it('refuses browser origins that are not allowed, on Socket.IO and HTTP', async () => {
      await expect(connectClient(relays[0]!.url, {}, { extraHeaders: { Origin: 'https://evil.example' } })).rejects.toThrow();
      const res = await fetch(`${relays[0]!.url}/api/rooms`, { headers: { Origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
      const own = await connectClient(relays[0]!.url, {}, { extraHeaders: { Origin: relays[0]!.url } });
      own.close();
      // Same host and port, other scheme: a page on https is not the relay's own origin.
      const https = relays[0]!.url.replace('http:', 'https:');
      await expect(connectClient(relays[0]!.url, {}, { extraHeaders: { Origin: https } })).rejects.toThrow();
      expect((await fetch(`${relays[0]!.url}/api/rooms`, { headers: { Origin: https } })).status).toBe(403);
    });

    it('refuses a Host name it does not serve (DNS rebinding), on Socket.IO and HTTP', async () => {
      const rebound = `rebound.example:${relays[0]!.port}`;
      const refused = await httpGet(`${relays[0]!.url}/api/rooms`, { Host: rebound, Origin: `http://${rebound}` });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'forbidden_host', message: expect.stringMatching(/ALLOWED_HOSTS/) } });
      await expect(connectClient(relays[0]!.url, {}, { extraHeaders: { Host: rebound } })).rejects.toThrow();
      expect((await httpGet(`${relays[0]!.url}/api/rooms`, { Host: `localhost:${relays[0]!.port}` })).status).toBe(200);
      const local = await connectClient(relays[0]!.url, {}, { extraHeaders: { Host: `localhost:${relays[0]!.port}` } });
      local.close();
    });
  });

  describe('HTTP API', () => {
    it('sends with a bearer token (idempotently) and the message reaches sockets on every replica', async () => {
      const r = room();
      const [sender, reader] = await Promise.all([client(0, { name: 'Bot Owner' }), client(2)]);
      await reader.request('room:join', { room: r });
      const post = (body: unknown, token: string | null = sender.session.token) =>
        fetch(`${relays[1]!.url}/api/rooms/${r}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const created = await post({ text: 'from http', clientId: 'http-1' });
      expect(created.status).toBe(201);
      const body = (await created.json()) as { message: Message; duplicate: boolean };
      expect(body).toMatchObject({ duplicate: false, message: { room: r, text: 'from http', user: { id: sender.session.user.id, name: 'Bot Owner' } } });
      expect((await waitForMessages(reader, r, 1))[0]).toEqual(body.message);
      const again = await post({ text: 'from http', clientId: 'http-1' });
      expect(again.status).toBe(201);
      expect(await again.json()).toMatchObject({ duplicate: true, message: { id: body.message.id } });
      expect((await post({ text: 'x', clientId: 'y' }, null)).status).toBe(401);
      expect((await post({ text: 'x', clientId: 'y' }, 'forged.token')).status).toBe(401);
      const bad = await post({ text: '', clientId: 'y' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'empty_message' } });
      expect((await post({ text: 'x'.repeat(70_000), clientId: 'y' })).status).toBe(413);
    });

    it('lists rooms, users and messages with since, before and limit', async () => {
      const r = room();
      const c = await client(0);
      await c.request('room:join', { room: r });
      for (let i = 1; i <= 6; i++) await c.send(r, `m${i}`);
      const base = relays[2]!.url;
      const rooms = (await (await fetch(`${base}/api/rooms`)).json()) as { rooms: Array<{ room: string; users: number; lastSeq: number }> };
      expect(rooms.rooms).toContainEqual({ room: r, users: 1, lastSeq: 6, topic: '' });
      const page = (await (await fetch(`${base}/api/rooms/${r}/messages?since=1&limit=2`)).json()) as { epoch: string; messages: Message[]; truncated: boolean };
      expect(page.messages.map((m) => m.seq)).toEqual([2, 3]);
      expect(page.truncated).toBe(false);
      const before = (await (await fetch(`${base}/api/rooms/${r}/messages?before=5&limit=2`)).json()) as { messages: Message[]; truncated: boolean };
      expect(before.messages.map((m) => m.seq)).toEqual([3, 4]);
      expect(before.truncated).toBe(true);
      for (const [path, status, code] of [
        [`/api/rooms/${r}/messages?limit=500`, 400, 'invalid_payload'],
        [`/api/rooms/${r}/messages?since=-3`, 400, 'invalid_payload'],
        ['/api/rooms/NOPE/users', 400, 'invalid_room'],
        ['/api/nothing-here', 404, 'not_found'],
      ] as const) {
        const res = await fetch(`${base}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status });
        expect(await res.json()).toMatchObject({ error: { code } });
      }
      const metrics = await (await fetch(`${relays[2]!.metricsUrl}/metrics`)).text();
      expect(metrics).toContain('relay_messages_received_total');
      expect(metrics).toContain('relay_message_ack_seconds_bucket');
      // Only on the metrics port: the public port (what an ingress routes) does not show them.
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    });

    it('works with the polling transport too (any standard client)', async () => {
      const socket = ioClient(relays[0]!.url, { transports: ['polling'], forceNew: true, reconnection: false });
      const session = await new Promise((resolve) => socket.once('session', resolve));
      expect(session).toMatchObject({ resumed: false });
      socket.disconnect();
    });
  });
});
