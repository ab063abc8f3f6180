import { headlineOf, type BenchResults, type Implementation, type ScenarioResult, type ScenarioRun, type TrafficStep } from '../bench-results.js';
import { KEY_FIGURE, medianRatio, roundRatios } from '../median-run.js';
import { fillTable, stormTable } from './crowd-tables.js';
import { perRoundRatio, type FigureRow, type ScenarioTable, type Unit } from './figure-table.js';
import { replicaSplitNotes, replicaSplitRows } from './replica-split.js';

export type { FigureRow, ScenarioTable, Unit } from './figure-table.js';

const MB = 1024 * 1024;
/** Issue 15: idle memory per connection (users in the lobby) at most this × stock. */
const IDLE_TARGET = 0.75;

const sumOrUndefined = (values: Array<number | undefined>): number | undefined => (values.every((v) => v !== undefined) ? values.reduce<number>((a, b) => a + b!, 0) : undefined);

function trafficFigures(step: TrafficStep | undefined): Array<Omit<FigureRow, 'ours' | 'stock'> & { value: (s: TrafficStep) => number | undefined }> {
  const relays = step?.relays.length ?? 2;
  const totalCpu = (s: TrafficStep) => s.relays.reduce((sum, r) => sum + r.cpuSeconds, 0);
  // Results written before the split have no kernel figure: the rows then show none.
  const kernelCpu = (s: TrafficStep) => sumOrUndefined(s.relays.map((r) => r.kernelCpuSeconds));
  const perThousand = (s: TrafficStep, cpuSeconds: number | undefined) => (cpuSeconds === undefined ? undefined : s.received > 0 ? (cpuSeconds * 1e6) / s.received : 0);
  return [
    { figure: 'deliveries/s', unit: 'per_s', better: 'higher', value: (s) => s.deliveriesPerSec },
    { figure: 'messages/s accepted', unit: 'per_s', better: 'higher', value: (s) => s.messagesPerSec },
    { figure: 'latency p50', unit: 'ms', better: 'lower', value: (s) => s.latency.p50 },
    { figure: 'latency p95', unit: 'ms', better: 'lower', value: (s) => s.latency.p95 },
    { figure: 'latency p99', unit: 'ms', better: 'lower', value: (s) => s.latency.p99 },
    { figure: 'latency max', unit: 'ms', better: 'lower', value: (s) => s.latency.max },
    { figure: 'loss (deliveries)', unit: 'count', better: 'lower', value: (s) => s.loss },
    { figure: 'send errors (refused + no ack)', unit: 'count', better: 'lower', value: (s) => Object.values(s.rejected).reduce((a, b) => a + b, 0) + s.ackTimeouts },
    ...Array.from({ length: relays }, (_, i) => ({ figure: `relay ${i + 1} CPU`, unit: 's' as const, better: 'lower' as const, value: (s: TrafficStep) => s.relays[i]?.cpuSeconds ?? 0 })),
    { figure: 'relay CPU per 1,000 deliveries', unit: 'ms', better: 'lower', value: (s) => perThousand(s, totalCpu(s)) },
    // Which side of the system-call boundary that CPU went: a delivery's write to its client
    // costs the same kernel time in both relays, so a gap in the user part is the relay's own
    // code (JavaScript, GC), one in the kernel part its system calls.
    { figure: '… of which in the kernel', unit: 'ms', better: 'lower', value: (s) => perThousand(s, kernelCpu(s)) },
    { figure: '… of which in the relay\'s own code', unit: 'ms', better: 'lower', value: (s) => perThousand(s, kernelCpu(s) === undefined ? undefined : totalCpu(s) - kernelCpu(s)!) },
    { figure: 'Redis CPU', unit: 's', better: 'lower', value: (s) => s.redis.cpuSeconds },
    // Waiting for a CPU while ready to run: the box's queue, which latency tails wait in.
    { figure: 'relay event loops waiting for a CPU', unit: 's', better: 'lower', value: (s) => sumOrUndefined(s.relays.map((r) => r.runQueueWaitSeconds)) },
    { figure: 'Redis waiting for a CPU', unit: 's', better: 'lower', value: (s) => s.redis.runQueueWaitSeconds },
    // Only a Redis Cluster has replicas; a relay on one Redis shows none rather than 0.
    ...(step?.redisReplicas ? [{ figure: 'Redis Cluster replicas CPU', unit: 's' as const, value: (s: TrafficStep) => s.redisReplicas?.cpuSeconds }] : []),
    { figure: 'load generator CPU', unit: 's', value: (s) => s.generatorCpuSeconds },
    { figure: 'drain after the window', unit: 's', better: 'lower', value: (s) => s.drainSeconds },
    ...Array.from({ length: relays }, (_, i) => ({ figure: `relay ${i + 1} peak RSS`, unit: 'MB' as const, better: 'lower' as const, value: (s: TrafficStep) => (s.relays[i]?.peakRssBytes ?? 0) / MB })),
  ];
}

function scenarioTable(scenario: ScenarioResult, replicaAcks: boolean): ScenarioTable {
  if (scenario.id === 'e') return fillTable(scenario);
  if (scenario.id === 'f') return stormTable(scenario);
  const notes: string[] = [];
  if (scenario.separateRun) notes.push(`measured in a run of its own: \`${scenario.separateRun.command}\`, started ${scenario.separateRun.startedAt}`);
  const runs = scenario.runs;
  for (const impl of ['ours', 'stock'] as Implementation[]) {
    const run = runs[impl];
    if (!run) notes.push(`${impl}: not run`);
    else if (run.kind === 'failed') notes.push(`${impl}: failed — ${run.error.split('\n')[0]}`);
    else if (run.kind === 'traffic') {
      if (run.steps.length > 1 || run.headline === null) notes.push(`${impl}: ${run.headline === null ? 'no step qualified' : `best at room size ${run.steps[run.headline]!.roomSize}`}; stopped: ${run.stopReason}`);
      if (run.connectFailures > 0) notes.push(`${impl}: ${run.connectFailures} connections failed`);
      const skipped = run.steps.reduce((sum, s) => sum + s.sendsSkipped, 0);
      if (skipped > 0) notes.push(`${impl}: the load generator fell behind and skipped ${skipped} sends`);
    } else if (run.kind === 'idle' && run.connectFailures > 0) notes.push(`${impl}: ${run.connectFailures} of ${run.connectionsPerReplica * run.rssBeforeBytes.length} connections failed`);
  }
  if ((scenario.rounds?.length ?? 0) > 1) {
    notes.push(
      `${scenario.rounds!.length} rounds; each relay's median round by ${KEY_FIGURE[scenario.id].name} is shown, and ours ÷ stock is in every row the median of the rounds' own ratios (so it need not equal the two shown values' ratio). ${KEY_FIGURE[scenario.id].name}, ours ÷ stock, round by round: ${roundRatios(scenario)}`,
    );
  }
  const value = (impl: Implementation, pick: (run: ScenarioRun) => number | undefined) => {
    const run = runs[impl];
    return run && run.kind !== 'failed' ? pick(run) : undefined;
  };
  if (!Object.values(runs).some((run) => run.kind !== 'failed')) return { title: scenario.title, rows: [], notes };
  const isIdle = runs.ours?.kind === 'idle' || runs.stock?.kind === 'idle';
  if (isIdle) {
    const idle = (pick: (run: Extract<ScenarioRun, { kind: 'idle' }>) => number) => (run: ScenarioRun) => (run.kind === 'idle' ? pick(run) : undefined);
    const idleRow = (row: Omit<FigureRow, 'ours' | 'stock'>, pick: (run: Extract<ScenarioRun, { kind: 'idle' }>) => number): FigureRow => ({
      ...row,
      ours: value('ours', idle(pick)),
      stock: value('stock', idle(pick)),
      ...perRoundRatio(scenario, idle(pick)),
    });
    const rows: FigureRow[] = [
      idleRow({ figure: 'connections (all replicas)', unit: 'count' }, (r) => r.connected),
      idleRow({ figure: 'RSS per idle connection', unit: 'KB', better: 'lower' }, (r) => r.rssPerConnectionBytes / 1024),
      idleRow({ figure: 'connect time (all)', unit: 's', better: 'lower' }, (r) => r.connectSeconds),
    ];
    const replicas = Math.max(runs.ours?.kind === 'idle' ? runs.ours.rssAfterBytes.length : 0, runs.stock?.kind === 'idle' ? runs.stock.rssAfterBytes.length : 0);
    for (let i = 0; i < replicas; i++) {
      rows.push(idleRow({ figure: `relay ${i + 1} RSS idle → connected`, unit: 'MB', better: 'lower' }, (r) => (r.rssAfterBytes[i] ?? 0) / MB));
    }
    const ranges = (['ours', 'stock'] as Implementation[]).flatMap((impl) => {
      const run = runs[impl];
      if (run?.kind !== 'idle' || !run.rssAfterRangeBytes) return [];
      return [`${impl} ${run.rssAfterRangeBytes.map(([low, high]) => `${(low / MB).toFixed(0)}–${(high / MB).toFixed(0)}`).join(' and ')}`];
    });
    if (ranges.length > 0) notes.push(`"connected" is the mean of one RSS reading a second over the last half of the idle time; lowest–highest of those readings, per relay (MB): ${ranges.join('; ')}`);
    const ratio = (scenario.rounds?.length ?? 0) > 0 ? medianRatio(scenario) : undefined;
    notes.push(
      `target (issue 15): RSS per idle connection, users in the lobby, at most ${IDLE_TARGET}× stock: ${ratio === undefined ? 'not measured' : `median of the rounds' ratios ${ratio.toFixed(2)}× (${ratio <= IDLE_TARGET ? 'met' : 'NOT met'})`}`,
    );
    return { title: scenario.title, rows, notes };
  }
  const ours = headlineOf(runs.ours);
  const stock = headlineOf(runs.stock);
  const primaries = ours?.redisPrimaries ?? stock?.redisPrimaries;
  if (primaries !== undefined) {
    notes.push(`on a Redis Cluster (--redis-cluster): ours with REDIS_CLUSTER_NODES, stock with Socket.IO's sharded adapter; Redis CPU is the sum over its ${primaries} primaries, their replicas in their own row`);
  }
  if (replicaAcks && primaries !== undefined) notes.push('ours with REDIS_REPLICA_ACKS=1 (--replica-acks): a send is acked once its shard\'s replica has it (WAIT); stock stores nothing');
  const rows: FigureRow[] = trafficFigures(ours ?? stock).map(({ value: pick, ...row }) => ({
    ...row,
    ours: ours && pick(ours),
    stock: stock && pick(stock),
    ...perRoundRatio(scenario, (run) => {
      const step = headlineOf(run);
      return step && pick(step);
    }),
  }));
  // The split by the receiver's replica goes right under the latency it splits.
  rows.splice(rows.findIndex((r) => r.figure === 'latency max') + 1, 0, ...replicaSplitRows(scenario));
  notes.push(...replicaSplitNotes(scenario));
  if ((runs.ours?.kind === 'traffic' && runs.ours.steps.length > 1) || (runs.stock?.kind === 'traffic' && runs.stock.steps.length > 1)) {
    rows.unshift({ figure: 'room size at the best step', unit: 'count', ours: ours?.roomSize, stock: stock?.roomSize });
  }
  return { title: scenario.title, rows, notes };
}

export function scenarioTables(results: BenchResults): ScenarioTable[] {
  return results.scenarios.map((scenario) => scenarioTable(scenario, results.replicaAcks === true));
}

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'per_s':
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'ms':
      return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
    case 's':
      return value.toFixed(2);
    case 'MB':
      return value.toFixed(1);
    case 'KB':
      return value.toFixed(1);
  }
}

const UNIT_LABEL: Record<Unit, string> = { per_s: '', ms: ' (ms)', count: '', s: ' (s)', MB: ' (MB)', KB: ' (KB)' };

/** ours ÷ stock, e.g. "0.42×"; "—" when either side is missing or the baseline is 0. */
export function formatRatio(row: FigureRow): string {
  if (row.ratioText !== undefined) return row.ratioText;
  if (row.ours === undefined || row.stock === undefined || !Number.isFinite(row.ours) || !Number.isFinite(row.stock)) return '—';
  if (row.stock === 0) return row.ours === 0 ? '=' : '—';
  return `${(row.ours / row.stock).toFixed(2)}×`;
}

function cells(row: FigureRow): [string, string, string, string] {
  const arrow = row.better === 'higher' ? ' ↑' : row.better === 'lower' ? ' ↓' : '';
  return [`${row.figure}${UNIT_LABEL[row.unit]}${arrow}`, formatValue(row.ours, row.unit), formatValue(row.stock, row.unit), formatRatio(row)];
}

const HEADER: [string, string, string, string] = ['figure (↑ higher is better, ↓ lower)', 'ours', 'stock', 'ours ÷ stock'];

/** Aligned plain-text tables for the terminal. */
export function textTables(tables: ScenarioTable[]): string {
  return tables
    .map((table) => {
      const lines = [HEADER, ...table.rows.map(cells)];
      const widths = HEADER.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
      const format = (l: string[]) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return [table.title, format(lines[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(format), ...table.notes.map((n) => `  note: ${n}`)].join('\n');
    })
    .join('\n\n');
}

/** The same tables in Markdown, one per scenario. */
export function markdownTables(tables: ScenarioTable[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return tables
    .map((table) =>
      [
        `### ${escape(table.title)}`,
        '',
        `| ${HEADER.map(escape).join(' | ')} |`,
        '|---|---:|---:|---:|',
        ...table.rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
        ...(table.notes.length ? ['', ...table.notes.map((n) => `- ${escape(n)}`)] : []),
      ].join('\n'),
    )
    .join('\n\n');
}
