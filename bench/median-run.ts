import { headlineOf, type Implementation, type ScenarioId, type ScenarioResult, type ScenarioRun } from './bench-results.js';

/** The figure each scenario's target is about: what the rounds of a run are ranked by when one round per relay is shown. */
export const KEY_FIGURE: Record<ScenarioId, { name: string; value(run: ScenarioRun): number | undefined }> = {
  a: { name: 'latency p99', value: (run) => headlineOf(run)?.latency.p99 },
  b: { name: 'lossless deliveries/s', value: (run) => headlineOf(run)?.deliveriesPerSec },
  c: { name: 'latency p99', value: (run) => headlineOf(run)?.latency.p99 },
  d: { name: 'RSS per idle connection', value: (run) => (run.kind === 'idle' ? run.rssPerConnectionBytes : undefined) },
  // Every fill's time, an unfinished one counted at its timeout (its table compares per size).
  e: { name: 'total fill time', value: (run) => (run.kind === 'fill' ? run.points.reduce((sum, p) => sum + p.seconds, 0) : undefined) },
  f: { name: 'kill → every client has a session', value: (run) => (run.kind === 'storm' ? (run.variants[0]?.allBackSeconds ?? undefined) : undefined) },
};

/**
 * The run whose key figure is the median of the rounds (the lower middle one for an even count),
 * so one lucky or unlucky round on a shared machine does not make the table. Rounds without the
 * figure (failed, or no qualifying step) rank last; with none measured the first round is kept.
 */
export function medianRun(scenario: ScenarioId, runs: ScenarioRun[]): ScenarioRun | undefined {
  const key = KEY_FIGURE[scenario];
  const measured = runs.filter((run) => key.value(run) !== undefined).sort((x, y) => key.value(x)! - key.value(y)!);
  if (measured.length === 0) return runs[0];
  return measured[Math.floor((measured.length - 1) / 2)];
}

/** Fills `runs` with each relay's median round. */
export function pickMedianRuns(result: ScenarioResult): void {
  for (const implementation of ['ours', 'stock'] as Implementation[]) {
    const all = (result.rounds ?? []).flatMap((round) => (round[implementation] ? [round[implementation]] : []));
    const median = medianRun(result.id, all);
    if (median) result.runs[implementation] = median;
  }
}

/** ours ÷ stock of one figure, round by round (undefined where either is missing). */
export function figureRatios(result: ScenarioResult, value: (run: ScenarioRun) => number | undefined): Array<number | undefined> {
  return (result.rounds ?? []).map((round) => {
    const ours = round.ours && value(round.ours);
    const stock = round.stock && value(round.stock);
    return ours !== undefined && stock !== undefined && stock > 0 ? ours / stock : undefined;
  });
}

/** ours ÷ stock of the key figure, round by round (undefined where either is missing). */
export function keyRatios(result: ScenarioResult): Array<number | undefined> {
  return figureRatios(result, KEY_FIGURE[result.id].value);
}

/** The middle value, or the mean of the two middle ones; undefined for none. */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of the rounds' ratios that were measured. */
export function medianOfRatios(ratios: Array<number | undefined>): number | undefined {
  return median(ratios.filter((r): r is number => r !== undefined));
}

/** The median of the per-round ratios: what a target is judged by (not the ratio of the median rounds). */
export function medianRatio(result: ScenarioResult): number | undefined {
  return medianOfRatios(keyRatios(result));
}

/** "1.12×, 0.95×, 1.30× (median 1.12×)": ratios round by round, then their median. */
export function formatRatios(ratios: Array<number | undefined>): string {
  const each = ratios.map((r) => (r === undefined ? '—' : `${r.toFixed(2)}×`));
  const middle = medianOfRatios(ratios);
  return `${each.join(', ')}${middle === undefined ? '' : ` (median ${middle.toFixed(2)}×)`}`;
}

/** ours ÷ stock of the key figure, round by round, and their median. */
export function roundRatios(result: ScenarioResult): string {
  return formatRatios(keyRatios(result));
}
