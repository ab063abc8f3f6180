// The figures docs/capacity.md starts from, each with where it comes from, and the arithmetic
// that turns the benchmark's results into per-operation costs. Change a figure here, then print
// the doc's section again: `npx tsx bench/report/capacity-inputs.ts`.
import type { Message } from '../../shared/index.js';
import { capacityTable, userCeiling, type CostInputs, type Mix, type PodShape, type Provenance } from './capacity-model.js';
import { fitLine } from './fit-line.js';

/**
 * Scenario (c) with our relays on a 3 + 3 Redis Cluster (`npm run bench -- --only=c --redis-cluster`),
 * our median round's headline step: what the single-Redis run cannot tell.
 */
export interface ClusterRun {
  /** When and how it ran (the results JSON's startedAt and command). */
  run: string;
  primaries: number;
  /** Messages acked in the measured window, and the CPU from its opening to the end of the drain. */
  messages: number;
  redisPrimaryCpuSeconds: number;
  redisReplicaCpuSeconds: number;
  relayMsPer1000Deliveries: number;
}

/**
 * Node 24.21 (the image's), ours with its shipped flag (scripts/relay-node-flags.mjs): docs/performance.md,
 * run of 2026-12-01T03:37 (median rounds), and docs/reliability.md's soak.
 */
export const MEASURED: {
  windowSeconds: number;
  a: { relayMsPer1000Deliveries: number; deliveriesPerSec: number; messagesPerSec: number; redisCpuSeconds: number };
  c: { relayMsPer1000Deliveries: number; deliveriesPerSec: number; messagesPerSec: number; redisCpuSeconds: number };
  idleConnectionKB: number;
  /**
   * Soaks of three sizes on 2 replicas (docs/reliability.md's workload): chatting connections per
   * replica, and RSS per replica (the two averaged) before the clients and over the last minute
   * of the chat phase. The young generation was at its cap (32 MB committed) before the clients
   * in all three, so none of the growth is V8 sizing it.
   */
  soak: Array<{ run: string; connectionsPerReplica: number; rssBeforeMB: number; rssUnderLoadMB: number }>;
  /** undefined until the cluster bench has run: the model then takes the single-Redis figure (TODO). */
  cluster: ClusterRun | undefined;
  /** How (c)'s relay CPU divides on one replica, from its CPU profile (bench/report/profile-split.ts), ms in the profile's window. */
  profileSplit: { run: string; ingestMs: number; signalMs: number; deliveryMs: number; otherMs: number };
} = {
  /** Length of the measured window of (a) and (c), s: CPU is read from its opening to the end of the drain (~0.05 s). */
  windowSeconds: 15.05,
  /** (a) one room of 500: many deliveries per message. */
  a: { relayMsPer1000Deliveries: 8.23, deliveriesPerSec: 100_008, messagesPerSec: 200, redisCpuSeconds: 0.51 },
  /** (c) 200 rooms of 10: few deliveries per message, the mix this model extrapolates. */
  c: { relayMsPer1000Deliveries: 36.9, deliveriesPerSec: 15_999, messagesPerSec: 1_600, redisCpuSeconds: 1.76 },
  /** (d) RSS per idle connection, KB, both readings at rest (bench/load/idle-run.ts). */
  idleConnectionKB: 19.8,
  /** Soak: 1,000 chatting clients over 2 replicas, RSS before the clients and at the end, MB. */
  soak: [
    { run: '2026-12-01T05:59, 500 clients, 4 min', connectionsPerReplica: 250, rssBeforeMB: 99.7, rssUnderLoadMB: 132.4 },
    { run: '2026-12-01T05:30, 1,000 clients, 10 min (the published one)', connectionsPerReplica: 500, rssBeforeMB: 99.9, rssUnderLoadMB: 135.1 },
    { run: '2026-12-01T06:03, 2,000 clients, 4 min', connectionsPerReplica: 1000, rssBeforeMB: 99.6, rssUnderLoadMB: 173.3 },
  ],
  cluster: {
    run: '2026-12-01T04:28, Node 24.21, 3 rounds, our median round',
    primaries: 3,
    messages: 24002,
    redisPrimaryCpuSeconds: 3.3,
    redisReplicaCpuSeconds: 1.33,
    relayMsPer1000Deliveries: 48.0,
  },
  profileSplit: { run: '2026-12-01T05:16, Node 24.21, `npm run bench -- --only=c --rounds=1 --profile`, our replica 1, the last 10 s of load', ingestMs: 1113, signalMs: 48, deliveryMs: 1597, otherMs: 889 },
};

/**
 * Relay CPU per message and per delivery from two scenarios with different fan-outs, both on two
 * replicas that each hold members of every room: cost per delivery = perMessage / fanOut + perDelivery.
 */
export function splitRelayCost(a: { relayMsPer1000Deliveries: number; deliveriesPerSec: number; messagesPerSec: number }, c: typeof a) {
  const fanOutA = a.deliveriesPerSec / a.messagesPerSec;
  const fanOutC = c.deliveriesPerSec / c.messagesPerSec;
  // µs per delivery in each scenario.
  const [perDeliveryA, perDeliveryC] = [a.relayMsPer1000Deliveries, c.relayMsPer1000Deliveries];
  const perMessageUs = (perDeliveryC - perDeliveryA) / (1 / fanOutC - 1 / fanOutA);
  return { perMessageUs, perDeliveryUs: perDeliveryA - perMessageUs / fanOutA, fanOutA, fanOutC };
}

/** Bytes of one `message` delivery: the Socket.IO frame of a typical message plus the WebSocket header. */
export function deliveryBytes(): number {
  const uuid = '00000000-0000-4000-8000-000000000000';
  const message = { id: uuid, seq: 1234, clientId: uuid, room: 'team-frontend', user: { id: uuid, name: 'Ada Lovelace' }, text: 'x'.repeat(60), time: '2026-11-30T10:00:00.000Z', kind: 'text', rev: 1234 } satisfies Message;
  const frame = `42["message",${JSON.stringify(message)}]`;
  // Server frames are unmasked: 2 bytes of header up to 125 bytes of payload, 4 up to 64 KB.
  return frame.length + (frame.length <= 125 ? 2 : 4);
}

const split = splitRelayCost(MEASURED.a, MEASURED.c);
const ingestShare = MEASURED.profileSplit.ingestMs / (MEASURED.profileSplit.ingestMs + MEASURED.profileSplit.signalMs);
const splitBusyMs = MEASURED.profileSplit.ingestMs + MEASURED.profileSplit.signalMs + MEASURED.profileSplit.deliveryMs + MEASURED.profileSplit.otherMs;
// RSS under load against connections: a replica under load holds far more than before its clients
// (heap headroom, buffers) whatever their number, so one soak size cannot tell that from memory per
// connection. Its clients also send more the more of them there are: the slope is an upper bound.
const soakFit = fitLine(MEASURED.soak.map((s): [number, number] => [s.connectionsPerReplica, s.rssUnderLoadMB]));
const cMessages = MEASURED.c.messagesPerSec * MEASURED.windowSeconds;

export const COSTS: CostInputs = {
  relayUsPerDelivery: split.perDeliveryUs,
  // (c)'s per-message cost is one ingest plus a signal on each of the 2 replicas. A replica's
  // profile holds its own sends' ingest and the signals of both replicas' sends, so the ingest
  // takes the profile's ingest share of it, each of the two signals half the rest.
  relayUsPerIngest: split.perMessageUs * ingestShare,
  relayUsPerSignal: (split.perMessageUs * (1 - ingestShare)) / 2,
  redisUsPerMessage: (MEASURED.c.redisCpuSeconds / cMessages) * 1e6,
  redisClusterUsPerMessage: MEASURED.cluster ? (MEASURED.cluster.redisPrimaryCpuSeconds / MEASURED.cluster.messages) * 1e6 : (MEASURED.c.redisCpuSeconds / cMessages) * 1e6,
  relayBaseMB: soakFit.intercept,
  connectionKB: soakFit.slope * 1024,
  bytesPerDelivery: deliveryBytes(),
};

export const SOURCES: Record<keyof CostInputs, { provenance: Provenance; how: string }> = {
  relayUsPerDelivery: { provenance: 'derived', how: `from (a) and (c): ${MEASURED.a.relayMsPer1000Deliveries} and ${MEASURED.c.relayMsPer1000Deliveries} ms per 1,000 deliveries at ${split.fanOutA.toFixed(0)} and ${split.fanOutC.toFixed(1)} deliveries per message` },
  relayUsPerIngest: {
    provenance: 'derived',
    how: `${(ingestShare * 100).toFixed(0)} % of the ${split.perMessageUs.toFixed(0)} µs per message derived from (a) and (c) (1 ingest + 2 signals): the ingest share of a profile of (c) (${MEASURED.profileSplit.run}; bench/report/profile-split.ts: ingest ${MEASURED.profileSplit.ingestMs} ms, signals ${MEASURED.profileSplit.signalMs} ms, deliveries ${MEASURED.profileSplit.deliveryMs} ms, and ${MEASURED.profileSplit.otherMs} ms of GC, Redis reply parsing and timers, ${((MEASURED.profileSplit.otherMs / splitBusyMs) * 100).toFixed(0)} % of the busy time, taken in proportion)`,
  },
  relayUsPerSignal: { provenance: 'derived', how: `half of the other ${((1 - ingestShare) * 100).toFixed(0)} % (each message signals both replicas in (c)): the same profile` },
  redisUsPerMessage: { provenance: 'derived', how: `(c): ${MEASURED.c.redisCpuSeconds} s of Redis CPU for ${MEASURED.c.messagesPerSec} msg/s × ${MEASURED.windowSeconds} s ((a): ${((MEASURED.a.redisCpuSeconds / (MEASURED.a.messagesPerSec * MEASURED.windowSeconds)) * 1e6).toFixed(0)} µs)` },
  redisClusterUsPerMessage: MEASURED.cluster
    ? {
        provenance: 'measured',
        how: `(c) on a ${MEASURED.cluster.primaries} + ${MEASURED.cluster.primaries} Redis Cluster (${MEASURED.cluster.run}): ${MEASURED.cluster.redisPrimaryCpuSeconds} s of CPU over its primaries for ${MEASURED.cluster.messages.toLocaleString('en-US')} messages, each on its room's shard; its replicas ${((MEASURED.cluster.redisReplicaCpuSeconds / MEASURED.cluster.messages) * 1e6).toFixed(0)} µs more (relay: ${MEASURED.cluster.relayMsPer1000Deliveries} ms per 1,000 deliveries)`,
      }
    : { provenance: 'TODO', how: 'TODO (cluster bench): `npm run bench -- --only=c --redis-cluster`; until then the single-Redis figure' },
  relayBaseMB: {
    provenance: 'derived',
    how: `soak at 3 sizes: where the least-squares line of RSS under load (the chat phase's last minute) against connections per replica meets 0 connections; before any client a relay holds ${MEASURED.soak[1]!.rssBeforeMB} MB`,
  },
  connectionKB: {
    provenance: 'derived',
    how: `soak at 3 sizes: that line's slope, over ${MEASURED.soak.map((s) => `${s.connectionsPerReplica} (${s.rssUnderLoadMB} MB)`).join(', ')} connections per replica; each client also brings traffic, so it bounds memory per connection from above (an idle one: ${MEASURED.idleConnectionKB} KB, (d))`,
  },
  bytesPerDelivery: { provenance: 'measured', how: 'the Socket.IO frame of a message with a 60-character text, plus its WebSocket header' },
};

export const SHAPE: PodShape = { relayCpuTarget: 0.7, relayMemoryLimitMB: 1024, relayMemoryTarget: 0.7, connectionsPerPod: 8_000, redisCpuTarget: 0.7 };
/** Peak hour: each user sends one message a minute into rooms of 10 (channels, DMs); and a busier variant. */
export const MIXES: Mix[][] = [1, 5].map((rate) => [100_000, 1_000_000].map((users) => ({ users, messagesPerUserPerMinute: rate, membersPerRoom: 10 })));

const UNITS: Record<keyof CostInputs, string> = {
  relayUsPerDelivery: 'µs relay CPU per delivery',
  relayUsPerIngest: 'µs relay CPU per message, on the sender’s replica',
  relayUsPerSignal: 'µs relay CPU per message, on each replica its signal reaches',
  redisUsPerMessage: 'µs Redis CPU per message, one Redis',
  redisClusterUsPerMessage: 'µs Redis CPU per message on a Redis Cluster (primaries summed = on its room’s shard)',
  relayBaseMB: 'MB relay RSS without clients',
  connectionKB: 'KB RSS per chatting connection',
  bytesPerDelivery: 'bytes on the wire per delivery',
};

/** The generated part of docs/capacity.md. */
export function capacitySection(): string {
  const inputs = (Object.keys(COSTS) as Array<keyof CostInputs>).map((k) => `| ${COSTS[k].toFixed(k === 'relayUsPerDelivery' ? 2 : 1)} | ${UNITS[k]} | ${SOURCES[k].provenance} | ${SOURCES[k].how} |`);
  const ceiling = (rate: number, s: 'every-replica' | 'sharded') => userCeiling(COSTS, { messagesPerUserPerMinute: rate, membersPerRoom: 10 }, SHAPE, s);
  const users = (n: number) => (Number.isFinite(n) ? `about ${n.toLocaleString('en-US')} users` : 'no ceiling (pods and shards grow with the load)');
  return [
    '| value | figure | kind | from |',
    '|---:|---|---|---|',
    ...inputs,
    '',
    `Pod shape: relay at ≤ ${SHAPE.relayCpuTarget} of its one core and ≤ ${SHAPE.relayMemoryTarget * 100} % of a ${SHAPE.relayMemoryLimitMB} MB limit, autoscaler target ${SHAPE.connectionsPerPod.toLocaleString('en-US')} connections per pod; a Redis shard at ≤ ${SHAPE.redisCpuTarget} of its one core.`,
    '',
    ...MIXES.flatMap((mixes) => [capacityTable(COSTS, mixes, SHAPE), '']),
    `Ceiling with signals to every replica (today): ${users(ceiling(1, 'every-replica'))} at 1 msg/min, ${users(ceiling(5, 'every-replica'))} at 5 msg/min. On a Redis Cluster with sharded signals: ${users(ceiling(1, 'sharded'))}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${capacitySection()}\n`);
