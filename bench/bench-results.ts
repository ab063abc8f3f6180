import type { FillRun, StormRun } from './crowd/crowd-results.js';
import type { LatencySummary } from './latency-histogram.js';
import type { ProcessSample } from './proc-stats.js';

/** The two relays every scenario runs against, on the same machine with the same load. */
export type Implementation = 'ours' | 'stock';
export const IMPLEMENTATIONS: readonly Implementation[] = ['ours', 'stock'];
export type ScenarioId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';

/** One measured window of message traffic (scenario (b) has several, one per room size). */
export interface TrafficStep {
  rooms: number;
  roomSize: number;
  senders: number;
  measureSeconds: number;
  /** From the end of the window until everything arrived (or nothing more did for the drain time). */
  drainSeconds: number;
  sent: number;
  acked: number;
  /** Error acks by code (e.g. rate_limited); rejected messages are not expected anywhere. */
  rejected: Record<string, number>;
  ackTimeouts: number;
  /** Open loop only: sends skipped because the load generator fell more than a second behind. */
  sendsSkipped: number;
  /** Deliveries owed for the messages sent in the window: one per room member, sender included. */
  expected: number;
  received: number;
  loss: number;
  duplicates: number;
  /** Every bench message delivery received during the window, per second. */
  deliveriesPerSec: number;
  /** Messages accepted (acked) per second in the window. */
  messagesPerSec: number;
  /** Send → each receiver's receipt, for the messages sent in the window. */
  latency: LatencySummary;
  /**
   * The same deliveries split by the receiver's replica: the one the sender is connected to (its
   * own copy included) or another. Absent in results from before the split was measured.
   */
  latencyByReplica?: { same: LatencySummary; other: LatencySummary };
  relays: ProcessSample[];
  /** The one Redis, or the sum over a Redis Cluster's primaries (`--redis-cluster`). */
  redis: ProcessSample;
  /** On a Redis Cluster: how many primaries `redis` sums over. */
  redisPrimaries?: number;
  /** On a Redis Cluster: its replicas, summed (they replay every write the primaries take). */
  redisReplicas?: ProcessSample;
  generatorCpuSeconds: number;
}

export interface TrafficRun {
  kind: 'traffic';
  steps: TrafficStep[];
  /** The step the headline figures come from (scenario (b): the highest lossless one); null if none qualifies. */
  headline: number | null;
  stopReason: string;
  connectFailures: number;
}

export interface IdleRun {
  kind: 'idle';
  connectionsPerReplica: number;
  connected: number;
  connectFailures: number;
  rssBeforeBytes: number[];
  /** Per replica, the mean RSS over the second half of the idle time (bench/load/idle-run.ts). */
  rssAfterBytes: number[];
  /** Per replica, the lowest and highest of those readings (absent in results from before 2026-11-30). */
  rssAfterRangeBytes?: Array<[number, number]>;
  /** (RSS after connecting − RSS before) ÷ connections, averaged over the replicas. */
  rssPerConnectionBytes: number;
  connectSeconds: number;
  relays: ProcessSample[];
}

export interface FailedRun {
  kind: 'failed';
  error: string;
}

export type ScenarioRun = TrafficRun | IdleRun | FillRun | StormRun | FailedRun;

/** The step a traffic run's figures come from; undefined for other runs or when no step qualified. */
export function headlineOf(run: ScenarioRun | undefined): TrafficStep | undefined {
  return run?.kind === 'traffic' && run.headline !== null ? run.steps[run.headline] : undefined;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  /** Per relay, the round with the median key figure (bench/median-run.ts): what the tables show. */
  runs: Partial<Record<Implementation, ScenarioRun>>;
  /** Every round, in the order run (`--rounds`; results from before rounds existed have none). */
  rounds?: Array<Partial<Record<Implementation, ScenarioRun>>>;
  /**
   * Set when the scenario was measured in a run of its own and put into these results afterwards
   * (bench/report/merge-results.ts): that run's start and command, which its table then names.
   */
  separateRun?: { startedAt: string; command: string };
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  /** The Node both relays ran on, when not `node` (RELAY_NODE). */
  relayNode?: string;
  platform: string;
  /** 1-minute load average when the bench started: other work on the box skews every figure. */
  loadAverage: number;
}

export interface ProfileHotspot {
  functionName: string;
  location: string;
  selfMs: number;
  selfPercent: number;
}

export interface ProfileSummary {
  /** The scenarios the profiled replica served, e.g. "b" (or "abcd" when a cluster was reused). */
  scenario: string;
  implementation: Implementation;
  /** Replica 1 of the relay, or the load generator that drove it. */
  process: 'relay' | 'load-generator';
  file: string;
  totalMs: number;
  top: ProfileHotspot[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  smoke: boolean;
  /** How many times each scenario ran per relay (ours and stock alternating which goes first). */
  rounds?: number;
  /** `--redis-cluster`: both relays ran on a 3 + 3 Redis Cluster (stock with the sharded adapter). */
  redisCluster?: boolean;
  /** Ours ran with REDIS_REPLICA_ACKS=1 (--replica-acks). */
  replicaAcks?: boolean;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
  profiles: ProfileSummary[];
}
