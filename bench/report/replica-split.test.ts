import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../bench-results.js';
import { LatencyHistogram } from '../latency-histogram.js';
import { pickMedianRuns } from '../median-run.js';
import { replicaSplitNotes, replicaSplitRows } from './replica-split.js';
import { formatRatio, markdownTables, scenarioTables, textTables } from './results-table.js';
import { sampleResults, sampleStep, sampleTraffic } from './sample-results.js';

const summary = (latencies: number[]) => {
  const h = new LatencyHistogram();
  for (const ms of latencies) h.record(ms);
  return h.summary();
};

/** A (c) run whose same-replica deliveries took `same` ms and the others `other` ms (p99 = 10 × p50). */
const run = (same: number, other: number, p99 = 20) => {
  const split = (ms: number) => summary([...Array<number>(98).fill(ms), ms * 10, ms * 10]);
  return sampleTraffic([sampleStep({ latencyByReplica: { same: split(same), other: split(other) } }, [1, 2, p99])]);
};

function scenarioC(rounds: Array<[ours: ReturnType<typeof run>, stock: ReturnType<typeof run>]>): ScenarioResult {
  const result: ScenarioResult = { id: 'c', title: '(c) many rooms', runs: {}, rounds: rounds.map(([ours, stock]) => ({ ours, stock })) };
  pickMedianRuns(result);
  return result;
}

const within = (value: number | undefined, expected: number) => expect(value! / expected).toBeCloseTo(1, 2);

describe('latency by the receiver\'s replica in the table', () => {
  it('shows p50 and p99 for each side, with the median of the per-round ratios as the ratio', () => {
    // Round 2 is each relay's median round by p99 (the shown values); the ratios are per round.
    const result = scenarioC([
      [run(3, 2, 30), run(1, 2, 10)], // same 3.00×, other 1.00×
      [run(4, 2, 40), run(2, 2, 20)], // same 2.00×, other 1.00×
      [run(5, 3, 50), run(2, 2, 30)], // same 2.50×, other 1.50×
    ]);
    const rows = replicaSplitRows(result);
    expect(rows.map((r) => r.figure)).toEqual(['latency p50, same replica as sender', 'latency p50, other replica', 'latency p99, same replica as sender', 'latency p99, other replica']);
    const [p50Same, p50Other, p99Same, p99Other] = rows;
    within(p50Same!.ours, 4);
    within(p50Same!.stock, 2);
    within(p99Same!.ours, 40);
    within(p99Other!.stock, 20);
    expect(formatRatio(p50Same!)).toBe('2.50×');
    expect(formatRatio(p50Other!)).toBe('1.00×');
    expect(formatRatio(p99Same!)).toBe('2.50×');
    const notes = replicaSplitNotes(result).join('\n');
    expect(notes).toContain("the rows' ratio is the median of these");
    expect(notes).toContain('p50 same: 3.00×, 2.00×, 2.50× (median 2.50×)');
    expect(notes).toMatch(/p50 other: 1\.00×, 1\.00×, 1\.5\d× \(median 1\.00×\)/); // histogram buckets are 0.5 % wide
    expect(notes).toMatch(/ours − stock round by round: p50 same: \+2\.0\d ms, \+2\.0\d ms, \+3\.0\d ms; p50 other: \+0\.00 ms, \+0\.00 ms, \+1\.0\d ms/);
  });

  it('puts the rows under the latency they split, in the text and Markdown tables of (c) only', () => {
    const results = sampleResults();
    const c = scenarioC([[run(4, 2), run(2, 2)]]);
    results.scenarios.push(c);
    results.scenarios[0]!.runs.ours = run(4, 2); // (a) carries the split too, but does not show it
    const tables = scenarioTables(results);
    const figures = tables.find((t) => t.title === c.title)!.rows.map((r) => r.figure);
    expect(figures.slice(figures.indexOf('latency max'), figures.indexOf('latency max') + 3)).toEqual(['latency max', 'latency p50, same replica as sender', 'latency p50, other replica']);
    expect(tables[0]!.rows.some((r) => r.figure.includes('replica'))).toBe(false);
    expect(textTables(tables)).toMatch(/latency p50, same replica as sender \(ms\) ↓\s+4\.0\d\s+2\.0\d\s+2\.00×/);
    expect(markdownTables(tables)).toContain('| latency p99, other replica (ms) ↓ |');
  });

  it('adds nothing for results from before the split was measured', () => {
    const old = scenarioC([[sampleTraffic([sampleStep()]), sampleTraffic([sampleStep()])]]);
    expect(replicaSplitRows(old)).toEqual([]);
    expect(replicaSplitNotes(old)).toEqual([]);
  });

  it('shows a dash for a round where one relay has no split, and leaves that round out of the median', () => {
    const result = scenarioC([
      [run(4, 2), run(2, 2)],
      [run(9, 9), sampleTraffic([sampleStep()])],
    ]);
    expect(replicaSplitNotes(result).join('\n')).toContain('p50 same: 2.00×, — (median 2.00×)');
    expect(formatRatio(replicaSplitRows(result)[0]!)).toBe('2.00×');
  });
});
