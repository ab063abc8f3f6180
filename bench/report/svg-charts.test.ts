import { describe, expect, it } from 'vitest';
import { latencyChartSvg, throughputChartSvg } from './perf-charts.js';
import { sampleResults } from './sample-results.js';
import { barChart, escapeXml, lineChart, linearTicks, logTicks } from './svg-charts.js';
import { expectInside, expectWellFormed } from './testing/svg-assertions.js';

describe('svg charts', () => {
  it('draws lines on a log axis, escaped and inside the view box', () => {
    const svg = lineChart({
      title: 'Latency <ours> & "stock"',
      xLabel: 'ms',
      yLabel: '%',
      xLog: true,
      yMax: 100,
      series: [
        { name: 'ours', color: '#00f', points: [[1, 10], [10, 60], [100, 100]] },
        { name: 'stock', color: '#999', dashed: true, points: [[0.5, 20], [5, 100]] },
      ],
    });
    expectWellFormed(svg);
    expectInside(svg, 720, 420);
    expect(svg).toContain('Latency &lt;ours&gt; &amp; &quot;stock&quot;');
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it('draws grouped bars with their values, and "n/a" for a missing one', () => {
    const svg = barChart({
      title: 'Deliveries',
      yLabel: 'deliveries/s',
      series: [{ name: 'ours', color: '#00f' }, { name: 'stock', color: '#999' }],
      groups: [{ label: '(a)', values: [80_000, 100_000] }, { label: '(b)', values: [60_000, undefined] }],
    });
    expectWellFormed(svg);
    expectInside(svg, 720, 420);
    expect(svg.match(/<rect x=/g)).toHaveLength(3);
    expect(svg).toContain('>80,000<');
    expect(svg).toContain('>n/a<');
  });

  it('is deterministic: the same numbers give the same bytes', () => {
    expect(latencyChartSvg(sampleResults())).toBe(latencyChartSvg(sampleResults()));
  });

  it('charts the sample results: latency CDFs of (a) and deliveries/s of (a) and (b)', () => {
    const latency = latencyChartSvg(sampleResults());
    expectWellFormed(latency);
    expect(latency).toContain('(a) ours');
    expect(latency).toContain('(a) stock Socket.IO');
    const throughput = throughputChartSvg(sampleResults());
    expectWellFormed(throughput);
    expect(throughput).toContain('(b) saturation');
    expect(throughput).toContain('>n/a<'); // the baseline's (b) failed in the sample
  });

  it('survives empty data without NaN coordinates', () => {
    expectWellFormed(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [], xLog: true }));
    expectWellFormed(barChart({ title: 't', yLabel: 'y', series: [], groups: [] }));
  });

  it('picks readable ticks', () => {
    expect(linearTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(87_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(logTicks(0.8, 1500)).toEqual([0.1, 1, 10, 100, 1000, 10_000]);
    expect(escapeXml('a<b>&"')).toBe('a&lt;b&gt;&amp;&quot;');
  });
});
