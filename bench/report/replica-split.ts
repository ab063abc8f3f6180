import { headlineOf, type ScenarioId, type ScenarioResult, type ScenarioRun } from '../bench-results.js';
import type { LatencySummary } from '../latency-histogram.js';
import { figureRatios, formatRatios } from '../median-run.js';
import { perRoundRatio, type FigureRow } from './figure-table.js';

/**
 * Latency by where the receiver sits (issue 16): on the sender's replica, stock emits at once and
 * ours only once Redis stored the message; on another replica both make one Redis hop. Shown for
 * (c), many small rooms, where that fixed per-message path is most of a delivery; the other
 * traffic scenarios carry the split in their JSON.
 */
const SCENARIOS: ReadonlySet<ScenarioId> = new Set<ScenarioId>(['c']);

type Side = 'same' | 'other';
type Percentile = 'p50' | 'p99';

const FIGURES: Array<{ side: Side; percentile: Percentile; figure: string }> = [
  { side: 'same', percentile: 'p50', figure: 'latency p50, same replica as sender' },
  { side: 'other', percentile: 'p50', figure: 'latency p50, other replica' },
  { side: 'same', percentile: 'p99', figure: 'latency p99, same replica as sender' },
  { side: 'other', percentile: 'p99', figure: 'latency p99, other replica' },
];

function splitOf(run: ScenarioRun | undefined, side: Side): LatencySummary | undefined {
  const split = headlineOf(run)?.latencyByReplica?.[side];
  // An empty half (a one-replica run) has no percentile worth a ratio.
  return split && split.count > 0 ? split : undefined;
}

function hasSplit(scenario: ScenarioResult): boolean {
  const runs = [...Object.values(scenario.runs), ...(scenario.rounds ?? []).flatMap((round) => Object.values(round))];
  return SCENARIOS.has(scenario.id) && runs.some((run) => splitOf(run, 'same') || splitOf(run, 'other'));
}

/**
 * Rows for the table: each relay's median round (as every row shows), and as the ratio the
 * median of the per-round ratios — never a ratio between rounds picked separately.
 */
export function replicaSplitRows(scenario: ScenarioResult): FigureRow[] {
  if (!hasSplit(scenario)) return [];
  return FIGURES.map(({ side, percentile, figure }) => {
    const value = (run: ScenarioRun | undefined) => splitOf(run, side)?.[percentile];
    return { figure, unit: 'ms' as const, better: 'lower' as const, ours: value(scenario.runs.ours), stock: value(scenario.runs.stock), ...perRoundRatio(scenario, value) };
  });
}

/** ours − stock in one round, e.g. "+1.20 ms". */
function difference(scenario: ScenarioResult, side: Side, percentile: Percentile): string {
  return (scenario.rounds ?? [])
    .map((round) => {
      const ours = splitOf(round.ours, side)?.[percentile];
      const stock = splitOf(round.stock, side)?.[percentile];
      if (ours === undefined || stock === undefined) return '—';
      const ms = ours - stock;
      return `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(2)} ms`;
    })
    .join(', ');
}

/** What the rows mean, and every round's ratio and difference, so a reader can check the median. */
export function replicaSplitNotes(scenario: ScenarioResult): string[] {
  if (!hasSplit(scenario)) return [];
  const notes = [
    "same replica: receivers connected to the replica the sender is on (the sender's own copy included); other replica: the rest. The sender's replica travels in the message text.",
  ];
  if ((scenario.rounds?.length ?? 0) > 0) {
    notes.push(
      `by the receiver's replica, ours ÷ stock round by round (the rows' ratio is the median of these): ${FIGURES.map(({ side, percentile }) => `${percentile} ${side}: ${formatRatios(figureRatios(scenario, (run) => splitOf(run, side)?.[percentile]))}`).join('; ')}`,
      `by the receiver's replica, ours − stock round by round: ${FIGURES.map(({ side, percentile }) => `${percentile} ${side}: ${difference(scenario, side, percentile)}`).join('; ')}`,
    );
  }
  return notes;
}
