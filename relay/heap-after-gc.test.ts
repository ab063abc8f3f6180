import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { heapUsedAfterFullGc } from './heap-after-gc.js';
import { createMetrics } from './metrics.js';

// A full collection on demand (what --expose-gc gives), for this test only.
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
const afterObserverTick = () => new Promise((resolve) => setTimeout(resolve, 50));
const MB = 1024 ** 2;

describe('heap used after a full GC', () => {
  it('follows what is retained, not the garbage in between', async () => {
    heapUsedAfterFullGc();
    fullGc();
    await afterObserverTick();
    const baseline = heapUsedAfterFullGc();
    expect(baseline).toBeGreaterThan(0);

    let held: number[][] | undefined = Array.from({ length: 40 }, () => new Array<number>(100_000).fill(1.5));
    for (let i = 0; i < 40; i++) new Array<number>(100_000).fill(2.5); // garbage: not retained
    fullGc();
    await afterObserverTick();
    const holding = heapUsedAfterFullGc()!;
    // 40 × 100,000 doubles ≈ 30 MB held; the as much garbage beside them is not counted.
    expect(holding - baseline!).toBeGreaterThan(25 * MB);
    expect(holding - baseline!).toBeLessThan(45 * MB);

    expect(held.length).toBe(40);
    held = undefined;
    fullGc();
    await afterObserverTick();
    expect(heapUsedAfterFullGc()! - baseline!).toBeLessThan(5 * MB);
  });

  it('is a relay metric once a full GC has run', async () => {
    const metrics = createMetrics('test');
    fullGc();
    await afterObserverTick();
    const text = await metrics.registry.getSingleMetricAsString('relay_heap_used_after_full_gc_bytes');
    const value = Number(/relay_heap_used_after_full_gc_bytes\{[^}]*\} (\d+)/.exec(text)?.[1]);
    expect(value).toBe(heapUsedAfterFullGc());
  });
});
