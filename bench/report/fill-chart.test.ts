import { describe, expect, it } from 'vitest';
import { sampleFill, sampleFillPoint } from '../crowd/testing/sample-fill.js';
import type { BenchResults } from '../bench-results.js';
import { fillComparisons } from '../crowd/fill-comparison.js';
import { fillChartSeries, fillChartSvg } from './fill-chart.js';


const results = {
  scenarios: [
    {
      id: 'e',
      title: '(e)',
      runs: {},
      rounds: [
        {
          ours: sampleFill(sampleFillPoint(1000, 3, 2), sampleFillPoint(2000, 12, 8), sampleFillPoint(5000, 60, 50, false)),
          stock: sampleFill(sampleFillPoint(1000, 1, 0.3), sampleFillPoint(2000, 2, 0.6), sampleFillPoint(5000, 5, 1.5)),
        },
      ],
    },
  ],
} as unknown as BenchResults;

describe('the lobby fill chart', () => {
  it('draws time and CPU per relay against the clients, leaving out fills that did not finish', () => {
    const series = fillChartSeries(fillComparisons(results.scenarios[0]!));
    expect(series.map((s) => s.name)).toEqual(['ours: time (s)', 'ours: relay CPU (s)', 'stock Socket.IO: time (s)', 'stock Socket.IO: relay CPU (s)']);
    expect(series[0]!.points).toEqual([[1000, 3], [2000, 12]]);
    expect(series[1]!.points).toEqual([[1000, 2], [2000, 8]]);
    expect(series[3]!.points).toEqual([[1000, 0.3], [2000, 0.6], [5000, 1.5]]);
    expect(series.map((s) => s.dashed)).toEqual([false, true, false, true]);
  });

  it('renders an SVG when (e) ran, and nothing when it did not', () => {
    const svg = fillChartSvg(results)!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('ours: relay CPU (s)');
    expect(svg.match(/<path /g)).toHaveLength(4);
    expect(fillChartSvg({ ...results, scenarios: [] })).toBeUndefined();
  });
});
