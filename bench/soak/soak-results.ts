import type { MachineInfo } from '../bench-results.js';
import type { SoakMix } from './soak-mix.js';

/** What the load generator saw of one soak: the clients' side. Times are epoch milliseconds. */
export interface SoakLoad {
  kind: 'soak';
  clients: number;
  /** Chat rooms (the lobby not counted) and their sizes. */
  rooms: { count: number; minSize: number; maxSize: number; meanSize: number };
  connectFailures: number;
  /** The first few connection failures, for the report. */
  connectErrors: string[];
  phases: {
    connectStartedAt: number;
    /** Every client connected and in its rooms: sending starts. */
    chatStartedAt: number;
    /** Sending, typing and dropping stop; away clients come back. */
    chatEndedAt: number;
    /** Every client settled and everything owed arrived (or the drain gave up). */
    settledAt: number;
  };
  messages: {
    /** Distinct messages typed (a retry of one is not another). */
    typed: number;
    acked: number;
    /** Acks that answered a retry with the stored message (`duplicate: true`): the first ack was lost with a connection. */
    ackedOnRetry: number;
    /** Typed but never acked by the end. */
    unacked: number;
    ackTimeouts: number;
    /** Error answers by code (each one retried; none is expected at this rate). */
    refused: Record<string, number>;
  };
  deliveries: {
    owed: number;
    delivered: number;
    lost: number;
    /** A live message a client already held. */
    duplicateDeliveries: number;
    /** A message stored under two seqs. */
    duplicateStored: number;
    /** Messages a client got from a `room:join { since }` answer instead of live. */
    recoveredOnResume: number;
    /** Resumes a client started because a live seq skipped ahead. */
    gapResumes: number;
    /** A room's epoch changed under a client: its stored history was lost. */
    epochChanges: number;
  };
  reconnects: {
    /** Network blips: the transport closed, the client library reconnected by itself. */
    blips: number;
    /** The user went away (disconnect) and came back later. */
    aways: number;
    /** Sessions resumed with the token (every reconnect should be one). */
    resumedSessions: number;
    /** A reconnect that came back as a different user. */
    identityChanges: number;
  };
  typing: { sent: number; received: number };
  presenceEvents: number;
}

/** One reading of one replica's /metrics; null where it did not answer. */
export interface MemorySample {
  at: number;
  replica: string;
  heapUsedBytes: number | null;
  /** relay_heap_used_after_full_gc_bytes: heap used after the latest full GC; null before the first (absent in older runs). */
  heapAfterGcBytes?: number | null;
  /** Full GCs so far (nodejs_gc_duration_seconds_count, kind major): tells a new after-GC reading from a repeat. */
  fullGcs?: number | null;
  rssBytes: number | null;
  /**
   * V8's young generation as committed (nodejs_heap_space_size_total_bytes, space new): RSS a
   * replica holds under load whatever its connection count; absent in older runs.
   */
  youngGenBytes?: number | null;
  connections: number | null;
}

/** One replica's heap used or RSS during the chat phase (all clients connected). */
export interface SeriesSummary {
  startBytes: number;
  endBytes: number;
  maxBytes: number;
  /** Least-squares slope over the last half of the chat phase, in MB per minute; null with fewer than 2 samples there. */
  slopeMBPerMin: number | null;
}

export interface ReplicaMemory {
  replica: string;
  samples: number;
  heap: SeriesSummary | null;
  rss: SeriesSummary | null;
  /**
   * Heap retained after full GCs in the chat phase (one point per sample that follows new full
   * GCs); null when no full GC was seen (or an older run). `fullGcsInLastHalf` counts those points there.
   */
  retained?: (SeriesSummary & { fullGcsInLastHalf: number }) | null;
}

export interface SoakVerdict {
  passed: boolean;
  /** The rule, in words, as it was applied. */
  rule: string;
  failures: string[];
  /** What was not judged, and why (e.g. a run too short to judge growth). */
  notes: string[];
}

/** One `npm run bench -- --soak` run: bench-results/soak-*.json. */
export interface SoakResults {
  kind: 'soak';
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: MachineInfo;
  settings: { clients: number; minutes: number; sampleSeconds: number; replicas: number; connectConcurrency: number; mix: SoakMix; seed: number };
  load: SoakLoad;
  samples: MemorySample[];
  replicas: ReplicaMemory[];
  verdict: SoakVerdict;
}
