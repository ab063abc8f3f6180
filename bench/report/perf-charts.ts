import { headlineOf, type BenchResults, type Implementation, type ScenarioId, type ScenarioResult, type TrafficStep } from '../bench-results.js';
import { barChart, lineChart, type LineSeries } from './svg-charts.js';

export const COLORS: Record<Implementation, string> = { ours: '#2563eb', stock: '#9ca3af' };
const LABEL: Record<Implementation, string> = { ours: 'ours', stock: 'stock Socket.IO' };

function headlineStep(scenario: ScenarioResult | undefined, impl: Implementation): TrafficStep | undefined {
  return headlineOf(scenario?.runs[impl]);
}

const byId = (results: BenchResults, id: ScenarioId) => results.scenarios.find((s) => s.id === id);

/** Latency CDFs, ours vs stock, for the fixed-load scenarios (a) and (c): same offered load on both. */
export function latencyChartSvg(results: BenchResults): string {
  const series: LineSeries[] = [];
  for (const [id, dashed] of [['a', false], ['c', true]] as const) {
    for (const impl of ['ours', 'stock'] as const) {
      const step = headlineStep(byId(results, id), impl);
      if (!step || step.latency.count === 0) continue;
      series.push({ name: `(${id}) ${LABEL[impl]}`, color: COLORS[impl], dashed, points: step.latency.cdf.map(([ms, fraction]) => [ms, fraction * 100]) });
    }
  }
  return lineChart({
    title: 'End-to-end latency distribution (send → every receiver)',
    xLabel: 'latency (ms, log scale)',
    yLabel: 'deliveries at or below (%)',
    series,
    xLog: true,
    yMax: 100,
    yFormat: (v) => `${v}%`,
  });
}

/** Deliveries per second, ours vs stock: (a) fixed fan-out, (b) saturation (best lossless step), (c) many rooms. */
export function throughputChartSvg(results: BenchResults): string {
  const groups = (['a', 'b', 'c'] as const)
    .filter((id) => byId(results, id))
    .map((id) => ({
      label: id === 'b' ? '(b) saturation' : id === 'a' ? '(a) one big room' : '(c) many rooms',
      values: (['ours', 'stock'] as const).map((impl) => headlineStep(byId(results, id), impl)?.deliveriesPerSec),
    }));
  return barChart({
    title: 'Deliveries per second (2 replicas + Redis + load, one machine)',
    yLabel: 'deliveries/s',
    series: (['ours', 'stock'] as const).map((impl) => ({ name: LABEL[impl], color: COLORS[impl] })),
    groups,
  });
}
