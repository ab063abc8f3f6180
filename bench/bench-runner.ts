import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchResults, Implementation, ProfileSummary, ScenarioResult, ScenarioRun } from './bench-results.js';
import { headlineOf, IMPLEMENTATIONS } from './bench-results.js';
import type { BenchOptions } from './bench-options.js';
import { compileBench, ensureRelayBuilt } from './cluster/bench-build.js';
import { REPO_ROOT } from './cluster/bench-paths.js';
import { startCluster, type Cluster } from './cluster/relay-cluster.js';
import { startGenerator, type LoadGenerator } from './cluster/run-generator.js';
import type { GeneratorJob } from './load/generator-protocol.js';
import { machineInfo, machineLine } from './machine-info.js';
import { pickMedianRuns } from './median-run.js';
import { currentOpenFileLimit, openFileAdvice } from './open-file-limit.js';
import type { ProgressReporter } from './progress-reporter.js';
import { topSelfTime, type CpuProfile } from './report/cpu-profile-summary.js';
import { formatValue } from './report/results-table.js';
import { scenarios, type Scenario } from './scenarios.js';
import { crowdSummary } from './crowd/crowd-summary.js';
import { runStormPlan } from './crowd/storm-runner.js';

const REPLICAS = 2;

/**
 * The whole benchmark: for each scenario, for ours and then the stock relay, a fresh Redis and
 * two replicas, one load-generator process, then everything stopped before the next run (so no
 * run inherits another's memory or CPU). Failures are recorded per run, never abort the rest.
 */
export async function runBench(options: BenchOptions, reporter: ProgressReporter, command: string): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  reporter.note(machineLine(machine));
  ensureRelayBuilt(reporter.note);
  await compileBench();

  const chosen = scenarios(options.sizes).filter((s) => options.only.includes(s.id));
  const results: ScenarioResult[] = chosen.map((s) => ({ id: s.id, title: s.title, runs: {}, rounds: [] }));
  // The storm brings its own cluster (HAProxy, a replica to kill) and runs after the rest.
  const selected = chosen.filter((s) => s.job.kind !== 'storm');
  const profiles: ProfileSummary[] = [];
  // A fresh cluster per run (the default) keeps each run's memory and CPU its own; the smoke run
  // reuses one per implementation, because cluster start-up would be most of its time.
  // Rounds alternate which relay goes first, so a drift in the machine's load hits both alike;
  // a scenario's rounds run back to back, so its comparison spans minutes, not the whole bench.
  const rounds = Array.from({ length: options.rounds }, (_, round) => round);
  const orderOf = (round: number) => (round % 2 === 0 ? IMPLEMENTATIONS : [...IMPLEMENTATIONS].reverse());
  const batches = options.reuseCluster
    ? rounds.flatMap((round) => orderOf(round).map((implementation) => ({ implementation, scenarios: selected, round })))
    : selected.flatMap((scenario) => rounds.flatMap((round) => orderOf(round).map((implementation) => ({ implementation, scenarios: [scenario], round }))));
  for (const { implementation, scenarios: batch, round } of batches) {
    const name = `${batch.map((s) => s.id).join('')}-${implementation}${options.rounds > 1 ? `-round${round + 1}` : ''}`;
    const profileDir = options.profile ? resolve(REPO_ROOT, options.outDir, 'profiles', name) : undefined;
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    let cluster: Cluster | undefined;
    let startError = '';
    try {
      const replicas = Math.max(...batch.map((s) => s.replicas ?? REPLICAS));
      cluster = await startCluster(implementation, { replicas, redisCluster: options.redisCluster, replicaAcks: options.replicaAcks, ...(profileDir ? { profileDir } : {}) });
    } catch (error) {
      startError = `could not start the cluster: ${(error as Error).message}`;
    }
    const generator = cluster ? startGenerator(profileDir && join(profileDir, 'load-generator')) : undefined;
    try {
      for (const scenario of batch) {
        reporter.note(`\n${scenario.title} — ${implementation}${options.rounds > 1 ? ` (round ${round + 1} of ${options.rounds})` : ''}`);
        const run: ScenarioRun = cluster && generator ? await runOne(scenario, cluster, generator, options, reporter) : { kind: 'failed', error: startError };
        const result = results.find((r) => r.id === scenario.id)!;
        (result.rounds![round] ??= {})[implementation] = run;
        reporter.note(`  ${summaryLine(run)}`);
      }
    } finally {
      await generator?.stop();
      await cluster?.stop();
    }
    if (profileDir) {
      const scenarioIds = batch.map((s) => s.id).join('');
      for (const [dir, process] of [[profileDir, 'relay'], [join(profileDir, 'load-generator'), 'load-generator']] as const) {
        const profile = summarizeProfile(dir, scenarioIds, implementation, process);
        if (profile) profiles.push(profile);
      }
    }
  }
  for (const { id, title, job: plan } of chosen) {
    if (plan.kind !== 'storm') continue;
    for (const round of rounds) {
      reporter.note(`\n${title} — ours${options.rounds > 1 ? ` (round ${round + 1} of ${options.rounds})` : ''}`);
      const run: ScenarioRun = await runStormPlan(plan, options.sizes.connectConcurrency, reporter, `(${id}) ours`).catch((error: unknown) => ({ kind: 'failed', error: (error as Error).message }));
      (results.find((r) => r.id === id)!.rounds![round] ??= {}).ours = run;
      reporter.note(`  ${summaryLine(run)}`);
    }
  }
  for (const result of results) pickMedianRuns(result);
  return { startedAt, finishedAt: new Date().toISOString(), command, smoke: options.smoke, rounds: options.rounds, ...(options.redisCluster ? { redisCluster: true } : {}), ...(options.replicaAcks ? { replicaAcks: true } : {}), machine, scenarios: results, profiles };
}

async function runOne(scenario: Scenario, cluster: Cluster, generator: LoadGenerator, options: BenchOptions, reporter: ProgressReporter): Promise<ScenarioRun> {
  const { job: plan } = scenario;
  if (plan.kind === 'storm') return { kind: 'failed', error: 'the storm runs on its own cluster (bench/crowd/storm-runner.ts)' };
  const perReplica = plan.kind === 'idle' ? plan.connectionsPerReplica : plan.kind === 'fill' ? Math.max(...plan.sizes) : 0;
  const advice = openFileAdvice('Each relay replica', perReplica, currentOpenFileLimit());
  if (advice) return { kind: 'failed', error: advice };
  const label = `(${scenario.id}) ${cluster.implementation}`;
  try {
    const job: GeneratorJob = {
      ...plan,
      target: { implementation: cluster.implementation, urls: cluster.urls, relayPids: cluster.relayPids, redisPids: cluster.redisPids, redisReplicaPids: cluster.redisReplicaPids },
      connectConcurrency: options.sizes.connectConcurrency,
    };
    return await generator.run(job, (p) => reporter.progress(label, p));
  } catch (error) {
    return { kind: 'failed', error: `${(error as Error).message}\n${cluster.relayOutput().slice(-4000)}` };
  }
}

function summaryLine(run: ScenarioRun): string {
  if (run.kind === 'failed') return `FAILED: ${run.error.split('\n')[0]}`;
  if (run.kind === 'fill' || run.kind === 'storm') return crowdSummary(run);
  if (run.kind === 'idle') return `${run.connected} connections, ${formatValue(run.rssPerConnectionBytes / 1024, 'KB')} KB RSS per connection`;
  const step = headlineOf(run);
  if (!step) return `no qualifying step (${run.stopReason})`;
  const l = step.latency;
  return `${formatValue(step.deliveriesPerSec, 'per_s')} deliveries/s, p50 ${formatValue(l.p50, 'ms')} / p99 ${formatValue(l.p99, 'ms')} / max ${formatValue(l.max, 'ms')} ms, loss ${step.loss}${run.steps.length > 1 ? ` (room ${step.roomSize}; ${run.stopReason})` : ''}`;
}

function summarizeProfile(dir: string, scenario: string, implementation: Implementation, process: ProfileSummary['process']): ProfileSummary | undefined {
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { totalMs, top } = topSelfTime(profile, 15, REPO_ROOT);
  return { scenario, implementation, process, file, totalMs, top };
}
