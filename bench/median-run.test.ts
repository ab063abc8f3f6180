import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from './bench-results.js';
import { medianRatio, medianRun, pickMedianRuns, roundRatios } from './median-run.js';
import { sampleIdle, sampleStep, sampleTraffic } from './report/sample-results.js';

const traffic = (deliveriesPerSec: number, p99: number) => sampleTraffic([sampleStep({ deliveriesPerSec }, [1, 2, p99])]);

describe('medianRun', () => {
  it('picks the round with the median key figure, whichever order the rounds came in', () => {
    const runs = [traffic(90_000, 5), traffic(120_000, 5), traffic(100_000, 5)];
    expect(medianRun('b', runs)).toBe(runs[2]);
    expect(medianRun('d', [sampleIdle(14), sampleIdle(11), sampleIdle(12)])).toMatchObject({ rssPerConnectionBytes: 12 * 1024 });
  });

  it('takes the lower middle of an even count (the lower of the two figures)', () => {
    const runs = [traffic(1, 10), traffic(1, 40)];
    const p99 = (run: ReturnType<typeof traffic>) => run.steps[0]!.latency.p99;
    expect(p99(medianRun('a', runs) as ReturnType<typeof traffic>)).toBeLessThan(20);
  });

  it('ranks failed rounds out, and keeps the first round when none measured anything', () => {
    const failed = { kind: 'failed' as const, error: 'boom' };
    const good = traffic(50_000, 5);
    expect(medianRun('b', [failed, good, failed])).toBe(good);
    expect(medianRun('b', [failed])).toBe(failed);
    expect(medianRun('b', [])).toBeUndefined();
  });
});

describe('rounds of a scenario', () => {
  it('fills runs with each relay’s median round and lists the per-round ratios', () => {
    const result: ScenarioResult = {
      id: 'd',
      title: '(d)',
      runs: {},
      rounds: [
        { ours: sampleIdle(12), stock: sampleIdle(16) },
        { ours: sampleIdle(15), stock: sampleIdle(15) },
        { ours: sampleIdle(11), stock: sampleIdle(17) },
      ],
    };
    pickMedianRuns(result);
    expect(result.runs.ours).toBe(result.rounds![0]!.ours);
    expect(result.runs.stock).toBe(result.rounds![0]!.stock);
    expect(roundRatios(result)).toBe('0.75×, 1.00×, 0.65× (median 0.75×)');
    expect(medianRatio(result)).toBe(0.75);
  });
});
