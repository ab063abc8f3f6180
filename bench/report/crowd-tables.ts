import type { ScenarioResult } from '../bench-results.js';
import type { StormVariant } from '../crowd/crowd-results.js';
import { variantName } from '../crowd/crowd-summary.js';
import { fillComparisons, formatRoundRatio, type FigureComparison } from '../crowd/fill-comparison.js';
import type { FigureRow, ScenarioTable } from './figure-table.js';

/** Issue 15's target for (e): at this many clients, ours within this factor of stock in relay CPU and in time. */
export const FILL_TARGET = { clients: 5000, factor: 2 };

const n = (value: number) => value.toLocaleString('en-US');

function failures(scenario: ScenarioResult): string[] {
  return (scenario.rounds ?? [scenario.runs]).flatMap((round, i) =>
    Object.entries(round).flatMap(([impl, run]) => (run.kind === 'failed' ? [`round ${i + 1}, ${impl}: failed — ${run.error.split('\n')[0]}`] : [])),
  );
}

function targetNote(figure: string, comparison: FigureComparison): string {
  const ratio = comparison.median;
  if (!ratio) return `${figure}: not measured`;
  const met = !ratio.atLeast && ratio.value <= FILL_TARGET.factor;
  return `${figure} ${formatRoundRatio(ratio)} (${met ? 'met' : 'NOT met'})`;
}

/** (e): per size, time to fill and relay CPU; the ratio column is the median of the per-round ratios. */
export function fillTable(scenario: ScenarioResult): ScenarioTable {
  const comparisons = fillComparisons(scenario);
  const rows: FigureRow[] = comparisons.flatMap((c) => [
    { figure: `${n(c.clients)} clients: time to fill`, unit: 's' as const, better: 'lower' as const, ours: c.time.ours, stock: c.time.stock, ratioText: formatRoundRatio(c.time.median) },
    { figure: `${n(c.clients)} clients: relay CPU`, unit: 's' as const, better: 'lower' as const, ours: c.cpu.ours, stock: c.cpu.stock, ratioText: formatRoundRatio(c.cpu.median) },
    { figure: `${n(c.clients)} clients: load generator CPU`, unit: 's' as const, ours: c.generatorCpu.ours, stock: c.generatorCpu.stock, ratioText: formatRoundRatio(c.generatorCpu.median) },
  ]);
  const notes = [
    'ours and stock: each relay\'s median over the rounds (finished fills only); ours ÷ stock: the MEDIAN of the per-round ratios below, not the ratio of the medians. ≥ marks a lower bound: ours ran out of time, its figures stopped at the timeout.',
    ...comparisons.map((c) => `${n(c.clients)} clients, ours ÷ stock round by round — time: ${c.time.ratios.map(formatRoundRatio).join(', ')}; relay CPU: ${c.cpu.ratios.map(formatRoundRatio).join(', ')}`),
    ...comparisons.flatMap((c) => c.unfinished.map((u) => `${n(c.clients)} clients, ours, ${u}`)),
    ...failures(scenario),
  ];
  const target = comparisons.find((c) => c.clients === FILL_TARGET.clients);
  notes.push(
    target
      ? `target (issue 15) at ${n(FILL_TARGET.clients)} clients, ours ≤ ${FILL_TARGET.factor}× stock: ${targetNote('relay CPU', target.cpu)}, ${targetNote('time', target.time)}`
      : `target (issue 15): relay CPU and time ≤ ${FILL_TARGET.factor}× stock at ${n(FILL_TARGET.clients)} clients — not measured in this run`,
  );
  return { title: scenario.title, rows, notes };
}

function variantRows(v: StormVariant): FigureRow[] {
  const name = variantName(v);
  const row = (figure: string, unit: FigureRow['unit'], value: number | undefined, better?: 'lower'): FigureRow => ({ figure: `${name}: ${figure}`, unit, ours: value, ...(better ? { better } : {}) });
  return [
    row('clients on the killed replica', 'count', v.affected),
    row('kill → every client has a session', 's', v.allBackSeconds ?? undefined, 'lower'),
    row('reconnect time p50', 'ms', v.reconnectMs.p50, 'lower'),
    row('reconnect time p99', 'ms', v.reconnectMs.p99, 'lower'),
    row('survivor CPU during the storm', 's', v.survivor.cpuSeconds, 'lower'),
    row('load generator CPU during the storm', 's', v.generatorCpuSeconds),
    row('refused or failed connection attempts', 'count', v.connectErrors),
    row('messages acked', 'count', v.acked),
    row('acked messages lost', 'count', v.verified ? v.ackedLost : undefined, 'lower'),
    row('messages stored twice', 'count', v.verified ? v.duplicated : undefined, 'lower'),
    row('still unacked at the end', 'count', v.unackedAtEnd, 'lower'),
  ];
}

/** Whether the admission rate helped: each limited storm against the one without a limit. */
function sheddingNote(variants: StormVariant[]): string[] {
  const free = variants.find((v) => v.connectRate === 0);
  if (!free) return [];
  const versus = (limited: number | null, unlimited: number | null, unit: string) => {
    const show = (value: number | null) => (value === null ? 'not all back' : `${value.toFixed(unit === 'ms' ? 0 : 2)} ${unit}`);
    const ratio = limited !== null && unlimited !== null && unlimited > 0 ? ` (${(limited / unlimited).toFixed(2)}×)` : '';
    return `${show(limited)} vs ${show(unlimited)}${ratio}`;
  };
  return variants
    .filter((v) => v.connectRate > 0)
    .map((v) => `${variantName(v)} against no admission rate — everyone back: ${versus(v.allBackSeconds, free.allBackSeconds, 's')}; reconnect p99: ${versus(v.reconnectMs.p99, free.reconnectMs.p99, 'ms')}; survivor CPU: ${versus(v.survivor.cpuSeconds, free.survivor.cpuSeconds, 's')}`);
}

/** (f): ours only, one block of rows per admission rate. */
export function stormTable(scenario: ScenarioResult): ScenarioTable {
  const run = scenario.runs.ours;
  const rounds = scenario.rounds ?? [];
  const notes = [
    'stock relay not run (optional in issue 15): it has no sessions to resume and no history to check acked messages against.',
    ...(run?.kind === 'storm' ? run.variants.flatMap((v) => (v.note ? [`${variantName(v)}: ${v.note}`] : [])) : []),
    ...(run?.kind === 'storm' && run.variants.some((v) => v.ackedLost > 0 || v.duplicated > 0) ? ['acked messages were LOST or stored twice: the relay broke its promise'] : []),
    ...failures(scenario),
    ...(run?.kind === 'storm' ? sheddingNote(run.variants) : []),
  ];
  if (rounds.length > 1) {
    const perRound = (index: number) =>
      rounds.map((round) => {
        const v = round.ours?.kind === 'storm' ? round.ours.variants[index] : undefined;
        return v?.allBackSeconds === null || v?.allBackSeconds === undefined ? '—' : `${v.allBackSeconds.toFixed(2)} s`;
      });
    const variants = run?.kind === 'storm' ? run.variants : [];
    notes.push(`${rounds.length} rounds; the median round by "kill → every client has a session" (no admission rate) is shown. That figure round by round: ${variants.map((v, i) => `${variantName(v)} ${perRound(i).join(', ')}`).join('; ')}`);
  }
  return { title: scenario.title, rows: run?.kind === 'storm' ? run.variants.flatMap(variantRows) : [], notes };
}
