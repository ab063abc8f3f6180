import type { ScenarioId } from './bench-results.js';
import type { IdleJob, TrafficJob } from './load/generator-protocol.js';

/** Every size the bench uses; each is overridable (`--a-clients=200` or BENCH_A_CLIENTS=200). */
export interface ScenarioSizes {
  warmupSeconds: number;
  measureSeconds: number;
  drainSeconds: number;
  ackTimeoutSeconds: number;
  connectConcurrency: number;
  aClients: number;
  aSenders: number;
  aRate: number;
  bSenders: number;
  bRate: number;
  /** Room sizes to step through (senders included), ascending. */
  bRoomSizes: number[];
  bStepSeconds: number;
  bMaxP99Ms: number;
  bBudgetSeconds: number;
  cRooms: number;
  cClientsPerRoom: number;
  cSendersPerRoom: number;
  cRate: number;
  dPerReplica: number;
  dSettleSeconds: number;
  /** `--soak` only (bench/soak/): clients that stay connected and chat, for this long, memory sampled this often. */
  soakClients: number;
  soakMinutes: number;
  soakSampleSeconds: number;
}

/** The scenarios, sized so the whole run stays under ~10 minutes on a 2-core machine. */
export const FULL_SIZES: ScenarioSizes = {
  warmupSeconds: 2,
  measureSeconds: 15,
  drainSeconds: 8,
  ackTimeoutSeconds: 8,
  connectConcurrency: 50,
  aClients: 500,
  aSenders: 25,
  aRate: 8,
  bSenders: 100,
  // "Under 8 msg/s" so the per-user limit is never what is measured.
  bRate: 7.5,
  bRoomSizes: [100, 150, 200, 300, 400, 600, 800],
  bStepSeconds: 5,
  bMaxP99Ms: 1000,
  bBudgetSeconds: 120,
  cRooms: 200,
  cClientsPerRoom: 10,
  cSendersPerRoom: 2,
  cRate: 4,
  dPerReplica: 5000,
  dSettleSeconds: 3,
  soakClients: 1000,
  soakMinutes: 10,
  soakSampleSeconds: 10,
};

/** Every scenario, tiny: a few seconds, for CI, so the bench cannot rot. */
export const SMOKE_SIZES: ScenarioSizes = {
  warmupSeconds: 0.2,
  measureSeconds: 0.6,
  drainSeconds: 3,
  ackTimeoutSeconds: 3,
  connectConcurrency: 10,
  aClients: 12,
  aSenders: 3,
  aRate: 5,
  bSenders: 4,
  bRate: 5,
  bRoomSizes: [4, 8],
  bStepSeconds: 0.6,
  // Generous: the smoke run checks that the bench works, on a CI box that may be busy.
  bMaxP99Ms: 10_000,
  bBudgetSeconds: 20,
  cRooms: 4,
  cClientsPerRoom: 3,
  cSendersPerRoom: 1,
  cRate: 5,
  dPerReplica: 20,
  dSettleSeconds: 0.2,
  // The soak's CI version (test/bench-soak.test.ts).
  soakClients: 100,
  soakMinutes: 0.5,
  soakSampleSeconds: 2,
};

export interface Scenario {
  id: ScenarioId;
  title: string;
  job: TrafficJob | IdleJob;
}

const ms = (seconds: number) => Math.round(seconds * 1000);
const n = (value: number) => value.toLocaleString('en-US');

/** The four scenarios of the issue, as load-generator jobs. */
export function scenarios(sizes: ScenarioSizes): Scenario[] {
  const timing = { warmupMs: ms(sizes.warmupSeconds), drainMs: ms(sizes.drainSeconds), ackTimeoutMs: ms(sizes.ackTimeoutSeconds) };
  const fixed = (measureSeconds: number) => ({ ...timing, measureMs: ms(measureSeconds), maxP99Ms: 1e9, timeBudgetMs: ms(measureSeconds + 180) });
  return [
    {
      id: 'a',
      title: `(a) one room, ${n(sizes.aClients)} clients, ${sizes.aSenders} senders × ${sizes.aRate} msg/s`,
      job: { kind: 'traffic', rooms: 1, roomSizes: [sizes.aClients], sendersPerRoom: sizes.aSenders, ratePerSender: sizes.aRate, loop: 'open', ...fixed(sizes.measureSeconds) },
    },
    {
      id: 'b',
      title: `(b) saturation: ${sizes.bSenders} senders in a closed loop (≤ ${sizes.bRate} msg/s each), room of ${sizes.bRoomSizes.map(n).join(' → ')}`,
      job: {
        kind: 'traffic',
        rooms: 1,
        roomSizes: sizes.bRoomSizes,
        sendersPerRoom: sizes.bSenders,
        ratePerSender: sizes.bRate,
        loop: 'closed',
        ...timing,
        measureMs: ms(sizes.bStepSeconds),
        maxP99Ms: sizes.bMaxP99Ms,
        timeBudgetMs: ms(sizes.bBudgetSeconds),
      },
    },
    {
      id: 'c',
      title: `(c) ${n(sizes.cRooms)} rooms × ${sizes.cClientsPerRoom} clients, ${sizes.cSendersPerRoom} senders per room × ${sizes.cRate} msg/s`,
      job: {
        kind: 'traffic',
        rooms: sizes.cRooms,
        roomSizes: [sizes.cClientsPerRoom],
        sendersPerRoom: sizes.cSendersPerRoom,
        ratePerSender: sizes.cRate,
        loop: 'open',
        ...fixed(sizes.measureSeconds),
      },
    },
    {
      id: 'd',
      title: `(d) ${n(sizes.dPerReplica)} idle connections per replica`,
      job: { kind: 'idle', connectionsPerReplica: sizes.dPerReplica, settleMs: ms(sizes.dSettleSeconds), timeBudgetMs: 240_000 },
    },
  ];
}
