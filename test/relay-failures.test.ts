import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomJoinResult } from '../shared/index.js';
import { connectClient, waitForEvent, waitForMessages, type TestClient } from './support/chat-client.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

// Faults on purpose: a replica killed without cleanup, Redis going away and coming back, and a
// graceful drain. Each test gets its own Redis and replicas, since it breaks them.
let redis: RedisServer | undefined;
let relays: RelayReplica[] = [];
let clients: TestClient[] = [];

afterEach(async () => {
  clients.forEach((c) => c.close());
  clients = [];
  await Promise.all(relays.map((r) => r.kill()));
  relays = [];
  await redis?.stop();
  redis = undefined;
});

async function cluster(count: number, env: Record<string, string> = {}) {
  redis = await startRedisServer();
  const url = redis.url;
  relays = await Promise.all(Array.from({ length: count }, (_, i) => startRelay({ redisUrl: url, replica: `fault-${i + 1}`, env })));
  return relays;
}

async function client(relay: RelayReplica, auth: { token?: string; name?: string } = {}, reconnection = false) {
  const c = await connectClient(relay.url, auth, { reconnection });
  clients.push(c);
  return c;
}

describe('a replica killed without cleanup (SIGKILL)', () => {
  it('its users leave with reason timeout within 15 s, announced once by the survivors', async () => {
    const [doomed, survivor, other] = await cluster(3, { HEARTBEAT_MS: '1000', REPLICA_TIMEOUT_MS: '5000' });
    const victim = await client(doomed!, { name: 'Victim' });
    const watchers = [await client(survivor!), await client(other!)];
    const killedAt = Date.now();
    await doomed!.kill();
    for (const w of watchers) {
      const left = await waitForEvent(w, 'user:left', (e: { user: { id: string } }) => e.user.id === victim.session.user.id, 15_000);
      expect(left).toMatchObject({ room: 'lobby', reason: 'timeout', user: { name: 'Victim' } });
    }
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const w of watchers) expect(w.received('user:left').filter((e) => (e as { user: { id: string } }).user.id === victim.session.user.id)).toHaveLength(1);
  });

  it('a message acked just before the replica dies is delivered to everyone else, in order', async () => {
    const [doomed, survivor] = await cluster(2);
    const room = `r-${randomUUID().slice(0, 6)}`;
    const sender = await client(doomed!);
    const reader = await client(survivor!);
    await sender.request('room:join', { room });
    await reader.request('room:join', { room });
    const acks = await Promise.all([1, 2, 3].map((i) => sender.send(room, `last words ${i}`)));
    expect(acks.every((a) => a.ok)).toBe(true);
    await doomed!.kill();
    const got = await waitForMessages(reader, room, 3);
    expect(got.map((m) => m.seq)).toEqual([1, 2, 3]);
    // And a client that reconnects to a survivor resumes from what it holds, losing nothing.
    const resumed = await client(survivor!, { token: sender.session.token });
    const answer = await resumed.request<RoomJoinResult>('room:join', { room, since: 0 });
    expect(answer.messages.map((m) => m.text)).toEqual(['last words 1', 'last words 2', 'last words 3']);
  });
});

describe('Redis trouble', () => {
  it('answers unavailable while Redis is down, reports it on /readyz, and recovers by itself', async () => {
    const [a, b] = await cluster(2);
    const room = `r-${randomUUID().slice(0, 6)}`;
    const sender = await client(a!);
    const reader = await client(b!);
    await sender.request('room:join', { room });
    await reader.request('room:join', { room });
    expect((await sender.send(room, 'before')).ok).toBe(true);
    await waitForMessages(reader, room, 1);

    await redis!.kill();
    const down = await sender.send(room, 'during', 'during-1');
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await waitFor(async () => ((await (await fetch(`${a!.url}/readyz`)).json()) as { status: string }).status === 'redis_unavailable', { what: '/readyz to say redis_unavailable' });
    expect((await fetch(`${a!.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${a!.url}/healthz`)).status).toBe(200);

    await redis!.start(); // empty: a Redis that lost its data
    await waitFor(async () => (await fetch(`${a!.url}/readyz`)).status === 200, { timeoutMs: 15_000, what: 'relay a to be ready again' });
    await waitFor(async () => (await fetch(`${b!.url}/readyz`)).status === 200, { timeoutMs: 15_000, what: 'relay b to be ready again' });
    // The retry with the same clientId now goes through, and live delivery across replicas works
    // again without reconnecting (subscriptions restored). The room lost its history: new epoch.
    const retried = await waitFor(async () => {
      const ack = await sender.send(room, 'during', 'during-1');
      return ack.ok ? ack : undefined;
    }, { timeoutMs: 10_000, what: 'the retried send to succeed' });
    expect(retried.duplicate).toBe(false);
    const after = await waitFor(() => reader.messages(room).find((m) => m.text === 'during'), { timeoutMs: 10_000, what: 'delivery after recovery' });
    expect(after.seq).toBe(1);
    const rejoin = await reader.request<RoomJoinResult>('room:join', { room, since: 0 });
    expect(rejoin.messages.map((m) => m.text)).toEqual(['during']);
    // Presence was re-asserted by both replicas after Redis came back empty.
    await waitFor(async () => {
      const res = (await (await fetch(`${b!.url}/api/rooms/${room}/users`)).json()) as { users: unknown[] };
      return res.users.length === 2;
    }, { timeoutMs: 10_000, what: 'presence to be re-asserted' });
  });
});

describe('a frozen Redis (SIGSTOP: the connection stays open, nothing answers)', () => {
  it('turns /readyz to 503 redis_unavailable within seconds, and ready again after SIGCONT', async () => {
    const [relay] = await cluster(1);
    const readyz = async () => {
      const res = await fetch(`${relay!.url}/readyz`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    const pid = redis!.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const frozenAt = Date.now();
      await waitFor(async () => (await readyz()).status === 503, { timeoutMs: 5000, what: '/readyz to notice the frozen Redis' });
      expect(Date.now() - frozenAt).toBeLessThan(5000);
      expect(await readyz()).toEqual({ status: 503, body: { status: 'redis_unavailable' } });
      expect((await fetch(`${relay!.url}/healthz`)).status).toBe(200);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitFor(async () => (await readyz()).status === 200, { timeoutMs: 10_000, what: '/readyz to be ready again after SIGCONT' });
  });
});

describe('graceful shutdown (SIGTERM)', () => {
  it('reports draining, tells clients, closes their transports, and exits within 10 s without a left/joined flicker', async () => {
    const [draining, staying] = await cluster(2);
    const watcher = await client(staying!);
    const mover = await client(draining!, { name: 'Mover' });
    await waitForEvent(watcher, 'user:joined', (e: { user: { id: string } }) => e.user.id === mover.session.user.id);
    watcher.events.length = 0;
    const reasons: string[] = [];
    mover.socket.on('disconnect', (reason) => {
      reasons.push(reason);
      // What a load balancer would do: the reconnect lands on another replica.
      void client(staying!, { token: mover.session.token });
    });
    const started = Date.now();
    const exited = draining!.stop('SIGTERM');
    await waitForEvent(mover, 'relay:draining');
    const readyz = await fetch(`${draining!.url}/readyz`).catch(() => undefined);
    if (readyz) expect(await readyz.json()).toEqual({ status: 'draining' });
    await waitFor(() => reasons.length > 0, { what: 'the transport to close' });
    expect(reasons[0]).toBe('transport close');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const flicker = watcher.events.filter((e) => (e.event === 'user:left' || e.event === 'user:joined') && (e.payload as { user: { id: string } }).user.id === mover.session.user.id);
    expect(flicker).toEqual([]);
  });
});
