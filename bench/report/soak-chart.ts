import { MB } from '../soak/memory-summary.js';
import type { SoakResults } from '../soak/soak-results.js';
import { lineChart, type LineSeries } from './svg-charts.js';

const REPLICA_COLORS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea'];

/** docs/reliability/soak.svg: heap used (solid) and RSS (dashed) of each replica, from the first sample on, and the chat phase. */
export function soakChartSvg(results: SoakResults): string {
  const t0 = Math.min(...results.samples.map((s) => s.at));
  const replicas = [...new Set(results.samples.map((s) => s.replica))];
  const series: LineSeries[] = replicas.flatMap((replica, i) => {
    const color = REPLICA_COLORS[i % REPLICA_COLORS.length]!;
    const mine = results.samples.filter((s) => s.replica === replica);
    const points = (value: (s: (typeof mine)[number]) => number | null): Array<[number, number]> =>
      mine.flatMap((s) => {
        const v = value(s);
        return v === null ? [] : [[(s.at - t0) / 60_000, v / MB] as [number, number]];
      });
    return [
      { name: `${replica} heap used`, color, points: points((s) => s.heapUsedBytes) },
      { name: `${replica} RSS`, color, dashed: true, points: points((s) => s.rssBytes) },
    ];
  });
  const peak = Math.max(1, ...series.flatMap((s) => s.points.map(([, v]) => v)));
  // A bracket over the chat phase: what the table's start, end, max and slopes are taken from.
  const { chatStartedAt, chatEndedAt } = results.load.phases;
  const [from, to, top] = [(chatStartedAt - t0) / 60_000, (chatEndedAt - t0) / 60_000, peak * 1.05];
  series.push({ name: 'chat phase (all clients connected)', color: '#9ca3af', dashed: true, points: [[from, 0], [from, top], [to, top], [to, 0]] });
  const { clients, minutes, replicas: count } = results.settings;
  return lineChart({
    title: `Relay memory: ${clients.toLocaleString('en-US')} clients chatting for ${minutes} min, ${count} replicas`,
    xLabel: 'minutes since the cluster started (clients connect, chat, then settle)',
    yLabel: 'MB',
    series,
    // Headroom above the highest line: the legend takes the top third of the plot.
    yMax: peak * 1.6,
    legendAt: 'top-left',
  });
}
