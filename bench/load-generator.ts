import { closeClients, type BenchClient } from './load/client-pool.js';
import type { GeneratorJob, GeneratorProgress, GeneratorToRunner, RunnerToGenerator } from './load/generator-protocol.js';
import { runIdle } from './load/idle-run.js';
import { runTraffic } from './load/traffic-run.js';
import { runSoakLoad } from './soak/soak-load.js';
import { runFill } from './crowd/lobby-fill.js';
import { runStorm } from './crowd/storm-load.js';
import { currentOpenFileLimit, openFileAdvice } from './open-file-limit.js';

/**
 * The load generator process: forked by the bench runner, it takes jobs over IPC one at a time,
 * runs each with socket.io-client over WebSocket, reports progress every second and the result
 * at the end, and closes that job's clients. It exits when the runner disconnects or goes away,
 * so Ctrl-C never leaves clients behind.
 */
const PROGRESS_MS = 1000;

function send(message: GeneratorToRunner): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function clientsNeeded(job: GeneratorJob): number {
  if (job.kind === 'idle') return job.connectionsPerReplica * job.target.urls.length;
  if (job.kind === 'soak' || job.kind === 'storm') return job.clients;
  if (job.kind === 'fill') return Math.max(...job.sizes);
  return job.rooms * Math.max(...job.roomSizes);
}

async function run(job: GeneratorJob): Promise<void> {
  const advice = openFileAdvice('The load generator', clientsNeeded(job), currentOpenFileLimit());
  if (advice) throw new Error(advice);

  const clients: BenchClient[] = [];
  const started = Date.now();
  const state: Omit<GeneratorProgress, 'type' | 'deliveriesPerSec' | 'elapsedMs'> = {
    phase: 'connecting',
    step: 0,
    steps: job.kind === 'traffic' ? job.roomSizes.length : job.kind === 'fill' ? job.sizes.length : 1,
    connected: 0,
  };
  let deliveries = 0;
  let lastDeliveries = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    const rate = ((deliveries - lastDeliveries) * 1000) / (now - lastTick);
    lastDeliveries = deliveries;
    lastTick = now;
    void send({ type: 'progress', ...state, deliveriesPerSec: rate, elapsedMs: Date.now() - started });
  }, PROGRESS_MS);
  const progress = {
    set: (phase: GeneratorProgress['phase'], step: number) => Object.assign(state, { phase, step }),
    connected: (count = 1) => (state.connected += count),
    onDelivery: () => (deliveries += 1),
    addDeliveries: (count: number) => (deliveries += count),
  };
  let result;
  try {
    if (job.kind === 'soak') result = await runSoakLoad(job, progress);
    else if (job.kind === 'fill') result = await runFill(job, progress);
    else if (job.kind === 'storm') result = await runStorm(job, progress);
    else result = job.kind === 'traffic' ? await runTraffic(job, progress, clients) : await runIdle(job, progress, clients);
  } finally {
    clearInterval(ticker);
    closeClients(clients);
  }
  await send({ type: 'result', run: result });
}

process.on('disconnect', () => process.exit(0));
let queue = Promise.resolve();
process.on('message', (message: RunnerToGenerator) => {
  if (message.type !== 'run') return;
  queue = queue.then(() =>
    run(message.job).catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })),
  );
});
