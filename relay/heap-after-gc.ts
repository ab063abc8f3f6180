import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * Heap used right after the latest full (mark-compact) collection: what the relay really retains.
 * Heap used read at any other moment includes garbage the next full collection frees; on Node 24
 * that sawtooth spans minutes and tens of MB (the soak saw 30 → 48 MB between two), so a trend of
 * plain samples reads when the collections fell, not growth. One observer per process, started
 * by the first caller; it keeps nothing alive (observers hold no handle).
 */
let latest: number | undefined;
let observer: PerformanceObserver | undefined;

export function heapUsedAfterFullGc(): number | undefined {
  if (!observer) {
    observer = new PerformanceObserver((list) => {
      // Entries arrive batched on a later tick: read once per batch that holds a full collection.
      if (list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) {
        latest = getHeapStatistics().used_heap_size;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
  }
  return latest;
}
