import type { RelayReplica } from '../../scripts/cluster/relay-replica.mjs';
import { readMetric } from './prometheus-text.js';
import type { MemorySample } from './soak-results.js';

/** A scrape that takes longer than this counts as missing: the replica is too busy to answer. */
const SCRAPE_TIMEOUT_MS = 5000;

/**
 * Where a replica serves its Prometheus metrics. The one place that knows: when /metrics moves
 * to its own port (METRICS_PORT), this is the line to change.
 */
export function metricsUrl(replica: Pick<RelayReplica, 'url'>): string {
  return `${replica.url}/metrics`;
}

export interface ScrapeTarget {
  id: string;
  url: string;
}

async function scrape(target: ScrapeTarget): Promise<MemorySample> {
  const at = Date.now();
  try {
    const response = await fetch(target.url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${response.status}`);
    const text = await response.text();
    const read = (name: string) => readMetric(text, name) ?? null;
    return { at, replica: target.id, heapUsedBytes: read('nodejs_heap_size_used_bytes'), rssBytes: read('process_resident_memory_bytes'), connections: read('relay_connections') };
  } catch {
    return { at, replica: target.id, heapUsedBytes: null, rssBytes: null, connections: null };
  }
}

export interface MemorySampler {
  /** Takes a last sample of every replica, stops, and returns every sample in order. */
  stop(): Promise<MemorySample[]>;
}

/** Reads every replica's heap used, RSS and connections now and every `intervalMs`. */
export function startMemorySampler(targets: ScrapeTarget[], intervalMs: number, onSamples: (samples: MemorySample[]) => void): MemorySampler {
  const samples: MemorySample[] = [];
  let round = Promise.resolve();
  const sampleAll = () => {
    // One round at a time: a slow scrape delays the next round rather than overlapping it.
    round = round.then(async () => {
      const taken = await Promise.all(targets.map(scrape));
      samples.push(...taken);
      onSamples(taken);
    });
  };
  sampleAll();
  const timer = setInterval(sampleAll, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      sampleAll();
      await round;
      return samples;
    },
  };
}
