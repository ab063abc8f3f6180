// The two per-pod figures the autoscaler reads (k8s/components/autoscaling-keda): open
// connections (relay_connections, a gauge) and messages written to local connections
// (relay_messages_delivered_total, a counter whose rate() is deliveries/s). Two relays on one
// Redis, so "per pod" is checked too: each counts only what it writes itself.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetric } from '../bench/soak/prometheus-text.js';
import { startRedisServer, type RedisServer } from '../scripts/cluster/redis-server.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';
import { connectClient, waitForMessages, type TestClient } from './support/chat-client.js';
import { startRelay, type RelayReplica } from './support/relay-process.js';

let redis: RedisServer;
let relays: RelayReplica[];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  relays = await Promise.all([1, 2].map((n) => startRelay({ redisUrl: redis.url, replica: `autoscaling-${n}` })));
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all((relays ?? []).map((r) => r.kill()));
  await redis?.stop();
});

const metric = async (relay: number, name: string) => {
  const text = await (await fetch(`${relays[relay]!.metricsUrl}/metrics`)).text();
  const value = readMetric(text, name);
  if (value === undefined) throw new Error(`${relays[relay]!.id} does not export ${name}`);
  return value;
};
const client = async (relay: number) => {
  const c = await connectClient(relays[relay]!.url);
  clients.push(c);
  return c;
};

describe('metrics for autoscaling, per relay', () => {
  it('relay_connections follows the connections open on that relay, not on the others', async () => {
    const before = await Promise.all([metric(0, 'relay_connections'), metric(1, 'relay_connections')]);
    const onFirst = await Promise.all([client(0), client(0), client(0)]);
    await client(1);
    expect(await metric(0, 'relay_connections')).toBe(before[0]! + 3);
    expect(await metric(1, 'relay_connections')).toBe(before[1]! + 1);

    onFirst[0]!.close();
    onFirst[1]!.close();
    await waitFor(async () => (await metric(0, 'relay_connections')) === before[0]! + 1, { timeoutMs: 5000, what: 'relay_connections to drop by 2' });
    expect(await metric(1, 'relay_connections')).toBe(before[1]! + 1);
  });

  it('relay_messages_delivered_total counts one per message per local receiver, sender included, and nothing for other rooms', async () => {
    const room = `r-${randomUUID().slice(0, 8)}`;
    const other = `r-${randomUUID().slice(0, 8)}`;
    const first = await Promise.all([client(0), client(0)]);
    const second = await client(1);
    const bystander = await client(1);
    for (const c of [...first, second]) expect((await c.request('room:join', { room })).ok).toBe(true);
    expect((await bystander.request('room:join', { room: other })).ok).toBe(true);
    const before = await Promise.all([metric(0, 'relay_messages_delivered_total'), metric(1, 'relay_messages_delivered_total')]);

    for (const text of ['one', 'two', 'three']) expect((await first[0]!.send(room, text)).ok).toBe(true);
    for (const c of [...first, second]) await waitForMessages(c, room, 3);

    // 3 messages × 2 members on the first relay, × 1 on the second; the bystander's room got none.
    await waitFor(async () => (await metric(0, 'relay_messages_delivered_total')) - before[0]! >= 6 && (await metric(1, 'relay_messages_delivered_total')) - before[1]! >= 3, {
      timeoutMs: 5000,
      what: 'the delivery counters to catch up',
    });
    expect((await metric(0, 'relay_messages_delivered_total')) - before[0]!).toBe(6);
    expect((await metric(1, 'relay_messages_delivered_total')) - before[1]!).toBe(3);
    expect(bystander.messages(other)).toEqual([]);
  });
});
