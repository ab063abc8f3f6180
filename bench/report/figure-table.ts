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
