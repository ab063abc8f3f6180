import { describe, expect, it } from 'vitest';
import { sampleFill, sampleFillPoint } from './testing/sample-fill.js';
import type { ScenarioResult } from '../bench-results.js';
import { median } from '../median-run.js';
import { fillComparisons, formatRoundRatio } from './fill-comparison.js';


describe('fillComparisons', () => {
  it('gives each size its per-round ratios, ours ÷ stock, and their median', () => {
    const result: ScenarioResult = {
      id: 'e',
      title: '(e)',
      runs: {},
      rounds: [
        { ours: sampleFill(sampleFillPoint(100, 2, 1), sampleFillPoint(200, 8, 4)), stock: sampleFill(sampleFillPoint(100, 1, 1), sampleFillPoint(200, 2, 2)) },
        { ours: sampleFill(sampleFillPoint(100, 3, 3), sampleFillPoint(200, 9, 6)), stock: sampleFill(sampleFillPoint(100, 1, 1), sampleFillPoint(200, 3, 2)) },
        { ours: sampleFill(sampleFillPoint(100, 4, 2), sampleFillPoint(200, 10, 4)), stock: sampleFill(sampleFillPoint(100, 1, 1), sampleFillPoint(200, 2, 1)) },
      ],
    };
    const [small, large] = fillComparisons(result);
    expect(small!.clients).toBe(100);
    expect(small!.time.ratios.map((r) => r?.value)).toEqual([2, 3, 4]);
    expect(small!.time.median).toEqual({ value: 3, atLeast: false });
    expect(small!.cpu.median).toEqual({ value: 2, atLeast: false });
    // The ratio of the medians (9 ÷ 2 = 4.5) is not what is reported: the median of the ratios is.
    expect(large!.time.ratios.map((r) => r?.value)).toEqual([4, 3, 5]);
    expect(large!.time.median?.value).toBe(4);
    expect(large!.time.ours).toBe(9);
    expect(large!.time.stock).toBe(2);
  });

  it('marks a ratio as a lower bound when ours ran out of time, and leaves out sizes not run', () => {
    const result: ScenarioResult = {
      id: 'e',
      title: '(e)',
      runs: {},
      rounds: [
        { ours: sampleFill(sampleFillPoint(100, 30, 20, false, 'did not finish in 30 s'), sampleFillPoint(200, 0, 0, false, 'not run: 100 clients did not finish in 30 s')), stock: sampleFill(sampleFillPoint(100, 1, 1), sampleFillPoint(200, 2, 2)) },
        { ours: sampleFill(sampleFillPoint(100, 10, 5), sampleFillPoint(200, 20, 10)), stock: sampleFill(sampleFillPoint(100, 1, 1), sampleFillPoint(200, 2, 2)) },
      ],
    };
    const [small, large] = fillComparisons(result);
    expect(small!.time.ratios).toEqual([{ value: 30, atLeast: true }, { value: 10, atLeast: false }]);
    expect(small!.time.median).toEqual({ value: 20, atLeast: true });
    expect(small!.time.ours).toBe(10);
    expect(small!.unfinished).toEqual(['round 1: did not finish in 30 s']);
    expect(large!.time.ratios).toEqual([undefined, { value: 10, atLeast: false }]);
    expect(large!.time.median).toEqual({ value: 10, atLeast: false });
  });
});

describe('median and formatRoundRatio', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints a lower bound with ≥', () => {
    expect(formatRoundRatio({ value: 1.234, atLeast: false })).toBe('1.23×');
    expect(formatRoundRatio({ value: 24, atLeast: true })).toBe('≥ 24.00×');
    expect(formatRoundRatio(undefined)).toBe('—');
  });
});
