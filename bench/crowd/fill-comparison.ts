import type { Implementation, ScenarioResult } from '../bench-results.js';
import { median } from '../median-run.js';
import type { FillPoint } from './crowd-results.js';

/** ours ÷ stock in one round; `atLeast` when ours did not finish (its figure stopped at the timeout). */
export interface RoundRatio {
  value: number;
  atLeast: boolean;
}

export interface FigureComparison {
  /** Each relay's median over the rounds, finished fills only (undefined: none finished). */
  ours?: number;
  stock?: number;
  /** One entry per round; undefined where either relay has no figure for this size. */
  ratios: Array<RoundRatio | undefined>;
  /** The median of the rounds' ratios; `atLeast` when any of them is a lower bound. */
  median?: RoundRatio;
}

export interface FillComparison {
  clients: number;
  time: FigureComparison;
  cpu: FigureComparison;
  /** The clients' side: near the fill's time, the load generator was the limit. */
  generatorCpu: FigureComparison;
  /** Rounds in which ours did not finish, and the reason given. */
  unfinished: string[];
}

function compare(rounds: Array<Partial<Record<Implementation, FillPoint>>>, pick: (p: FillPoint) => number): FigureComparison {
  const finished = (impl: Implementation) => rounds.flatMap((r) => (r[impl]?.finished ? [pick(r[impl])] : []));
  const ratios = rounds.map((r): RoundRatio | undefined => {
    const { ours, stock } = r;
    // A fill that did not run has no figure; one that ran out of time has a lower bound.
    if (!ours || !stock || !stock.finished || ours.note?.startsWith('not run') || pick(stock) <= 0) return undefined;
    return { value: pick(ours) / pick(stock), atLeast: !ours.finished };
  });
  const measured = ratios.filter((r): r is RoundRatio => r !== undefined);
  const value = median(measured.map((r) => r.value));
  return {
    ours: median(finished('ours')),
    stock: median(finished('stock')),
    ratios,
    ...(value === undefined ? {} : { median: { value, atLeast: measured.some((r) => r.atLeast) } }),
  };
}

/** Per fill size: time and relay CPU of both relays, ours ÷ stock round by round, and the medians. */
export function fillComparisons(result: ScenarioResult): FillComparison[] {
  const rounds = result.rounds ?? [result.runs];
  const sizes = [...new Set(rounds.flatMap((round) => Object.values(round).flatMap((run) => (run.kind === 'fill' ? run.points.map((p) => p.clients) : [])))).values()].sort((a, b) => a - b);
  return sizes.map((clients) => {
    const points = rounds.map((round) => {
      const at: Partial<Record<Implementation, FillPoint>> = {};
      for (const impl of ['ours', 'stock'] as const) {
        const run = round[impl];
        const point = run?.kind === 'fill' ? run.points.find((p) => p.clients === clients) : undefined;
        if (point) at[impl] = point;
      }
      return at;
    });
    return {
      clients,
      time: compare(points, (p) => p.seconds),
      cpu: compare(points, (p) => p.relayCpuSeconds),
      generatorCpu: compare(points, (p) => p.generatorCpuSeconds),
      unfinished: points.flatMap((p, i) => (p.ours && !p.ours.finished ? [`round ${i + 1}: ${p.ours.note ?? 'did not finish'}`] : [])),
    };
  });
}

/** "1.20×", "≥ 24.0×" (ours did not finish), "—". */
export function formatRoundRatio(ratio: RoundRatio | undefined): string {
  if (!ratio) return '—';
  return `${ratio.atLeast ? '≥ ' : ''}${ratio.value.toFixed(2)}×`;
}
