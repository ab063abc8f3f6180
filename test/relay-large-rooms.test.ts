import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomJoinResult, RoomPresenceEvent, RoomUsersResponse, User } from '../shared/index.js';
import { connectClient, waitForEvent, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Contract v1.1 "Large rooms" across three replicas on one Redis: notices only up to
// PRESENCE_NOTICE_MAX (5 here, so a "large" room takes six clients), a coalesced cluster-wide
// room:presence above it (every 300 ms here instead of 5 s), the bounded join answer with
// userCount, and room:users / GET …/users paging.
const NOTICE_MAX = 5;
const COUNT_MS = 300;
let redis: RedisServer;
let relays: RelayReplica[];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  const env = { PRESENCE_NOTICE_MAX: String(NOTICE_MAX), PRESENCE_COUNT_MS: String(COUNT_MS), MAX_CONNECTIONS_PER_IP: '1000', JOIN_RATE_PER_SEC: '1000' };
  relays = await Promise.all([1, 2, 3].map((n) => startRelay({ redisUrl: redis.url, replica: `large-${n}`, env })));
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all((relays ?? []).map((r) => r.kill()));
  await redis?.stop();
});

async function client(relay: number, auth: { token?: string; name?: string } = {}): Promise<TestClient> {
  const c = await connectClient(relays[relay % 3]!.url, auth);
  clients.push(c);
  return c;
}

/** `n` clients spread over the three replicas, connected (in the lobby) but in no other room yet. */
const spread = (n: number, from = 0) => Promise.all(Array.from({ length: n }, (_, i) => client(from + i)));
const room = () => `big-${randomUUID().slice(0, 8)}`;
const join = (c: TestClient, r: string) => c.request<RoomJoinResult>('room:join', { room: r });
const idOf = (c: TestClient) => c.session.user.id;
const noticesOf = (c: TestClient, event: string, r: string) => (c.received(event) as Array<{ room: string; user: User }>).filter((e) => e.room === r).map((e) => e.user.id);
const countsOf = (c: TestClient, r: string) => (c.received('room:presence') as RoomPresenceEvent[]).filter((e) => e.room === r).map((e) => e.count);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When each room:presence of `r` reached `c`, to check the interval between them. */
function presenceTimes(c: TestClient, r: string): number[] {
  const times: number[] = [];
  c.socket.on('room:presence', (e) => {
    if (e.room === r) times.push(Date.now());
  });
  return times;
}

describe('presence notices and counts', () => {
  it('announces joins up to the limit, then sends coalesced counts instead, and notices again once back at the limit', async () => {
    const r = room();
    const members = await spread(5);
    const watcher = members[0]!;
    const times = presenceTimes(watcher, r);
    for (const m of members) await join(m, r);
    // Up to five users every arrival is announced, on every replica.
    await waitFor(() => noticesOf(watcher, 'user:joined', r).length === 4 || undefined, { timeoutMs: 5000, what: 'four join notices' });
    expect(noticesOf(watcher, 'user:joined', r)).toEqual(members.slice(1).map(idOf));

    // The sixth makes the room large: no notice, a count instead, on every replica.
    const sixth = await client(5);
    expect(await join(sixth, r)).toMatchObject({ ok: true, userCount: 6 });
    for (const m of members) await waitFor(() => countsOf(m, r).at(-1) === 6 || undefined, { timeoutMs: 5000, what: 'count 6' });
    // The newcomer got 6 in its answer; its replica may repeat it to all its members of the room.
    expect(countsOf(sixth, r).every((count) => count === 6)).toBe(true);

    // Four more arrive at once through all replicas: each member gets one or two counts (the
    // burst may straddle a round), the last one right, never two within an interval.
    const burst = await spread(4, 6);
    const before = members.map((m) => countsOf(m, r).length);
    await Promise.all(burst.map((c) => join(c, r)));
    for (const m of [...members, sixth]) await waitFor(() => countsOf(m, r).at(-1) === 10 || undefined, { timeoutMs: 5000, what: 'count 10' });
    await pause(3 * COUNT_MS);
    members.forEach((m, i) => expect(countsOf(m, r).length - before[i]!).toBeLessThanOrEqual(2));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(COUNT_MS * 0.7);
    for (const m of members) expect(noticesOf(m, 'user:joined', r)).not.toContain(idOf(sixth));
    for (const m of members) for (const b of burst) expect(noticesOf(m, 'user:joined', r)).not.toContain(idOf(b));

    // Leaving one by one: 9, 8, 7, 6 users left are silent; at 5 and 4 notices resume.
    const leaving = [...burst, sixth, members[4]!];
    for (const c of leaving) expect(await c.request('room:leave', { room: r })).toMatchObject({ ok: true });
    await waitFor(() => noticesOf(watcher, 'user:left', r).length >= 2 || undefined, { timeoutMs: 5000, what: 'leave notices' });
    expect(noticesOf(watcher, 'user:left', r)).toEqual([idOf(sixth), idOf(members[4]!)]);
    // A last count may follow the fall to the limit; after that, none.
    await pause(3 * COUNT_MS);
    const settled = countsOf(watcher, r);
    expect(settled.at(-1)).toBeLessThanOrEqual(NOTICE_MAX);
    const back = await client(2);
    await join(back, r);
    await waitFor(() => noticesOf(watcher, 'user:joined', r).includes(idOf(back)) || undefined, { timeoutMs: 5000, what: 'join notice again' });
    await pause(3 * COUNT_MS);
    expect(countsOf(watcher, r)).toEqual(settled);
  });

  it('confirms a rename to the user’s own connections above the limit, and tells only the small rooms', async () => {
    const big = room();
    const small = room();
    const renamer = await client(0, { name: 'Before' });
    const sameUser = await client(1, { token: renamer.session.token });
    expect(idOf(sameUser)).toBe(idOf(renamer));
    const others = await spread(6, 2);
    for (const c of [renamer, sameUser, ...others]) await join(c, big);
    const partner = await client(1);
    await join(renamer, small);
    await join(partner, small);
    expect(await renamer.request('rename', { name: 'After' })).toMatchObject({ ok: true, user: { name: 'After' } });
    const renamedBy = (c: TestClient) => (c.received('user:renamed') as Array<{ user: User; previousName: string }>).filter((e) => e.user.id === idOf(renamer));
    await waitForEvent(sameUser, 'user:renamed', (e: { user: User }) => e.user.id === idOf(renamer));
    await waitForEvent(partner, 'user:renamed', (e: { user: User }) => e.user.id === idOf(renamer));
    await pause(500);
    expect(renamedBy(sameUser)).toEqual([{ user: { id: idOf(renamer), name: 'After' }, previousName: 'Before' }]);
    expect(renamedBy(renamer)).toHaveLength(1);
    expect(renamedBy(partner)).toHaveLength(1);
    // Others share only the large room (and the lobby, large too) with the renamer: no notice.
    for (const o of others) expect(renamedBy(o)).toEqual([]);
  });
});

describe('join answer and paging', () => {
  it('answers a join with the 100 newest arrivals or senders and the cluster-wide count', async () => {
    const r = room();
    const crowd = await spread(104);
    for (const c of crowd) await join(c, r);
    // The first arrival sends: "most recently joined or sending first" puts them back in.
    expect(await crowd[0]!.send(r, 'still here')).toMatchObject({ ok: true });
    // Through the same replica as the sender, whose store write is then surely before the read.
    const last = await client(0);
    const answer = await join(last, r);
    expect(answer.userCount).toBe(105);
    expect(answer.users).toHaveLength(100);
    expect(answer.users.map((u) => u.id)).toEqual([last, crowd[0]!, ...crowd.slice(6).reverse()].map(idOf));
    for (const c of crowd) c.close();
  });

  it('pages through the online users in a stable order, each once, while users come and go', async () => {
    const r = room();
    const members = await spread(14);
    for (const m of members) await join(m, r);
    const sorted = members.map(idOf).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const byId = new Map(members.map((m) => [idOf(m), m]));
    const reader = byId.get(sorted[0]!)!;
    const page1 = await reader.request<RoomUsersResponse>('room:users', { room: r, limit: 4 });
    expect(page1).toMatchObject({ ok: true, next: sorted[3] });
    expect(page1.users.map((u) => u.id)).toEqual(sorted.slice(0, 4));
    // The cursor's user and one not yet listed leave; a newcomer arrives.
    const gone = [sorted[3]!, sorted[8]!];
    for (const id of gone) await byId.get(id)!.request('room:leave', { room: r });
    const newcomer = await client(2);
    await join(newcomer, r);
    const listed = [...page1.users.map((u) => u.id)];
    for (let after = page1.next, pages = 0; after !== undefined && pages < 20; pages++) {
      const page = await reader.request<RoomUsersResponse>('room:users', { room: r, after, limit: 4 });
      expect(page.ok).toBe(true);
      listed.push(...page.users.map((u) => u.id));
      after = page.next;
    }
    expect(new Set(listed).size).toBe(listed.length);
    const stayed = sorted.filter((id) => !gone.includes(id));
    for (const id of stayed) expect(listed).toContain(id);
    expect(listed.filter((id) => !stayed.includes(id) && id !== sorted[3]).every((id) => id === idOf(newcomer))).toBe(true);

    // Over HTTP, the same pages with names.
    const http: User[] = [];
    for (let after: string | undefined, pages = 0; pages < 20; pages++) {
      const res = await fetch(`${relays[1]!.url}/api/rooms/${r}/users?limit=5${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as RoomUsersResponse;
      http.push(...body.users);
      if (!body.next) break;
      after = body.next;
    }
    const expected = [...stayed, idOf(newcomer)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(http.map((u) => u.id)).toEqual(expected);
    expect(http.find((u) => u.id === idOf(reader))?.name).toBe(reader.session.user.name);
  });

  it('limits user pages per user like the HTTP reads', async () => {
    const strict = await startRelay({ redisUrl: redis.url, replica: 'large-strict', env: { HTTP_READS_PER_SEC: '1' } });
    try {
      const c = await connectClient(strict.url);
      clients.push(c);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await c.request('room:users', { room: 'lobby', limit: 1 }));
      // Burst 2, then one a second: the four quick reads cannot all pass.
      expect(answers.slice(0, 2).every((a) => a.ok)).toBe(true);
      expect(answers.some((a) => a.error?.code === 'rate_limited')).toBe(true);
      // Negative control: a replica with the default rate (20/s, burst 40) answers them all.
      const other = await client(0);
      for (let i = 0; i < 4; i++) expect(await other.request('room:users', { room: 'lobby', limit: 1 })).toMatchObject({ ok: true });
    } finally {
      await strict.kill();
    }
  });

  it('refuses a limit outside 1–200', async () => {
    const r = room();
    const c = await client(0);
    await join(c, r);
    for (const limit of [0, 201, 1.5, '5']) expect(await c.request('room:users', { room: r, limit })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await c.request('room:users', { room: r, limit: 200 })).toMatchObject({ ok: true, users: [{ id: idOf(c) }] });
    for (const limit of ['0', '201', 'abc']) {
      const res = await fetch(`${relays[2]!.url}/api/rooms/${r}/users?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    }
  });
});
