import { describe, expect, it } from 'vitest';
import { headlineStep } from '../load/headline-step.js';
import { formatRatio, formatValue, markdownTables, scenarioTables, textTables } from './results-table.js';
import { sampleIdle, sampleResults, sampleStep } from './sample-results.js';

describe('results table', () => {
  const tables = scenarioTables(sampleResults());

  it('puts ours, the baseline and their ratio side by side for every figure', () => {
    const a = tables[0]!;
    const row = (figure: string) => a.rows.find((r) => r.figure === figure)!;
    expect(row('deliveries/s')).toMatchObject({ ours: 80_000, stock: 100_000, better: 'higher' });
    expect(formatRatio(row('deliveries/s'))).toBe('0.80×');
    expect(row('latency p99').better).toBe('lower');
    expect(row('relay 1 CPU')).toMatchObject({ ours: 10, stock: 10 });
    expect(row('relay CPU per 1,000 deliveries').ours).toBeCloseTo((21 * 1e6) / 1_500_000, 6);
    expect(row('relay 2 peak RSS').ours).toBeCloseTo(121, 6);
  });

  it('splits relay CPU per delivery into the kernel\'s part and the relay\'s own code, when the results have it', () => {
    const row = (table: (typeof tables)[number], figure: string) => table.rows.find((r) => r.figure === figure)!;
    // Results from before the split carry no kernel figure: those rows show none, not 0.
    expect(row(tables[0]!, '… of which in the kernel').ours).toBeUndefined();
    const results = sampleResults();
    const relays = [
      { cpuSeconds: 10, kernelCpuSeconds: 4, rssBytes: 0, peakRssBytes: 0 },
      { cpuSeconds: 11, kernelCpuSeconds: 5, rssBytes: 0, peakRssBytes: 0 },
    ];
    results.scenarios[0]!.runs.ours = { kind: 'traffic', steps: [sampleStep({ relays })], headline: 0, stopReason: 'ran every step', connectFailures: 0 };
    const table = scenarioTables(results)[0]!;
    expect(row(table, '… of which in the kernel').ours).toBeCloseTo((9 * 1e6) / 1_500_000, 6);
    expect(row(table, "… of which in the relay's own code").ours).toBeCloseTo((12 * 1e6) / 1_500_000, 6);
    expect(row(table, "… of which in the relay's own code").stock).toBeUndefined();
  });

  it('on a Redis Cluster (--redis-cluster) shows the replicas\' CPU apart and says how each relay used it', () => {
    const results = sampleResults();
    const a = results.scenarios[0]!;
    a.runs.ours = { kind: 'traffic', steps: [sampleStep({ redisPrimaries: 3, redisReplicas: { cpuSeconds: 0.5, rssBytes: 0, peakRssBytes: 0 } })], headline: 0, stopReason: 'ran every step', connectFailures: 0 };
    const table = scenarioTables(results)[0]!;
    expect(table.rows.find((r) => r.figure === 'Redis Cluster replicas CPU')).toMatchObject({ ours: 0.5, stock: undefined });
    expect(table.notes.join('\n')).toMatch(/stock with Socket.IO's sharded adapter; Redis CPU is the sum over its 3 primaries/);
    expect(table.notes.join('\n')).not.toMatch(/REDIS_REPLICA_ACKS/);
    expect(scenarioTables({ ...results, replicaAcks: true })[0]!.notes.join('\n')).toMatch(/ours with REDIS_REPLICA_ACKS=1 \(--replica-acks\)/);
    expect(tables[0]!.rows.some((r) => r.figure === 'Redis Cluster replicas CPU')).toBe(false);
  });

  it('says how many rounds ran and lists the key figure’s ratio round by round', () => {
    const results = sampleResults();
    const d = results.scenarios.find((s) => s.id === 'd')!;
    d.rounds = [{ ours: sampleIdle(12), stock: sampleIdle(16) }, { ours: sampleIdle(15), stock: sampleIdle(15) }];
    const notes = scenarioTables(results).find((t) => t.title === d.title)!.notes;
    expect(notes).toContain(
      "2 rounds; each relay's median round by RSS per idle connection is shown, and ours ÷ stock is in every row the median of the rounds' own ratios (so it need not equal the two shown values' ratio). RSS per idle connection, ours ÷ stock, round by round: 0.75×, 1.00× (median 0.88×)",
    );
    expect(notes).toContain('target (issue 15): RSS per idle connection, users in the lobby, at most 0.75× stock: median of the rounds\' ratios 0.88× (NOT met)');
  });

  it("divides round by round in every row: the shown median rounds may be different rounds of the two relays", () => {
    const results = sampleResults();
    const d = results.scenarios.find((s) => s.id === 'd')!;
    d.rounds = [
      { ours: sampleIdle(10), stock: sampleIdle(30) },
      { ours: sampleIdle(20), stock: sampleIdle(10) },
      { ours: sampleIdle(30), stock: sampleIdle(20) },
    ];
    // Each relay's median round: ours round 2 (20 KB), stock round 3 (20 KB): 1.00× between them.
    d.runs = { ours: d.rounds[1]!.ours!, stock: d.rounds[2]!.stock! };
    const row = scenarioTables(results).find((t) => t.title === d.title)!.rows.find((r) => r.figure === 'RSS per idle connection')!;
    expect(row).toMatchObject({ ours: 20, stock: 20 });
    // The rounds' own ratios are 0.33×, 2.00×, 1.50×: their median.
    expect(formatRatio(row)).toBe('1.50×');
    const connections = scenarioTables(results).find((t) => t.title === d.title)!.rows.find((r) => r.figure === 'connections (all replicas)')!;
    expect(formatRatio(connections)).toBe('1.00×');
  });

  it('takes scenario (b) from the headline step and says why stepping stopped', () => {
    const b = tables[1]!;
    expect(b.rows[0]).toMatchObject({ figure: 'room size at the best step', ours: 200 });
    expect(b.rows.find((r) => r.figure === 'deliveries/s')).toMatchObject({ ours: 60_000, stock: undefined });
    expect(b.notes).toContain('ours: best at room size 200; stopped: ran every step');
    expect(b.notes).toContain('stock: failed — could not start the cluster: boom');
  });

  it('reports idle memory per connection for scenario (d)', () => {
    const d = tables[2]!;
    const perConnection = d.rows.find((r) => r.figure === 'RSS per idle connection')!;
    expect(perConnection).toMatchObject({ ours: 12, stock: 16 });
    expect(formatRatio(perConnection)).toBe('0.75×');
  });

  it('says over what the idle RSS was averaged, with each relay\'s lowest and highest reading', () => {
    const results = sampleResults();
    const d = results.scenarios[2]!;
    const ranged = sampleIdle(12);
    ranged.rssAfterRangeBytes = [
      [120 * 1024 * 1024, 138 * 1024 * 1024],
      [121 * 1024 * 1024, 137 * 1024 * 1024],
    ];
    d.runs = { ours: ranged, stock: sampleIdle(16) };
    expect(scenarioTables(results)[2]!.notes).toContain(
      '"connected" is the mean of one RSS reading a second over the last half of the idle time; lowest–highest of those readings, per relay (MB): ours 120–138 and 121–137',
    );
  });

  it('shows only the reasons when no run of a scenario measured anything', () => {
    const results = sampleResults();
    results.scenarios[2]!.runs = { ours: { kind: 'failed', error: 'ulimit -n too low' }, stock: { kind: 'failed', error: 'ulimit -n too low' } };
    const d = scenarioTables(results)[2]!;
    expect(d.rows).toEqual([]);
    expect(d.notes).toEqual(['ours: failed — ulimit -n too low', 'stock: failed — ulimit -n too low']);
  });

  it('formats values by unit and never prints NaN', () => {
    expect(formatValue(123456.7, 'per_s')).toBe('123,457');
    expect(formatValue(3.14159, 'ms')).toBe('3.14');
    expect(formatValue(42.42, 'ms')).toBe('42.4');
    expect(formatValue(4242.4, 'ms')).toBe('4,242');
    expect(formatValue(undefined, 'ms')).toBe('—');
    expect(formatValue(Number.NaN, 's')).toBe('—');
    expect(formatRatio({ figure: 'x', unit: 'count', ours: 0, stock: 0 })).toBe('=');
    expect(formatRatio({ figure: 'x', unit: 'count', ours: 3, stock: 0 })).toBe('—');
  });

  it('renders aligned text and Markdown with one row per figure', () => {
    const text = textTables(tables);
    expect(text).toContain('(a) one room, 500 clients, 25 senders × 8 msg/s');
    expect(text).toMatch(/deliveries\/s ↑\s+80,000\s+100,000\s+0\.80×/);
    const md = markdownTables(tables);
    expect(md).toContain('### (a) one room');
    expect(md).toContain('| deliveries/s ↑ | 80,000 | 100,000 | 0.80× |');
    expect(md.split('\n').filter((l) => l.startsWith('| RSS per idle connection (KB) ↓'))).toEqual(['| RSS per idle connection (KB) ↓ | 12.0 | 16.0 | 0.75× |']);
  });
});

describe('headlineStep', () => {
  const job = { roomSizes: [100, 200, 300], maxP99Ms: 1000 };

  it('picks the highest deliveries/s among steps without loss and within the p99 bound', () => {
    const steps = [
      sampleStep({ deliveriesPerSec: 10 }),
      sampleStep({ deliveriesPerSec: 30 }, [5, 2000]),
      sampleStep({ deliveriesPerSec: 20 }),
      sampleStep({ deliveriesPerSec: 40, loss: 1 }),
    ];
    expect(headlineStep(steps, job)).toBe(2);
  });

  it('has no headline when no step qualifies, and the only step for a fixed load', () => {
    expect(headlineStep([sampleStep({ loss: 3 })], job)).toBeNull();
    expect(headlineStep([sampleStep({ loss: 3 })], { roomSizes: [500], maxP99Ms: 1 })).toBe(0);
    expect(headlineStep([], { roomSizes: [500], maxP99Ms: 1 })).toBeNull();
  });
});
