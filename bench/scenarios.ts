import type { ScenarioId } from './bench-results.js';
import type { FillJob, IdleJob, TrafficJob } from './load/generator-protocol.js';

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
  /**
   * Quiet time before any client connects; RSS without clients is averaged over its second half,
   * read every second (a relay just started still holds what start-up grew: V8 gives it back
   * after a few to 35 s here).
   */
  dSettleSeconds: number;
  /**
   * How long the connected clients then stay idle. RSS is averaged over the second half, read
   * every second. The first half lets the connection wave's garbage go: V8 gives back the young
   * generation and heap the wave grew only when its memory reducer runs, some seconds after a
   * full GC, and while idle that GC may wait for the first Engine.IO ping round (25 s); measured
   * here, stock and ours with 16 MB semi-spaces shrank 25–50 s after the wave. The second half
   * spans more than one ping round, whose allocations a single reading would catch or miss.
   */
  dIdleSeconds: number;
  /** (e) Lobby fill sizes (clients on one replica), ascending. */
  eClients: number[];
  eConcurrency: number;
  /** A fill still short of its clients after this long reports "did not finish". */
  eTimeoutSeconds: number;
  /** Before each fill after the first (the last fill's users leave after the presence grace). */
  eSettleSeconds: number;
  /** (f) Storm: clients on 2 replicas behind HAProxy, of which senders send this often (msg/s). */
  fClients: number;
  fSenders: number;
  fRate: number;
  /** MAX_CONNECT_RATE per replica for the storm's second run (the first has none). */
  fConnectRate: number;
  fWarmupSeconds: number;
  fAfterSeconds: number;
  fTimeoutSeconds: number;
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
  dSettleSeconds: 60,
  dIdleSeconds: 100,
  eClients: [1000, 2000, 5000, 10000],
  eConcurrency: 100,
  eTimeoutSeconds: 120,
  eSettleSeconds: 5,
  fClients: 5000,
  fSenders: 50,
  fRate: 2,
  fConnectRate: 250,
  fWarmupSeconds: 5,
  fAfterSeconds: 3,
  fTimeoutSeconds: 120,
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
  dIdleSeconds: 0.6,
  eClients: [10, 30],
  eConcurrency: 10,
  eTimeoutSeconds: 20,
  eSettleSeconds: 0.5,
  fClients: 30,
  fSenders: 4,
  fRate: 4,
  fConnectRate: 5,
  fWarmupSeconds: 1,
  fAfterSeconds: 0.5,
  fTimeoutSeconds: 30,
  // The soak's CI version (test/bench-soak.test.ts).
  soakClients: 100,
  soakMinutes: 0.5,
  soakSampleSeconds: 2,
};

/** (f) runs on its own cluster behind HAProxy, twice: without and with MAX_CONNECT_RATE (bench/crowd/storm-runner.ts). */
export interface StormPlan {
  kind: 'storm';
  clients: number;
  senders: number;
  ratePerSender: number;
  /** One run per entry; 0 = no admission rate. */
  connectRates: number[];
  warmupMs: number;
  afterMs: number;
  stormTimeoutMs: number;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  job: TrafficJob | IdleJob | FillJob | StormPlan;
  /** Relay replicas it needs (default 2). */
  replicas?: number;
}

const ms = (seconds: number) => Math.round(seconds * 1000);
const n = (value: number) => value.toLocaleString('en-US');

/** The scenarios of the issues, as load-generator jobs (the storm as a plan for its own runner). */
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
      job: { kind: 'idle', connectionsPerReplica: sizes.dPerReplica, settleMs: ms(sizes.dSettleSeconds), idleMs: ms(sizes.dIdleSeconds), timeBudgetMs: 240_000 + ms(sizes.dSettleSeconds + sizes.dIdleSeconds) },
    },
    {
      id: 'e',
      title: `(e) lobby fill: ${sizes.eClients.map(n).join(' / ')} clients join the lobby of one replica`,
      replicas: 1,
      job: {
        kind: 'fill',
        sizes: sizes.eClients,
        concurrency: sizes.eConcurrency,
        fillTimeoutMs: ms(sizes.eTimeoutSeconds),
        settleMs: ms(sizes.eSettleSeconds),
        // Each fill: its timeout, the settle time and up to a minute for the relay to go quiet.
        timeBudgetMs: sizes.eClients.length * ms(sizes.eTimeoutSeconds + sizes.eSettleSeconds + 60),
      },
    },
    {
      id: 'f',
      title: `(f) reconnect storm: ${n(sizes.fClients)} clients on 2 replicas behind HAProxy, ${sizes.fSenders} senders × ${sizes.fRate} msg/s, one replica SIGKILLed`,
      job: {
        kind: 'storm',
        clients: sizes.fClients,
        senders: sizes.fSenders,
        ratePerSender: sizes.fRate,
        connectRates: [0, sizes.fConnectRate],
        warmupMs: ms(sizes.fWarmupSeconds),
        afterMs: ms(sizes.fAfterSeconds),
        stormTimeoutMs: ms(sizes.fTimeoutSeconds),
      },
    },
  ];
}
