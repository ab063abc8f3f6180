import { describe, expect, it } from 'vitest';
import { mergeResults } from './merge-results.js';
import { scenarioTables } from './results-table.js';
import { sampleIdle, sampleResults } from './sample-results.js';

describe('mergeResults', () => {
  it('takes the separately measured scenario, and its table names the run it came from', () => {
    const base = sampleResults();
    const separate = { ...sampleResults(), startedAt: '2026-11-30T19:27:11.000Z', command: 'npm run bench -- --only=d' };
    separate.scenarios = separate.scenarios.filter((s) => s.id === 'd').map((s) => ({ ...s, runs: { ours: sampleIdle(9), stock: sampleIdle(12) } }));
    const merged = mergeResults(base, separate);
    expect(merged.startedAt).toBe(base.startedAt);
    expect(merged.scenarios.map((s) => s.id)).toEqual(base.scenarios.map((s) => s.id));
    const d = scenarioTables(merged).find((t) => t.title.startsWith('(d)'))!;
    expect(d.rows.find((r) => r.figure === 'RSS per idle connection')).toMatchObject({ ours: 9, stock: 12 });
    expect(d.notes[0]).toBe('measured in a run of its own: `npm run bench -- --only=d`, started 2026-11-30T19:27:11.000Z');
    expect(scenarioTables(merged).find((t) => t.title.startsWith('(a)'))!.notes.some((n) => n.startsWith('measured in a run'))).toBe(false);
  });

  it('refuses runs whose figures do not belong on one page', () => {
    expect(() => mergeResults(sampleResults(), { ...sampleResults(), redisCluster: true })).toThrow(/--redis-cluster/);
  });
});
