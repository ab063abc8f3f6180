// Signal locality on a Redis Cluster: with advance signals on per-room shard channels, each
// replica hears only the rooms it has members in. ROOMS rooms of MEMBERS members, each room's
// members on 2 of the REPLICAS replicas (unevenly); every room gets PER_ROOM messages. Prints each
// replica's relay_advance_signals_received_total against the rooms it holds, and what a single
// channel that every replica hears would have cost (every message, on every replica).
//
//   npx tsx bench/signal-locality.ts [ROOMS=200] [MEMBERS=10] [REPLICAS=4] [PER_ROOM=5]
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { startRedisCluster } from '../scripts/cluster/redis-cluster.mjs';
import { startRelayReplica, type RelayReplica } from '../scripts/cluster/relay-replica.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

const [ROOMS = 200, MEMBERS = 10, REPLICAS = 4, PER_ROOM = 5] = process.argv.slice(2).map(Number);

async function signals(relay: RelayReplica): Promise<number> {
  const body = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
  return Number(/^relay_advance_signals_received_total(?:{[^}]*})? (\d+)/m.exec(body)?.[1]);
}

function connect(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const ask = (socket: Socket, event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>;

const cluster = await startRedisCluster();
const secret = randomUUID().repeat(2);
const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', NAME_API_URL: 'http://127.0.0.1:9/unused', REDIS_CLUSTER_NODES: cluster.seedList, RELAY_SECRET: secret, MAX_CONNECTIONS_PER_IP: '100000' };
const relays = await Promise.all(Array.from({ length: REPLICAS }, (_, i) => startRelayReplica({ id: `locality-${i}`, env })));
const sockets: Socket[] = [];
try {
  const held = relays.map(() => 0);
  const senders: Array<[Socket, string]> = [];
  for (let r = 0; r < ROOMS; r++) {
    const room = `loc-${r}`;
    // Uneven on purpose: replica 0 holds three rooms in four, the others share the rest.
    const other = (k: number) => 1 + ((r + k) % (REPLICAS - 1));
    const homes = r % 4 < 3 ? [0, other(0)] : [other(0), other(1)];
    homes.forEach((h) => held[h]!++);
    const members = await Promise.all(Array.from({ length: MEMBERS }, (_, m) => connect(relays[homes[m % 2]!]!.url)));
    sockets.push(...members);
    await Promise.all(members.map((s) => ask(s, 'room:join', { room })));
    senders.push([members[0]!, room]);
  }
  const before = await Promise.all(relays.map(signals));
  for (let i = 0; i < PER_ROOM; i++) await Promise.all(senders.map(([s, room]) => ask(s, 'message', { room, text: `m${i}`, clientId: randomUUID() })));
  const expected = held.map((rooms) => rooms * PER_ROOM);
  await waitFor(async () => {
    const now = await Promise.all(relays.map(signals));
    return now.every((n, i) => n - before[i]! >= expected[i]!) ? true : undefined;
  }, { timeoutMs: 30_000, what: 'every replica to hear its rooms' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await Promise.all(relays.map(signals));
  console.log(`${ROOMS} rooms × ${MEMBERS} members on ${REPLICAS} replicas (each room on 2), ${PER_ROOM} messages per room = ${ROOMS * PER_ROOM} messages`);
  relays.forEach((relay, i) => {
    console.log(`${relay.id}: holds ${held[i]} rooms, received ${after[i]! - before[i]!} signals (its rooms' messages: ${expected[i]}; one channel for all: ${ROOMS * PER_ROOM})`);
  });
} finally {
  sockets.forEach((s) => s.disconnect());
  await Promise.all(relays.map((r) => r.kill()));
  await cluster.stop();
}
