import { describe, expect, it } from 'vitest';
import { sampleFill, sampleFillPoint } from '../crowd/testing/sample-fill.js';
import type { ScenarioResult } from '../bench-results.js';
import type { StormVariant } from '../crowd/crowd-results.js';
import { fillTable, stormTable } from './crowd-tables.js';
import { formatRatio } from './results-table.js';


function variant(connectRate: number, allBackSeconds: number | null, lost = 0): StormVariant {
  return {
    connectRate,
    clients: 100,
    senders: 5,
    affected: 50,
    allBackSeconds,
    reconnectMs: { p50: 400, p99: 950, max: 990 },
    connectErrors: connectRate > 0 ? 12 : 0,
    survivor: { cpuSeconds: 1.5, rssBytes: 0, peakRssBytes: 0 },
    generatorCpuSeconds: 2,
    acked: 80,
    verified: true,
    ackedLost: lost,
    duplicated: 0,
    unackedAtEnd: 0,
  };
}

describe('the (e) lobby fill table', () => {
  const result: ScenarioResult = {
    id: 'e',
    title: '(e) lobby fill',
    runs: {},
    rounds: [
      { ours: sampleFill(sampleFillPoint(1000, 2, 1), sampleFillPoint(5000, 10, 3)), stock: sampleFill(sampleFillPoint(1000, 1, 1), sampleFillPoint(5000, 5, 1)) },
      { ours: sampleFill(sampleFillPoint(1000, 3, 1), sampleFillPoint(5000, 9, 1.5)), stock: sampleFill(sampleFillPoint(1000, 1, 1), sampleFillPoint(5000, 6, 1)) },
    ],
  };

  it('shows time and relay CPU per size, with the median of the per-round ratios as the ratio', () => {
    const table = fillTable(result);
    expect(table.rows.map((r) => r.figure)).toEqual(['1,000 clients: time to fill', '1,000 clients: relay CPU', '1,000 clients: load generator CPU', '5,000 clients: time to fill', '5,000 clients: relay CPU', '5,000 clients: load generator CPU']);
    const time = table.rows[3]!;
    expect(time).toMatchObject({ ours: 9.5, stock: 5.5 });
    // Rounds: 10 ÷ 5 = 2.00, 9 ÷ 6 = 1.50 → median 1.75 (the ratio of the medians would be 1.73).
    expect(formatRatio(time)).toBe('1.75×');
    expect(table.notes).toContain('5,000 clients, ours ÷ stock round by round — time: 2.00×, 1.50×; relay CPU: 3.00×, 1.50×');
  });

  it('judges the issue\'s target at 5,000 clients by those medians', () => {
    expect(fillTable(result).notes.at(-1)).toBe('target (issue 15) at 5,000 clients, ours ≤ 2× stock: relay CPU 2.25× (NOT met), time 1.75× (met)');
    const withoutTheSize = { ...result, rounds: result.rounds!.map((round) => ({ ours: sampleFill(sampleFillPoint(1000, 2, 1)), stock: round.stock! })) };
    expect(fillTable(withoutTheSize).notes.at(-1)).toMatch(/relay CPU: not measured/);
    expect(fillTable({ ...result, rounds: [] }).notes.at(-1)).toMatch(/not measured in this run/);
  });
});

describe('the (f) storm table', () => {
  it('has a block of rows per admission rate, ours only, and says why stock is missing', () => {
    const result: ScenarioResult = { id: 'f', title: '(f) storm', runs: { ours: { kind: 'storm', variants: [variant(0, 4.2), variant(250, 6.1)] } } };
    const table = stormTable(result);
    expect(table.rows).toHaveLength(22);
    expect(table.rows[1]).toMatchObject({ figure: 'no admission rate: kill → every client has a session', ours: 4.2 });
    expect(table.rows.every((row) => row.stock === undefined)).toBe(true);
    expect(table.rows[12]).toMatchObject({ figure: 'MAX_CONNECT_RATE=250: kill → every client has a session', ours: 6.1 });
    expect(table.notes[0]).toMatch(/stock relay not run/);
    expect(table.notes.join('\n')).not.toMatch(/LOST/);
    expect(table.notes).toContain('MAX_CONNECT_RATE=250 against no admission rate — everyone back: 6.10 s vs 4.20 s (1.45×); reconnect p99: 950 ms vs 950 ms (1.00×); survivor CPU: 1.50 s vs 1.50 s (1.00×)');
  });

  it('calls out lost acked messages, and a storm that did not end in time', () => {
    const result: ScenarioResult = { id: 'f', title: '(f) storm', runs: { ours: { kind: 'storm', variants: [{ ...variant(0, null, 3), note: '7 affected clients were not back in 120 s' }] } } };
    const table = stormTable(result);
    expect(table.rows[1]!.ours).toBeUndefined();
    expect(table.notes).toContain('no admission rate: 7 affected clients were not back in 120 s');
    expect(table.notes.join('\n')).toMatch(/acked messages were LOST/);
  });

  it('shows no lost or duplicate counts for a storm whose history could not be checked', () => {
    const unchecked = { ...variant(0, 5), verified: false, note: 'acked messages not verified: could not read the history (timeout)' };
    const table = stormTable({ id: 'f', title: '(f) storm', runs: { ours: { kind: 'storm', variants: [unchecked] } } });
    const row = (figure: string) => table.rows.find((r) => r.figure === `no admission rate: ${figure}`)!;
    expect(row('acked messages lost').ours).toBeUndefined();
    expect(row('messages stored twice').ours).toBeUndefined();
    expect(row('messages acked').ours).toBe(80);
    expect(table.notes).toContain('no admission rate: acked messages not verified: could not read the history (timeout)');
  });
});
