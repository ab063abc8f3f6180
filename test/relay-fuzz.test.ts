import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FOLD, foldEntries, foldedMessages } from '../renderer/src/core/entry-fold.js';
import { ERROR_CODES, isWellFormed, type Message } from '../shared/index.js';
import { connectClient, waitForMessages, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Random and hostile input against real relays: they never crash or leak a stack trace, always
// answer with a contract error code, and the store's invariants hold under concurrent senders.
let redis: RedisServer;
let relays: RelayReplica[];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  const env = { MESSAGE_RATE_PER_SEC: '100000', MESSAGE_BURST: '100000', JOIN_RATE_PER_SEC: '100000', RENAMES_PER_MINUTE: '100000' };
  relays = await Promise.all([1, 2].map((n) => startRelay({ redisUrl: redis.url, replica: `fuzz-${n}`, env })));
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all((relays ?? []).map((r) => r.kill()));
  await redis?.stop();
});

async function client(relay = 0) {
  const c = await connectClient(relays[relay]!.url);
  clients.push(c);
  return c;
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', 'lobby', 'LOBBY', '__proto__', 'constructor', '\uD800', '\u202E', 'a'.repeat(5000), '<script>alert(1)</script>', '../../etc/passwd'),
);
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true, withBigInt: false }),
  fc.record({ room: hostileString, text: hostileString, clientId: hostileString, since: fc.oneof(fc.integer(), fc.double(), hostileString) }, { requiredKeys: [] }),
  fc.record({ name: fc.oneof(hostileString, fc.anything()) }),
  // v1.1 fields, valid-looking and not.
  fc.record(
    {
      room: fc.constantFrom('lobby', 'Lobby', ''),
      id: fc.oneof(hostileString, fc.uuid(), fc.integer()),
      text: hostileString,
      topic: fc.oneof(hostileString, fc.constant('x'.repeat(201))),
      emoji: fc.oneof(hostileString, fc.constantFrom('👍', '🇨🇭', '👍🏽', 'a', '🇨', '👍'.repeat(17))),
      on: fc.oneof(fc.boolean(), fc.anything()),
      seq: fc.oneof(fc.integer(), fc.double(), hostileString),
      clientId: fc.oneof(hostileString, fc.uuid()),
      replyTo: fc.oneof(hostileString, fc.uuid(), fc.anything()),
      mentions: fc.oneof(fc.array(fc.oneof(hostileString, fc.uuid(), fc.anything()), { maxLength: 25 }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"room":"lobby"}') as unknown),
  fc.array(fc.anything(), { maxLength: 5 }),
);

function expectWellFormedAnswer(answer: unknown) {
  expect(answer).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const a = answer as { ok: boolean; error?: { code: string; message: string } };
  if (!a.ok) {
    expect(ERROR_CODES).toContain(a.error?.code);
    expect(a.error?.message).toEqual(expect.any(String));
    expect(a.error?.message).not.toMatch(/\n\s+at /);
  }
}

describe('fuzzed client events', () => {
  for (const event of ['room:join', 'room:leave', 'message', 'rename', 'session:close', 'message:edit', 'message:delete', 'message:react', 'room:topic', 'room:read']) {
    it(`${event}: any payload gets a well-formed answer and nothing crashes`, async () => {
      let c = await client(event === 'message' ? 1 : 0);
      await fc.assert(
        fc.asyncProperty(hostileValue, async (payload) => {
          const answer = await c.request(event, payload);
          expectWellFormedAnswer(answer);
          if (event === 'session:close' && answer.ok) {
            // A valid close ends the session: wait for the relay to disconnect, then start anew.
            await waitFor(() => !c.socket.connected, { what: 'the closed session to disconnect' });
            c = await client();
          }
        }),
        { numRuns: 120 },
      );
    });
  }

  it('typing with garbage, and events with odd argument lists, are dropped quietly', async () => {
    const c = await client();
    const raw = c.socket as unknown as { emit: (...args: unknown[]) => void };
    fc.assert(
      fc.property(fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }), (args) => {
        raw.emit('typing', ...args);
        raw.emit('message', ...args);
        raw.emit('room:join', ...args);
      }),
      { numRuns: 100 },
    );
    expect((await c.send('lobby', 'after the noise')).ok).toBe(true);
  });
});

describe('fuzzed HTTP routes', () => {
  const allowedStatus = [200, 201, 400, 401, 404, 413, 429, 503];
  it('answers JSON with a code, never a stack trace', async () => {
    const c = await client();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          room: fc.oneof(hostileString, fc.constant('lobby')),
          query: fc.dictionary(fc.constantFrom('since', 'before', 'limit', 'x'), hostileString, { maxKeys: 3 }),
          body: fc.oneof(fc.json({ maxDepth: 3 }), hostileString),
          auth: fc.oneof(fc.constant(`Bearer ${c.session.token}`), hostileString),
          method: fc.constantFrom('GET', 'POST'),
        }),
        async ({ room, query, body, auth, method }) => {
          const qs = Object.entries(query).map(([k, v]) => `${k}=${isWellFormed(v) ? encodeURIComponent(v) : '%ED%A0%80'}`).join('&');
          const escaped = (() => {
            try {
              return encodeURIComponent(room);
            } catch {
              return '%ED%A0%80'; // a lone surrogate, percent-encoded as raw bytes
            }
          })();
          const url = `${relays[1]!.url}/api/rooms/${escaped}/${method === 'GET' ? 'users' : 'messages'}?${qs}`;
          const init: RequestInit = method === 'POST' ? { method, body, headers: { 'content-type': 'application/json', authorization: auth } } : {};
          const res = await fetch(url, init).catch(() => undefined);
          if (!res) return; // e.g. a header value fetch itself refuses to send
          expect(allowedStatus).toContain(res.status);
          const text = await res.text();
          expect(text).not.toMatch(/\n\s+at /);
          const json = JSON.parse(text) as { error?: { code: string } };
          if (res.status >= 400) expect(json.error?.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 150 },
    );
    const messages = await fetch(`${relays[0]!.url}/api/rooms/lobby/messages?since=${encodeURIComponent('1e3')}`);
    expect(messages.status).toBe(400);
  });
});

describe('store invariants under concurrent hostile senders', () => {
  it('keeps seq gapless and stores one message per (user, clientId) across replicas', async () => {
    const room = 'fuzz-invariants';
    const senders = await Promise.all([0, 1, 0, 1, 0, 1].map((r) => client(r)));
    for (const s of senders) await s.request('room:join', { room });
    const acked = new Map<string, Message>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ sender: fc.integer({ min: 0, max: senders.length - 1 }), clientId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), text: fc.string({ minLength: 1, maxLength: 20 }) }), { minLength: 1, maxLength: 12 }),
        async (sends) => {
          const answers = await Promise.all(sends.map((s) => senders[s.sender]!.send(room, `x${s.text}`, s.clientId)));
          for (const a of answers) if (a.ok && a.message) acked.set(`${a.message.user.id}/${a.message.clientId}`, a.message);
        },
      ),
      { numRuns: 40 },
    );
    const res = await fetch(`${relays[0]!.url}/api/rooms/${room}/messages?since=0&limit=200`);
    const { messages } = (await res.json()) as { messages: Message[] };
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: messages.length }, (_, i) => i + 1));
    const keys = messages.map((m) => `${m.user.id}/${m.clientId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(messages.length).toBe(acked.size);
    for (const m of messages) expect(acked.get(`${m.user.id}/${m.clientId}`)).toEqual(m);
    for (const r of relays) expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
  });

  it('keeps one entry per (user, clientId) and a stream that folds into the relay\'s state under random changes (v1.1)', async () => {
    const room = 'fuzz-changes';
    const watcher = await client(0);
    await watcher.request('room:join', { room });
    const users = await Promise.all([0, 1, 0, 1].map((r) => client(r)));
    for (const u of users) await u.request('room:join', { room });
    const ids: string[] = [];
    const acked = new Map<string, Message>();
    for (const u of users) {
      const seed = (await u.send(room, 'seed')).message!;
      ids.push(seed.id);
      acked.set(`${seed.user.id}/${seed.clientId}`, seed);
    }
    const op = fc.record({
      user: fc.integer({ min: 0, max: users.length - 1 }),
      kind: fc.constantFrom('message', 'message:edit', 'message:delete', 'message:react', 'room:topic', 'room:read'),
      target: fc.nat(),
      clientId: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'),
      emoji: fc.constantFrom('👍', '🎉', '🇨🇭'),
      on: fc.boolean(),
      text: fc.string({ minLength: 1, maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const answers = await Promise.all(
          ops.map(({ user, kind, target, clientId, emoji, on, text }) => {
            const id = ids[target % ids.length]!;
            const payload = { room, id, clientId: `${kind}-${clientId}`, text: `t${text}`, emoji, on, topic: text, seq: target, replyTo: id };
            return users[user]!.request<{ message?: Message; duplicate?: boolean }>(kind, payload);
          }),
        );
        for (const a of answers) {
          expectWellFormedAnswer(a);
          // Exactly one of concurrent repeats is stored; the others (and no-op reactions) answer duplicate.
          if (!a.ok || !a.message || a.duplicate) continue;
          if (a.message.kind === 'text') ids.push(a.message.id);
          acked.set(`${a.message.user.id}/${a.message.clientId}`, a.message);
        }
      }),
      { numRuns: 30 },
    );
    const head = await watcher.request<{ lastSeq: number; messages: Message[] }>('room:join', { room, since: 0 });
    const stream = await waitForMessages(watcher, room, head.lastSeq);
    expect(stream.map((m) => m.seq)).toEqual(Array.from({ length: head.lastSeq }, (_, i) => i + 1));
    const keys = stream.map((m) => `${m.user.id}/${m.clientId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of stream) expect(acked.get(`${m.user.id}/${m.clientId}`)?.seq).toBe(m.seq);
    // What the watcher folds from the live stream is what the relay answers now.
    expect(foldedMessages(foldEntries(EMPTY_FOLD, stream))).toEqual(head.messages.filter((m) => m.kind === 'text'));
  });
});
