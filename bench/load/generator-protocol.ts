import type { IdleRun, Implementation, TrafficRun } from '../bench-results.js';
import type { FillRun, StormVariant } from '../crowd/crowd-results.js';
import type { SoakMix } from '../soak/soak-mix.js';
import type { SoakLoad } from '../soak/soak-results.js';

/**
 * The messages between the bench runner and the load generator, which runs in its own process
 * (child_process.fork) so that its CPU is not the relay's and a busy generator cannot stall the
 * runner's bookkeeping.
 */
export interface GeneratorTarget {
  implementation: Implementation;
  /** Relay replicas; client i connects to urls[i % urls.length], so every room spans them. */
  urls: string[];
  relayPids: number[];
  /** The one Redis, or a Redis Cluster's primaries: their CPU is summed. */
  redisPids: number[];
  /** A Redis Cluster's replicas, summed apart (empty on one Redis). */
  redisReplicaPids: number[];
}

export interface TrafficJob {
  kind: 'traffic';
  rooms: number;
  /** Clients per room, one entry per step, ascending; one entry = one fixed load. */
  roomSizes: number[];
  sendersPerRoom: number;
  /** Open loop: the exact rate of each sender. Closed loop: its cap. */
  ratePerSender: number;
  /** open: send on a clock whatever happens; closed: the next message only when the last is acked. */
  loop: 'open' | 'closed';
  warmupMs: number;
  measureMs: number;
  /** The drain after the window ends when nothing more has arrived for this long (or at 60 s). */
  drainMs: number;
  ackTimeoutMs: number;
  /** A step whose p99 exceeds this is not sustainable, and stepping stops. */
  maxP99Ms: number;
  /** Stepping stops before a step that would end later than this after the job started. */
  timeBudgetMs: number;
}

export interface IdleJob {
  kind: 'idle';
  connectionsPerReplica: number;
  /** Quiet time before any client connects; RSS without clients is averaged over its second half (see ScenarioSizes.dSettleSeconds). */
  settleMs: number;
  /** How long the connected clients stay idle; RSS is averaged over the second half (see ScenarioSizes.dIdleSeconds). */
  idleMs: number;
  timeBudgetMs: number;
}

/** The soak: clients that stay connected and chat (bench/soak/soak-load.ts). */
export interface SoakJob {
  kind: 'soak';
  clients: number;
  /** How long they chat once all are connected. */
  chatMs: number;
  mix: SoakMix;
  seed: number;
  timeBudgetMs: number;
}

/** (e) Lobby fills of one replica, one per size, ascending (bench/crowd/lobby-fill.ts). */
export interface FillJob {
  kind: 'fill';
  sizes: number[];
  /** Handshakes in flight at once. */
  concurrency: number;
  /** A fill still short of its clients after this long is reported as not finished. */
  fillTimeoutMs: number;
  /** Before each fill after the first: the last one's users leave after the presence grace period. */
  settleMs: number;
  timeBudgetMs: number;
}

/** (f) A reconnect storm through the load balancer (bench/crowd/storm-load.ts); the generator kills the replica. */
export interface StormJob {
  kind: 'storm';
  /** The load balancer. */
  url: string;
  clients: number;
  senders: number;
  ratePerSender: number;
  killPid: number;
  killReplicaId: string;
  survivorPid: number;
  /** Sending with everyone connected, before the kill. */
  warmupMs: number;
  /** Sending on after everyone is back, before sending stops. */
  afterMs: number;
  /** The storm's limit: if not everyone is back by then, the variant says so. */
  stormTimeoutMs: number;
  timeBudgetMs: number;
}

export type GeneratorJob = (TrafficJob | IdleJob | SoakJob | FillJob | StormJob) & {
  target: GeneratorTarget;
  connectConcurrency: number;
};

export type RunnerToGenerator = { type: 'run'; job: GeneratorJob };

/** The generator's part of a storm variant; the runner adds what it set up. */
export type StormLoad = Omit<StormVariant, 'connectRate'>;
export type GeneratorResult = TrafficRun | IdleRun | SoakLoad | FillRun | StormLoad;
/** What a job of this kind answers. */
export type ResultOf<J extends GeneratorJob> = J extends { kind: 'soak' } ? SoakLoad : J extends { kind: 'fill' } ? FillRun : J extends { kind: 'storm' } ? StormLoad : TrafficRun | IdleRun;

export interface GeneratorProgress {
  type: 'progress';
  phase: 'connecting' | 'settling' | 'warmup' | 'measuring' | 'chatting' | 'draining' | 'idle' | 'storm';
  step: number;
  steps: number;
  connected: number;
  deliveriesPerSec: number;
  elapsedMs: number;
}

export type GeneratorToRunner = GeneratorProgress | { type: 'result'; run: GeneratorResult } | { type: 'error'; message: string };
