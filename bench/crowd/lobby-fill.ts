import { dialectFor } from '../load/chat-dialect.js';
import { closeClients, connectClients, sleep } from '../load/client-pool.js';
import type { FillJob, GeneratorJob, GeneratorProgress } from '../load/generator-protocol.js';
import { sampleProcess, sampleProcesses, usageBetween } from '../proc-stats.js';
import type { FillPoint, FillRun } from './crowd-results.js';

/** A replica is quiet once it spends under 5 % of a core over half a second. */
const QUIET_WINDOW_MS = 500;
const QUIET_CPU_SHARE = 0.05;
const QUIET_MAX_MS = 60_000;

/**
 * Waits until the relay has finished with the previous fill (its clients' departures are
 * presence work too), so one fill's CPU is not charged to the next; gives up after a minute.
 */
async function relayQuiet(pid: number): Promise<void> {
  const until = Date.now() + QUIET_MAX_MS;
  while (Date.now() < until) {
    const before = sampleProcess(pid);
    await sleep(QUIET_WINDOW_MS);
    const spent = usageBetween(before, sampleProcess(pid)).cpuSeconds;
    if (spent <= (QUIET_WINDOW_MS / 1000) * QUIET_CPU_SHARE) return;
  }
}

/**
 * (e) Lobby fill: `size` clients connect to one replica and stay in the lobby, as users do; the
 * fill is over when every one has its session and its lobby join answer. Sizes run smallest
 * first, each after the last one's clients left and the replica went quiet; once a fill misses
 * its timeout the larger ones are reported as not run (they would only take longer).
 */
export async function runFill(job: FillJob & GeneratorJob, progress: { set(phase: GeneratorProgress['phase'], step: number): void; connected(count?: number): void }): Promise<FillRun> {
  const url = job.target.urls[0]!;
  const pid = job.target.relayPids[0]!;
  const dialect = dialectFor(job.target.implementation);
  const points: FillPoint[] = [];
  let skipReason: string | undefined;
  for (const [step, size] of job.sizes.entries()) {
    if (skipReason) {
      points.push({ clients: size, ready: 0, connectFailures: 0, seconds: 0, finished: false, relayCpuSeconds: 0, relayPeakRssBytes: 0, redisCpuSeconds: 0, generatorCpuSeconds: 0, note: skipReason });
      continue;
    }
    progress.set('settling', step);
    // The previous fill's users leave only after the presence grace period (≤ 5 s by contract).
    if (step > 0) await sleep(job.settleMs);
    await relayQuiet(pid);
    progress.set('connecting', step);
    const relayBefore = sampleProcess(pid);
    const redisBefore = sampleProcesses(job.target.redisPids);
    const started = performance.now();
    const generatorBefore = process.cpuUsage();
    const { clients, failures } = await connectClients({
      indices: Array.from({ length: size }, (_, i) => i),
      urls: [url],
      dialect,
      concurrency: job.concurrency,
      deadline: Date.now() + job.fillTimeoutMs,
      // One slow answer is part of the fill's time, not a failure of its own.
      connectTimeoutMs: job.fillTimeoutMs,
      onConnected: () => progress.connected(),
    });
    const seconds = (performance.now() - started) / 1000;
    const relay = usageBetween(relayBefore, sampleProcess(pid));
    const redis = usageBetween(redisBefore, sampleProcesses(job.target.redisPids));
    const generator = process.cpuUsage(generatorBefore);
    closeClients(clients);
    const finished = clients.length === size;
    const timeoutSeconds = job.fillTimeoutMs / 1000;
    const point: FillPoint = {
      clients: size,
      ready: clients.length,
      connectFailures: failures.length,
      seconds: finished ? seconds : Math.max(seconds, timeoutSeconds),
      finished,
      relayCpuSeconds: relay.cpuSeconds,
      relayPeakRssBytes: relay.peakRssBytes,
      redisCpuSeconds: redis.cpuSeconds,
      generatorCpuSeconds: (generator.user + generator.system) / 1e6,
    };
    if (!finished) {
      point.note = `did not finish in ${timeoutSeconds} s (${clients.length.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} ready${failures[0] ? `; ${failures[0]}` : ''})`;
      skipReason = `not run: ${size.toLocaleString('en-US')} clients did not finish in ${timeoutSeconds} s`;
    }
    points.push(point);
  }
  return { kind: 'fill', points };
}
