import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../bench/bench-options.js';
import type { IdleRun, ScenarioRun, TrafficRun } from '../bench/bench-results.js';
import type { FillRun, StormRun } from '../bench/crowd/crowd-results.js';
import { runBench } from '../bench/bench-runner.js';
import { silentReporter } from '../bench/progress-reporter.js';
import { scenarioTables } from '../bench/report/results-table.js';

// The benchmark's smoke run, as CI runs it (`npm run bench:smoke`): every scenario, tiny, against
// our relay and the stock Socket.IO baseline. Speed is not asserted here — only that the bench
// still measures something real, so it cannot rot between full runs.
function traffic(run: ScenarioRun | undefined): TrafficRun {
  if (run?.kind !== 'traffic') throw new Error(`expected a traffic run, got ${run?.kind === 'failed' ? `a failure: ${run.error}` : run?.kind}`);
  return run;
}

function idle(run: ScenarioRun | undefined): IdleRun {
  if (run?.kind !== 'idle') throw new Error(`expected an idle run, got ${run?.kind === 'failed' ? `a failure: ${run.error}` : run?.kind}`);
  return run;
}

function ofKind<K extends 'fill' | 'storm'>(run: ScenarioRun | undefined, kind: K): K extends 'fill' ? FillRun : StormRun {
  if (run?.kind !== kind) throw new Error(`expected a ${kind} run, got ${run?.kind === 'failed' ? `a failure: ${run.error}` : run?.kind}`);
  return run as K extends 'fill' ? FillRun : StormRun;
}

describe('npm run bench:smoke', () => {
  it('measures ours and the baseline in every scenario, with deliveries, no loss and sane figures', { timeout: 240_000 }, async () => {
    const options = parseBenchOptions(['--smoke'], {});
    const results = await runBench(options, silentReporter, 'npm run bench:smoke');

    expect(results.scenarios.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const relayCpu = { ours: 0, stock: 0 };
    for (const scenario of results.scenarios.filter((s) => ['a', 'b', 'c'].includes(s.id))) {
      for (const implementation of ['ours', 'stock'] as const) {
        const run = traffic(scenario.runs[implementation]);
        expect(run.headline, `(${scenario.id}) ${implementation}: ${run.stopReason}`).not.toBeNull();
        const step = run.steps[run.headline!]!;
        const what = `(${scenario.id}) ${implementation}`;
        expect(step.sent, what).toBeGreaterThan(0);
        expect(step.expected, what).toBeGreaterThan(0);
        expect(step.received, what).toBe(step.expected);
        expect(step.loss, what).toBe(0);
        expect(step.duplicates, what).toBe(0);
        expect(step.deliveriesPerSec, what).toBeGreaterThan(0);
        expect(step.latency.count, what).toBe(step.received);
        expect(step.latency.p50, what).toBeGreaterThan(0);
        expect(step.latency.p50, what).toBeLessThanOrEqual(step.latency.p99);
        expect(step.latency.p99, what).toBeLessThanOrEqual(step.latency.max);
        expect(step.latency.max, what).toBeLessThan(10_000);
        expect(step.relays, what).toHaveLength(2);
        for (const relay of step.relays) {
          // CPU comes in 10 ms clock ticks: a tiny step may honestly cost a replica none.
          expect(relay.cpuSeconds, what).toBeGreaterThanOrEqual(0);
          expect(relay.peakRssBytes, what).toBeGreaterThan(20 * 1024 * 1024);
        }
        relayCpu[implementation] += step.relays.reduce((sum, relay) => sum + relay.cpuSeconds, 0);
      }
    }
    expect(relayCpu.ours).toBeGreaterThan(0);
    expect(relayCpu.stock).toBeGreaterThan(0);
    const b = traffic(results.scenarios[1]!.runs.ours);
    expect(b.steps.length).toBeGreaterThanOrEqual(1);

    const d = results.scenarios[3]!;
    for (const implementation of ['ours', 'stock'] as const) {
      const run = idle(d.runs[implementation]);
      expect(run.connected).toBe(options.sizes.dPerReplica * 2);
      expect(run.connectFailures).toBe(0);
      for (const rss of run.rssAfterBytes) expect(rss).toBeGreaterThan(20 * 1024 * 1024);
    }

    // (e) every fill finished: each client got its session and its lobby join answer, on both relays.
    const e = results.scenarios[4]!;
    for (const implementation of ['ours', 'stock'] as const) {
      const run = ofKind(e.runs[implementation], 'fill');
      expect(run.points.map((p) => p.clients)).toEqual(options.sizes.eClients);
      for (const point of run.points) {
        expect(point, `(e) ${implementation}`).toMatchObject({ finished: true, ready: point.clients, connectFailures: 0 });
        expect(point.seconds).toBeGreaterThan(0);
        expect(point.relayCpuSeconds).toBeGreaterThanOrEqual(0);
      }
    }
    const fillRows = scenarioTables(results)[4]!.rows;
    expect(fillRows).toHaveLength(options.sizes.eClients.length * 3);
    // A ratio is missing only where a side measured 0 s: /proc counts CPU in 10 ms ticks, and a
    // smoke-sized fill on a quiet relay can finish inside one.
    expect(fillRows.filter((row) => row.ratioText === '—' && row.ours !== 0 && row.stock !== 0)).toEqual([]);

    // (f) ours only: everyone back after the kill, with and without the admission rate, nothing acked lost.
    const f = results.scenarios[5]!;
    expect(f.runs.stock).toBeUndefined();
    const storm = ofKind(f.runs.ours, 'storm');
    expect(storm.variants.map((v) => v.connectRate)).toEqual([0, options.sizes.fConnectRate]);
    for (const variant of storm.variants) {
      const what = `(f) MAX_CONNECT_RATE=${variant.connectRate}: ${variant.note ?? ''}`;
      expect(variant.affected, what).toBeGreaterThan(0);
      expect(variant.allBackSeconds, what).not.toBeNull();
      expect(variant.reconnectMs.p50, what).toBeGreaterThan(0);
      expect(variant.reconnectMs.p50, what).toBeLessThanOrEqual(variant.reconnectMs.p99);
      expect(variant.acked, what).toBeGreaterThan(0);
      expect(variant, what).toMatchObject({ verified: true, ackedLost: 0, duplicated: 0, unackedAtEnd: 0 });
    }

    const a = scenarioTables(results)[0]!;
    const deliveries = a.rows.find((row) => row.figure === 'deliveries/s')!;
    expect(deliveries.ours).toBeGreaterThan(0);
    expect(deliveries.stock).toBeGreaterThan(0);
  });
});
