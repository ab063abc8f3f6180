import type { IdleRun } from '../bench-results.js';
import { sampleProcess } from '../proc-stats.js';
import { dialectFor } from './chat-dialect.js';
import { connectClients, sleep, type BenchClient } from './client-pool.js';
import type { GeneratorJob, GeneratorProgress, IdleJob } from './generator-protocol.js';

/**
 * Idle connections: RSS of each relay before and after `connectionsPerReplica` connected,
 * usable clients in the lobby (session received, lobby join answered) that then do nothing. The difference divided by the
 * connections is what one more idle user costs a replica.
 *
 * Both readings are the mean of one reading per second over the second half of a quiet time
 * (`settleMs` before, `idleMs` after), not one reading soon after start or after the wave: a few
 * seconds after either V8 has not yet given back the young generation and heap that start-up or
 * the wave grew (ours read 88–92 MB 3 s after start and 67 MB at rest), and a relay's RSS moves
 * by 10 % and more with each full GC and each ping round while idle, so one reading measured
 * when it was taken.
 */
export async function runIdle(
  job: IdleJob & GeneratorJob,
  progress: { set(phase: GeneratorProgress['phase'], step: number): void; connected(count?: number): void },
  clients: BenchClient[],
): Promise<IdleRun> {
  const deadline = Date.now() + job.timeBudgetMs;
  const { urls, relayPids } = job.target;
  progress.set('settling', 0);
  await sleep(job.settleMs / 2);
  const before = (await readEverySecond(relayPids, job.settleMs / 2)).map((rss) => mean(rss));

  progress.set('connecting', 0);
  const started = performance.now();
  const total = job.connectionsPerReplica * urls.length;
  const connected = await connectClients({
    indices: Array.from({ length: total }, (_, i) => i),
    urls,
    dialect: dialectFor(job.target.implementation),
    concurrency: job.connectConcurrency,
    deadline,
    onConnected: () => progress.connected(),
    setUp: async (client) => void clients.push(client),
  });
  const connectSeconds = (performance.now() - started) / 1000;

  progress.set('idle', 0);
  await sleep(job.idleMs / 2);
  const readings = await readEverySecond(relayPids, job.idleMs / 2);
  const after = readings.map((rss) => mean(rss));
  const samples = relayPids.map((pid) => sampleProcess(pid));
  const perReplica = urls.map((_, r) => clients.filter((c) => c.replica === r).length);
  const perConnection = relayPids.map((_, r) => (perReplica[r]! > 0 ? (after[r]! - before[r]!) / perReplica[r]! : 0));
  return {
    kind: 'idle',
    connectionsPerReplica: job.connectionsPerReplica,
    connected: connected.clients.length,
    connectFailures: connected.failures.length,
    rssBeforeBytes: before,
    rssAfterBytes: after,
    rssAfterRangeBytes: readings.map((rss) => [Math.min(...rss), Math.max(...rss)]),
    rssPerConnectionBytes: perConnection.reduce((a, b) => a + b, 0) / Math.max(1, perConnection.length),
    connectSeconds,
    relays: samples.map((s) => s ?? { cpuSeconds: 0, rssBytes: 0, peakRssBytes: 0 }),
  };
}

/** Each process's RSS once a second for `forMs` (at least one reading each). */
async function readEverySecond(pids: readonly number[], forMs: number): Promise<number[][]> {
  const readings = pids.map((): number[] => []);
  const end = performance.now() + forMs;
  for (;;) {
    pids.forEach((pid, i) => readings[i]!.push(sampleProcess(pid)?.rssBytes ?? 0));
    const left = end - performance.now();
    if (left <= 0) return readings;
    await sleep(Math.min(1000, left));
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
