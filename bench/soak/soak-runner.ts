import { startCluster } from '../../scripts/cluster/start-cluster.mjs';
import type { BenchOptions } from '../bench-options.js';
import { compileBench, ensureRelayBuilt } from '../cluster/bench-build.js';
import { startGenerator } from '../cluster/run-generator.js';
import type { GeneratorJob, SoakJob } from '../load/generator-protocol.js';
import { machineInfo, machineLine } from '../machine-info.js';
import type { ProgressReporter } from '../progress-reporter.js';
import { metricsUrl, startMemorySampler, type MemorySampler } from './memory-sampler.js';
import { MB, summarizeMemory } from './memory-summary.js';
import { SOAK_MIX, SOAK_SEED } from './soak-mix.js';
import type { MemorySample, SoakResults } from './soak-results.js';
import { soakVerdict } from './soak-verdict.js';

const REPLICAS = 2;
/** Connecting, settling and stopping, beyond the chat itself. */
const OVERHEAD_BUDGET_MS = 5 * 60_000;

/**
 * The relay as deployed, with two changes: logs at warn (info logs every connection, and 1,000
 * clients reconnecting would measure the logger), and no per-address connection limit, because
 * every soak client reaches HAProxy from 127.0.0.1. Message, join and typing limits stay at their
 * defaults: a realistic chat stays far below them.
 */
const SOAK_RELAY_ENV = {
  LOG_LEVEL: 'warn',
  MAX_CONNECTIONS_PER_IP: '1000000',
  NAME_API_URL: 'http://127.0.0.1:9/unused',
};

function sampleLine(samples: MemorySample[], startedAt: number): string {
  const mb = (bytes: number | null) => (bytes === null ? '—' : (bytes / MB).toFixed(1));
  const at = ((samples[0]?.at ?? startedAt) - startedAt) / 60_000;
  return `  ${at.toFixed(1).padStart(5)} min  ${samples.map((s) => `${s.replica} heap ${mb(s.heapUsedBytes)} MB, RSS ${mb(s.rssBytes)} MB, ${s.connections ?? '—'} connections`).join('  ·  ')}`;
}

/**
 * `npm run bench -- --soak`: Redis, two relay replicas and HAProxy (the local cluster's launcher),
 * one load-generator process with the soak's clients (bench/soak/soak-load.ts), and every replica's
 * memory sampled from its metrics meanwhile. Resolves with the results and their verdict.
 */
export async function runSoak(options: BenchOptions, reporter: ProgressReporter, command: string): Promise<SoakResults> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  reporter.note(machineLine(machine));
  ensureRelayBuilt(reporter.note);
  await compileBench();
  const { soakClients: clients, soakMinutes: minutes, soakSampleSeconds: sampleSeconds, connectConcurrency } = options.sizes;
  reporter.note(`\nSoak: ${clients.toLocaleString('en-US')} clients chatting for ${minutes} min on ${REPLICAS} replicas behind HAProxy; memory every ${sampleSeconds} s`);

  // RELAY_NODE: the relays on the image's Node, as in the other scenarios (relay-cluster.ts).
  const cluster = await startCluster({ replicas: REPLICAS, env: SOAK_RELAY_ENV, ...(process.env.RELAY_NODE ? { node: process.env.RELAY_NODE } : {}) });
  const generator = startGenerator();
  let sampler: MemorySampler | undefined;
  try {
    const sampledFrom = Date.now();
    sampler = startMemorySampler(
      cluster.replicas.map((replica) => ({ id: replica.id, url: metricsUrl(replica) })),
      sampleSeconds * 1000,
      (taken) => reporter.note(sampleLine(taken, sampledFrom)),
    );
    const chatMs = Math.round(minutes * 60_000);
    const job: SoakJob & GeneratorJob = {
      kind: 'soak',
      clients,
      chatMs,
      mix: SOAK_MIX,
      seed: SOAK_SEED,
      timeBudgetMs: chatMs + OVERHEAD_BUDGET_MS,
      target: { implementation: 'ours', urls: [cluster.url], relayPids: cluster.replicas.map((r) => r.pid ?? 0), redisPids: [cluster.redis?.pid ?? 0], redisReplicaPids: [] },
      connectConcurrency,
    };
    const load = await generator.run(job, (p) => reporter.progress('soak', p)).catch((error: unknown) => {
      const output = cluster.replicas.map((r) => `--- ${r.id} ---\n${r.output().slice(-4000)}`).join('\n');
      throw new Error(`${(error as Error).message}\n${output}`);
    });
    const samples = await sampler.stop();
    sampler = undefined;
    const replicas = summarizeMemory(samples, load.phases);
    return {
      kind: 'soak',
      startedAt,
      finishedAt: new Date().toISOString(),
      command,
      machine,
      settings: { clients, minutes, sampleSeconds, replicas: REPLICAS, connectConcurrency, mix: SOAK_MIX, seed: SOAK_SEED },
      load,
      samples,
      replicas,
      verdict: soakVerdict(load, replicas, REPLICAS),
    };
  } finally {
    await sampler?.stop();
    await generator.stop();
    await cluster.stop();
  }
}
