import type { Implementation } from '../bench-results.js';
import type { HistogramSnapshot } from '../latency-histogram.js';
import type { ProcessSample } from '../proc-stats.js';
import type { MeasureWindow, ReceiptTotals, ReplicaSplit } from './receipt-counter.js';
import type { LedgerTotals } from './send-ledger.js';

/**
 * The load generator's sending thread. Senders run on their own event loop so that the flood of
 * deliveries the main thread parses cannot delay a send: both relays get the same offered load,
 * however fast each one answers. For the same reason this thread keeps the clock of a step:
 * warm-up, the measured window, the stop.
 */
export type SenderRequest =
  | { type: 'connect'; implementation: Implementation; urls: string[]; clients: Array<{ index: number; room: string }>; concurrency: number; deadline: number }
  | {
      type: 'start';
      step: number;
      loop: 'open' | 'closed';
      ratePerSender: number;
      ackTimeoutMs: number;
      roomSizes: Record<string, number>;
      warmupMs: number;
      measureMs: number;
      /** Sampled when the window opens: relay replicas, Redis (the cluster's primaries), its replicas. */
      pids: { relays: number[]; redis: number[]; redisReplicas: number[] };
    }
  | { type: 'stop' }
  | { type: 'stats'; latency: boolean }
  | { type: 'close' };

/** What the sending thread saw when the window opened: CPU of the relays, Redis and this process. */
export interface WindowOpened {
  relays: Array<ProcessSample | undefined>;
  redis: ProcessSample | undefined;
  redisReplicas: ProcessSample | undefined;
  generator: NodeJS.CpuUsage;
}

export interface SenderStats {
  ledger: LedgerTotals;
  windowOpened: WindowOpened | null;
  /** The window has closed and the senders have stopped. */
  done: boolean;
  /** The histograms only when asked for (they are the one large part). */
  receipts: ReceiptTotals & { deliveries: number; latency?: HistogramSnapshot; latencyByReplica?: ReplicaSplit<HistogramSnapshot> };
}

export interface SenderReplies {
  connect: { connected: number; failures: string[] };
  start: MeasureWindow;
  stop: null;
  stats: SenderStats;
  close: null;
}

export type SenderResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
