import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

describe('LatencyHistogram', () => {
  it('reports zeros when nothing was recorded', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0, cdf: [] });
  });

  it('gives nearest-rank percentiles of 1..100 ms within 0.5 %', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) h.record(ms);
    const s = h.summary();
    expect(s.count).toBe(100);
    expect(s.mean).toBeCloseTo(50.5, 6);
    expect(s.p50).toBeGreaterThanOrEqual(50 * 0.995);
    expect(s.p50).toBeLessThanOrEqual(50 * 1.005);
    expect(s.p95).toBeGreaterThanOrEqual(95 * 0.995);
    expect(s.p95).toBeLessThanOrEqual(95 * 1.005);
    expect(s.p99).toBeLessThanOrEqual(99 * 1.005);
    expect(s.p99).toBeGreaterThanOrEqual(99 * 0.995);
    expect(s.max).toBe(100);
  });

  it('matches the exact nearest-rank percentile within 0.5 % for any sample set', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(1, 50, 90, 95, 99, 99.9, 100),
        (samples, p) => {
          const h = new LatencyHistogram();
          for (const s of samples) h.record(s);
          const exact = exactPercentile([...samples].sort((a, b) => a - b), p);
          const got = h.percentile(p);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(exact * 0.0051 + 1e-9);
        },
      ),
    );
  });

  it('keeps percentiles ordered and inside the observed range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 200 }), (samples) => {
        const h = new LatencyHistogram();
        for (const s of samples) h.record(s);
        const s = h.summary();
        expect(s.p50).toBeLessThanOrEqual(s.p95);
        expect(s.p95).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        expect(s.p50).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(s.max).toBe(Math.max(...samples));
      }),
    );
  });

  it('treats negative, NaN and infinite latencies as 0 instead of corrupting the buckets', () => {
    const h = new LatencyHistogram();
    for (const bad of [-5, Number.NaN, Number.POSITIVE_INFINITY]) h.record(bad);
    h.record(10);
    expect(h.count).toBe(4);
    expect(h.percentile(75)).toBeLessThanOrEqual(0.001); // the first bucket: "at most 1 µs"
    expect(h.max).toBe(10);
  });

  it('thins the CDF to the requested number of points, rising to 1', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100_000; i++) h.record(i / 100);
    const cdf = h.cdf(50);
    expect(cdf).toHaveLength(50);
    expect(cdf[cdf.length - 1]).toEqual([1000, 1]);
    for (let i = 1; i < cdf.length; i++) {
      expect(cdf[i]![0]).toBeGreaterThan(cdf[i - 1]![0]);
      expect(cdf[i]![1]).toBeGreaterThan(cdf[i - 1]![1]);
    }
  });

  it('merges a snapshot as if the samples had been recorded here', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 10_000, noNaN: true }), { maxLength: 100 }),
        fc.array(fc.double({ min: 0.01, max: 10_000, noNaN: true }), { maxLength: 100 }),
        (left, right) => {
          const together = new LatencyHistogram();
          const a = new LatencyHistogram();
          const b = new LatencyHistogram();
          for (const s of left) {
            a.record(s);
            together.record(s);
          }
          for (const s of right) {
            b.record(s);
            together.record(s);
          }
          a.merge(JSON.parse(JSON.stringify(b.snapshot())));
          const merged = a.summary();
          const expected = together.summary();
          expect(merged.count).toBe(expected.count);
          expect(merged.p50).toBe(expected.p50);
          expect(merged.p99).toBe(expected.p99);
          expect(merged.max).toBe(expected.max);
          expect(merged.mean).toBeCloseTo(expected.mean, 6);
        },
      ),
    );
  });
});
