import type { ScenarioResult, ScenarioRun } from '../bench-results.js';
import { figureRatios, medianOfRatios } from '../median-run.js';

export type Unit = 'per_s' | 'ms' | 'count' | 's' | 'MB' | 'KB';

/** One figure of one scenario, for both relays. `better` says which way the ratio should go. */
export interface FigureRow {
  figure: string;
  unit: Unit;
  better?: 'higher' | 'lower';
  ours?: number;
  stock?: number;
  /** The ratio column when it is not ours ÷ stock of the two values shown (e.g. a median of per-round ratios). */
  ratioText?: string;
}

export interface ScenarioTable {
  title: string;
  rows: FigureRow[];
  notes: string[];
}

/**
 * The ratio column of a row when the scenario ran in rounds: the median of ours ÷ stock round by
 * round, never one relay's median round divided by the other's (those may be different rounds:
 * a (c) table once showed p99 0.68× where the rounds' ratios had a median of 2.33×). "=" when
 * both relays measured 0 in every round (no loss on either side).
 */
export function perRoundRatio(scenario: ScenarioResult, pick: (run: ScenarioRun) => number | undefined): Pick<FigureRow, 'ratioText'> {
  const rounds = scenario.rounds ?? [];
  if (rounds.length === 0) return {};
  const bothZero = rounds.every((round) => round.ours && round.stock && pick(round.ours) === 0 && pick(round.stock) === 0);
  if (bothZero) return { ratioText: '=' };
  const middle = medianOfRatios(figureRatios(scenario, pick));
  return { ratioText: middle === undefined ? '—' : `${middle.toFixed(2)}×` };
}
