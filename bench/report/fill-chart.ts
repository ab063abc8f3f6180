import type { BenchResults, Implementation } from '../bench-results.js';
import { fillComparisons, type FillComparison } from '../crowd/fill-comparison.js';
import { COLORS } from './perf-charts.js';
import { lineChart, type LineSeries } from './svg-charts.js';

const LABEL: Record<Implementation, string> = { ours: 'ours', stock: 'stock Socket.IO' };

/**
 * Time (solid) and relay CPU (dashed) to fill the lobby, against the number of clients, each
 * relay's median over the rounds. Linear axes on purpose: a relay that announces every arrival to
 * everyone bends upwards (quadratic), one that does not stays a straight line. Sizes a relay did
 * not finish are left out rather than drawn at their timeout.
 */
export function fillChartSeries(comparisons: FillComparison[]): LineSeries[] {
  return (['ours', 'stock'] as const).flatMap((impl) =>
    ([['time', false], ['relay CPU', true]] as const).map(([figure, dashed]) => ({
      name: `${LABEL[impl]}: ${figure} (s)`,
      color: COLORS[impl],
      dashed,
      points: comparisons.flatMap((c): Array<[number, number]> => {
        const value = (figure === 'time' ? c.time : c.cpu)[impl];
        return value === undefined ? [] : [[c.clients, value]];
      }),
    })),
  );
}

export function fillChartSvg(results: BenchResults): string | undefined {
  const scenario = results.scenarios.find((s) => s.id === 'e');
  if (!scenario) return undefined;
  return lineChart({
    title: 'Filling one replica\'s lobby: time and relay CPU vs clients',
    xLabel: 'clients in the lobby (one replica)',
    yLabel: 'seconds (median over rounds)',
    series: fillChartSeries(fillComparisons(scenario)),
    legendAt: 'top-left',
  });
}
