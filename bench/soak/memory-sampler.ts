import type { RelayReplica } from '../../scripts/cluster/relay-replica.mjs';
import { readMetric } from './prometheus-text.js';
import type { MemorySample } from './soak-results.js';

/** A scrape that takes longer than this counts as missing: the replica is too busy to answer. */
const SCRAPE_TIMEOUT_MS = 5000;

/** Where a replica serves its Prometheus metrics (its own port, METRICS_PORT). */
export function metricsUrl(replica: Pick<RelayReplica, 'id' | 'metricsUrl'>): string {
  if (!replica.metricsUrl) throw new Error(`${replica.id} runs without metrics (METRICS_PORT=0): the soak cannot sample it`);
  return `${replica.metricsUrl}/metrics`;
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
    const read = (name: string, labels?: Record<string, string>) => readMetric(text, name, labels) ?? null;
    return {
      at,
      replica: target.id,
      heapUsedBytes: read('nodejs_heap_size_used_bytes'),
      heapAfterGcBytes: read('relay_heap_used_after_full_gc_bytes'),
      fullGcs: read('nodejs_gc_duration_seconds_count', { kind: 'major' }),
      rssBytes: read('process_resident_memory_bytes'),
      youngGenBytes: read('nodejs_heap_space_size_total_bytes', { space: 'new' }),
      connections: read('relay_connections'),
    };
  } catch {
    return { at, replica: target.id, heapUsedBytes: null, heapAfterGcBytes: null, fullGcs: null, rssBytes: null, youngGenBytes: null, connections: null };
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
