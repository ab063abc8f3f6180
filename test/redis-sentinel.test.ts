import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoomJoinResult } from '../shared/index.js';
import { connectClient, waitForMessages, type TestClient } from './support/chat-client.js';
import { startSentinelGroup, type SentinelGroup } from '../scripts/cluster/redis-sentinel.mjs';
import { startRelay, type RelayReplica } from './support/relay-process.js';
import { waitFor } from '../scripts/cluster/wait-for.mjs';
import { createRedis, whenReady } from '../relay/redis/redis-connection.js';
import { RedisMessageStore } from '../relay/store/redis-message-store.js';
import type { ReplicaAckState } from '../relay/store/redis-replica-acks.js';
import { SUITE_LIMITS } from '../relay/store/message-store.suite.js';
import { failoverToUnlinkedReplica, unlinkReplica } from './support/unlinked-failover.js';
import { hasReplicaInSync, withRedisClient } from '../scripts/cluster/redis-query.mjs';

let group: SentinelGroup | undefined;
let relays: RelayReplica[] = [];
const clients: TestClient[] = [];

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(relays.map((r) => r.kill()));
  await group?.stop();
});

describe('Redis Sentinel failover', () => {
  it('relays follow the promoted replica: chat continues within 30 s and acked messages are kept', async () => {
    group = await startSentinelGroup();
    const env = { REDIS_SENTINELS: group.sentinels, REDIS_SENTINEL_NAME: group.name, RELAY_SECRET: 's'.repeat(40), REDIS_REPLICA_ACKS: '1' };
    relays = await Promise.all([1, 2].map((n) => startRelay({ env, replica: `sentinel-${n}` })));
    const room = `r-${randomUUID().slice(0, 6)}`;
    const sender = await connectClient(relays[0]!.url);
    const reader = await connectClient(relays[1]!.url);
    clients.push(sender, reader);
    await sender.request('room:join', { room });
    await reader.request('room:join', { room });
    const acked: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const ack = await sender.send(room, `before ${i}`);
      expect(ack, JSON.stringify(ack) + relays[0]!.output().slice(-1500)).toMatchObject({ ok: true });
      acked.push(ack.message!.id);
    }
    await waitForMessages(reader, room, 20);

    const failedAt = Date.now();
    await group.killPrimary();
    // Keep sending as a client would: retry the same clientId until it is acked.
    const clientId = randomUUID();
    const after = await waitFor(async () => {
      const ack = await sender.send(room, 'after failover', clientId).catch(() => undefined);
      return ack?.ok ? ack : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250, what: 'a send to succeed after the failover' });
    const recoveredMs = Date.now() - failedAt;
    expect(recoveredMs).toBeLessThan(30_000);
    expect(await group.currentPrimaryPort()).toBe(group.replicaPort);
    expect(after.message!.seq).toBe(21);
    await waitFor(() => reader.messages(room).some((m) => m.text === 'after failover'), { timeoutMs: 15_000, what: 'live delivery after failover' });
    const history = await reader.request<RoomJoinResult>('room:join', { room, since: 0 });
    expect(history.messages.slice(0, 20).map((m) => m.id)).toEqual(acked);
    expect(history.messages.map((m) => m.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    console.log(`sentinel failover: chat recovered ${recoveredMs} ms after the primary was killed`);
  });
});

describe('Redis Sentinel replica acks', () => {
  it('REDIS_REPLICA_ACKS=1 acks nothing while the live replica has lost its link, so a failover to it loses no acked message', async () => {
    const { missing, refusedWhileUnlinked } = await unlinkedFailover('acks', false);
    expect(missing, 'acked messages missing from the promoted replica').toEqual([]);
    expect(refusedWhileUnlinked).toBeGreaterThan(0);
  });

  it('counts a replica this relay never saw in sync: Sentinel lists it, so a relay started after the link broke acks nothing either', async () => {
    const { missing, refusedWhileUnlinked } = await unlinkedFailover('acks-late', true);
    expect(missing, 'acked messages missing from the promoted replica').toEqual([]);
    expect(refusedWhileUnlinked).toBeGreaterThan(0);
  });

  it('counts a replica that came back at the first send after, not at the next poll: unlinked again at once, it still gets no acked message it lacks', async () => {
    const { missing, refusedWhileUnlinked, states } = await unlinkedFailover('acks-back', false, { returning: true });
    expect(states[0], 'the store started with the replica gone').toBe('primary_only');
    expect(missing, 'acked messages missing from the promoted replica').toEqual([]);
    expect(refusedWhileUnlinked).toBeGreaterThan(0);
  });
});

/**
 * A store with REDIS_REPLICA_ACKS=1 on its own Sentinel group, through failoverToUnlinkedReplica.
 * `startUnlinked`: the replica's link is broken (and seen broken on the primary) before the store
 * starts, so the store's polls never find it in sync. `returning`: the replica is a primary of its
 * own when the store starts (gone, for the store's first poll) and replicates again right after,
 * well before the store's next poll (every 5 s here), so only its sends can notice it.
 */
async function unlinkedFailover(
  name: string,
  startUnlinked: boolean,
  { returning = false } = {},
): Promise<{ missing: string[]; refusedWhileUnlinked: number; states: ReplicaAckState[] }> {
  const own = await startSentinelGroup({ name });
  const config = { kind: 'sentinel' as const, name: own.name, sentinels: own.sentinels.split(',').map((s) => ({ host: '127.0.0.1', port: Number(s.split(':')[1]) })) };
  const primaryLosesReplica = () =>
    waitFor(async () => !(await hasReplicaInSync(own.primaryPort)) || undefined, { timeoutMs: 5000, what: 'the primary to lose its replica' });
  if (startUnlinked) {
    await unlinkReplica(own.primaryPort, own.replicaPort);
    await primaryLosesReplica();
  }
  if (returning) {
    await withRedisClient(own.replicaPort, (c) => c.replicaof('NO', 'ONE'));
    await primaryLosesReplica();
  }
  const [commands, subscriber] = [createRedis(config, 'commands'), createRedis(config, 'subscriber')];
  // The old primary's connections fail while Sentinel moves them (the relay logs these).
  for (const client of [commands, subscriber]) client.on('error', () => undefined);
  const states: ReplicaAckState[] = [];
  const limits = { ...SUITE_LIMITS, replicaAcks: 1, replicaPollMs: returning ? 5000 : undefined, burst: 1000, ratePerSec: 1000 };
  const store = new RedisMessageStore(commands, subscriber, limits, `t-${randomUUID()}:`, (change) => states.push(change.state));
  try {
    await Promise.all([whenReady(commands, 10_000), whenReady(subscriber, 10_000)]);
    await store.start();
    if (returning) {
      await withRedisClient(own.replicaPort, (c) => c.replicaof('127.0.0.1', own.primaryPort));
      await waitFor(async () => (await hasReplicaInSync(own.primaryPort)) || undefined, { timeoutMs: 5000, what: 'the replica to be back in sync' });
    }
    // Sentinel promotes a replica whose link broke less than ten times down-after-milliseconds ago.
    return await failoverToUnlinkedReplica({
      store,
      room: name,
      primaryPort: own.primaryPort,
      replicaPort: own.replicaPort,
      killPrimary: own.killPrimary,
      promoted: async () => (await own.currentPrimaryPort()) === own.replicaPort,
      promotionTimeoutMs: 30_000,
      alreadyUnlinked: startUnlinked,
    }).then((outcome) => ({ ...outcome, states }));
  } finally {
    await store.close();
    commands.disconnect();
    subscriber.disconnect();
    await own.stop();
  }
}
