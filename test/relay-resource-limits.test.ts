import { randomUUID } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../shared/index.js';
import { connectClient, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';
import { FULL_GC_NODE_ARGS, fullGc } from './support/full-gc.js';

// A client that stops reading must not make a replica hold what it does not read: the relay
// drops it (MAX_CONNECTION_BUFFER_BYTES) and bounds every answer (MAX_ANSWER_BYTES). Each case
// runs once with the limits and once without them (the negative control), on a real relay.
const MB = 1024 * 1024;
/** 4,000 code points of 4 UTF-8 bytes each: the longest message the contract allows, 16 KB on the wire. */
const LONG_TEXT = '😀'.repeat(4000);
const FAST_SENDS = { MESSAGE_RATE_PER_SEC: '5000', MESSAGE_BURST: '10000', JOIN_RATE_PER_SEC: '100' };
const UNLIMITED = { MAX_CONNECTION_BUFFER_BYTES: '0', MAX_ANSWER_BYTES: '0' };

let redis: RedisServer;
const relays: RelayReplica[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

/** Extra servers a test started, stopped after the relays. */
const afterAllStop: Array<() => Promise<void>> = [];

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(relays.map((r) => r.kill()));
  await Promise.all([redis?.stop(), ...afterAllStop.map((stop) => stop())]);
});

async function relay(env: Record<string, string>, store: RedisServer = redis): Promise<RelayReplica> {
  const started = await startRelay({ redisUrl: store.url, env: { ...FAST_SENDS, ...env }, nodeArgs: FULL_GC_NODE_ARGS });
  relays.push(started);
  return started;
}

async function client(url: string, auth = {}): Promise<TestClient> {
  const c = await connectClient(url, auth);
  clients.push(c);
  return c;
}

async function metric(relay: RelayReplica, name: string): Promise<number> {
  const text = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
  // `name` may carry the start of a label set, e.g. 'relay_rate_limited_total{action="join"'.
  const line = text.split('\n').find((l) => l.startsWith(name) && /^[{ ,}]/.test(l.slice(name.length)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Waits for the relay's heap to come back within `bound` of `before`, and resolves with the
 * growth then: what the relay still holds once what it let go of is collected (a dropped
 * connection's backlog goes with the connection's close, a moment after the drop). The
 * negative controls show what stays when the relay holds on instead.
 */
async function heapBackWithin(target: RelayReplica, before: number, bound: number): Promise<number> {
  let growth = Number.NaN;
  await waitFor(
    async () => {
      growth = (await heapAfterFullGc(target)) - before;
      return growth < bound;
    },
    { timeoutMs: 30_000, intervalMs: 500, what: `the relay heap to come back within ${bound / MB} MB of where it was` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}: still ${(growth / MB).toFixed(1)} MB above after a full collection`);
  });
  return growth;
}

/** The measured growth, for the CI log and the figures. */
function report(what: string, heapGrowth: number): void {
  console.info(`${what}: relay heap ${heapGrowth >= 0 ? '+' : ''}${(heapGrowth / MB).toFixed(1)} MB`);
}

/** Stops reading the client's TCP socket: the relay's writes back up as with a frozen tab. */
function stopReading(c: TestClient): NetSocket {
  const raw = (c.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
  raw.pause();
  return raw;
}

/** Stores `count` long messages in `room` over HTTP (no socket of the sender receives them). */
async function fill(url: string, token: string, room: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(`${url}/api/rooms/${room}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: LONG_TEXT, clientId: randomUUID() }),
      });
      expect(res.status).toBe(201);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** The relay's heap right after a full collection: what it holds, without garbage (support/full-gc.ts). */
async function heapAfterFullGc(target: RelayReplica): Promise<number> {
  await fullGc(target);
  return metric(target, 'nodejs_heap_size_used_bytes');
}

/** A slow member of a busy room: 3,000 messages of 16 KB (48 MB) are stored while it reads nothing. */
async function slowConsumerRun(target: RelayReplica, room: string) {
  const sender = await client(target.url);
  const slow = await client(target.url);
  expect((await slow.request('room:join', { room })).ok).toBe(true);
  const before = await heapAfterFullGc(target);
  const raw = stopReading(slow);
  await fill(target.url, sender.session.token, room, 3000);
  return { slow, raw, before };
}

describe('a client that does not read', () => {
  it('is dropped when its backlog passes the limit, the heap stays bounded, and it misses nothing after reconnecting', async () => {
    const limited = await relay({});
    const { slow, raw, before } = await slowConsumerRun(limited, 'busy');
    await waitFor(async () => (await metric(limited, 'relay_backlog_drops_total')) >= 1, { timeoutMs: 10_000, what: 'the slow connection to be dropped' });
    const settled = await heapBackWithin(limited, before, 32 * MB);
    report('slow reader, limit on', settled);
    // It reads again: it gets what was in flight, then sees the connection gone.
    raw.resume();
    await waitFor(() => !slow.socket.connected, { timeoutMs: 15_000, what: 'the slow client to see its connection closed' });
    const got = slow.messages('busy');
    const contiguous = got.reduce((upTo, m) => (m.seq === upTo + 1 ? m.seq : upTo), 0);
    // Reconnecting normally: the same user resumes from the last seq it holds without a gap.
    const back = await client(limited.url, { token: slow.session.token });
    const resumed: Message[] = [];
    for (let since = contiguous; since < 3000; ) {
      const answer = await back.request<{ messages: Message[]; lastSeq: number }>('room:join', { room: 'busy', since });
      expect(answer.ok).toBe(true);
      resumed.push(...answer.messages);
      since = answer.messages.at(-1)?.seq ?? answer.lastSeq;
    }
    const seqs = [...got.filter((m) => m.seq <= contiguous), ...resumed].map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
  }, 90_000);

  it('without the limit (negative control) makes the relay hold what it does not read', async () => {
    const unlimited = await relay(UNLIMITED);
    const { before } = await slowConsumerRun(unlimited, 'busy-unlimited');
    expect(await metric(unlimited, 'relay_backlog_drops_total')).toBe(0);
    // Measured as the limited case is, after a full collection: what it holds is live, not garbage.
    const grown = (await heapAfterFullGc(unlimited)) - before;
    report('slow reader, limit off', grown);
    expect(grown).toBeGreaterThan(32 * MB);
  }, 90_000);
});

/** A client that asks for 20 resume answers of a room of long messages and reads none of them. */
async function joinAmplificationRun(target: RelayReplica, room: string) {
  const sender = await client(target.url);
  await fill(target.url, sender.session.token, room, 1000);
  const greedy = await client(target.url);
  const before = await heapAfterFullGc(target);
  stopReading(greedy);
  for (let i = 0; i < 20; i++) greedy.socket.emit('room:join', { room, since: 0 }, () => undefined);
  return before;
}

describe('resume joins from a client that does not read', () => {
  it('leave the heap within 32 MB: answers are bounded in bytes and answered one at a time', async () => {
    const limited = await relay({});
    const before = await joinAmplificationRun(limited, 'long');
    // Twenty answers of at most 512 KB are out within a few seconds; what the kernel's socket
    // buffers do not take stays under the 4 MB backlog limit or gets the connection dropped.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const settled = await heapBackWithin(limited, before, 32 * MB);
    report(`20 resume joins, limits on (connection dropped: ${(await metric(limited, 'relay_backlog_drops_total')) >= 1 ? 'yes' : 'no'})`, settled);
  }, 90_000);

  it('without the limits (negative control) make the relay hold every answer', async () => {
    const unlimited = await relay(UNLIMITED);
    const before = await joinAmplificationRun(unlimited, 'long-unlimited');
    // Each answer is 16 MB; they pile up one by one while nothing is read.
    const grown = await waitFor(
      async () => {
        const now = (await heapAfterFullGc(unlimited)) - before;
        return now > 32 * MB ? now : undefined;
      },
      { timeoutMs: 30_000, what: 'the held answers to show in the heap' },
    );
    report('20 resume joins, limits off', grown);
  }, 90_000);
});

describe('HTTP reads', () => {
  it('answer a page of long messages in well under 1.5 MB whatever the limit', async () => {
    const target = await relay({});
    const sender = await client(target.url);
    await fill(target.url, sender.session.token, 'pages', 200);
    const res = await fetch(`${target.url}/api/rooms/pages/messages?limit=200`);
    const body = await res.text();
    expect(res.status).toBe(200);
    console.info(`limit=200 page of the longest messages: ${(Buffer.byteLength(body) / MB).toFixed(2)} MB`);
    expect(Buffer.byteLength(body)).toBeLessThan(1.5 * MB);
    const page = JSON.parse(body) as { messages: Message[]; truncated: boolean };
    // The newest that fit; the client pages back from the oldest it got.
    expect(page.messages.at(-1)!.seq).toBe(200);
    expect(page.messages.length).toBeLessThan(200);
    expect(page.truncated).toBe(true);
  }, 60_000);

  async function flood(url: string): Promise<Response[]> {
    return Promise.all(Array.from({ length: 80 }, () => fetch(`${url}/api/rooms/lobby/messages?limit=1`)));
  }

  it('answer a flood from one address with 429 and Retry-After, and /healthz stays quick', async () => {
    const target = await relay({ HTTP_READS_PER_SEC: '10' });
    const answers = await flood(target.url);
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited[0]!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const started = performance.now();
    expect((await fetch(`${target.url}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  }, 30_000);

  it('without the limit (negative control) answer every read of the flood', async () => {
    const target = await relay({ HTTP_READS_PER_SEC: '0' });
    const answers = await flood(target.url);
    expect(answers.filter((r) => r.status === 429)).toEqual([]);
  }, 30_000);
});

describe('a reconnect storm', () => {
  async function storm(url: string, count: number, reconnection: boolean): Promise<PromiseSettledResult<TestClient>[]> {
    const results = await Promise.allSettled(Array.from({ length: count }, () => connectClient(url, {}, { reconnection })));
    for (const result of results) if (result.status === 'fulfilled') clients.push(result.value);
    return results;
  }

  it('is admitted at MAX_CONNECT_RATE: the rest are turned away early and get in by retrying', async () => {
    const target = await relay({ MAX_CONNECT_RATE: '10' });
    const once = await storm(target.url, 60, false);
    expect(once.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(await metric(target, 'relay_rate_limited_total{action="connect_rate"')).toBeGreaterThan(0);
    // Standard clients retry with their backoff and all get a session.
    const retrying = await storm(target.url, 30, true);
    expect(retrying.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 60_000);

  it('without the limit (negative control) takes every connection at once', async () => {
    const target = await relay({ MAX_CONNECT_RATE: '0' });
    const once = await storm(target.url, 60, false);
    expect(once.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 60_000);
});

describe('rooms', () => {
  it('are bounded in number: past MAX_ROOMS a join or a send to a new room answers room_limit', async () => {
    // A Redis of its own: the rooms the other tests made count against the bound too.
    const empty = await startRedisServer();
    const target = await relay({ MAX_ROOMS: '4' }, empty).finally(() => afterAllStop.push(() => empty.stop()));
    const c = await client(target.url); // the lobby is the first room
    for (const room of ['r1', 'r2', 'r3']) expect((await c.request('room:join', { room })).ok).toBe(true);
    const refused = await c.request('room:join', { room: 'r4' });
    expect(refused.error?.code).toBe('room_limit');
    const post = await fetch(`${target.url}/api/rooms/r5/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi', clientId: randomUUID() }),
    });
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('room_limit');
    // Existing rooms keep working.
    expect((await c.send('r1', 'still here')).ok).toBe(true);
  }, 30_000);

  it('without the bound (negative control) are created for any name', async () => {
    const target = await relay({ MAX_ROOMS: '0' });
    const c = await client(target.url);
    for (const room of ['s1', 's2', 's3', 's4', 's5']) expect((await c.request('room:join', { room })).ok).toBe(true);
  }, 30_000);
});
