import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import type { BenchResults } from './bench-results.js';
import { runBench } from './bench-runner.js';
import { killAllProcesses } from '../scripts/cluster/managed-process.mjs';
import { REPO_ROOT } from './cluster/bench-paths.js';
import { stderrReporter } from './progress-reporter.js';
import { formatHotspots } from './report/cpu-profile-summary.js';
import { fillChartSvg } from './report/fill-chart.js';
import { latencyChartSvg, throughputChartSvg } from './report/perf-charts.js';
import { performanceDoc } from './report/performance-doc.js';
import { scenarioTables, textTables } from './report/results-table.js';
import { writeSoakDocs } from './report/write-soak-docs.js';
import type { SoakResults } from './soak/soak-results.js';
import { runSoak } from './soak/soak-runner.js';

function writeDocs(results: BenchResults): void {
  const docs = resolve(REPO_ROOT, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'perf-latency.svg'), latencyChartSvg(results));
  writeFileSync(join(docs, 'perf-throughput.svg'), throughputChartSvg(results));
  const fillChart = fillChartSvg(results);
  if (fillChart) writeFileSync(join(docs, 'perf-lobby-fill.svg'), fillChart);
  writeFileSync(join(docs, 'performance.md'), performanceDoc(results));
  console.log(`docs: docs/performance.md, docs/perf-latency.svg, docs/perf-throughput.svg${fillChart ? ', docs/perf-lobby-fill.svg' : ''}`);
}

function writeResults(outDirOption: string, name: string, latest: string, results: unknown): string {
  const outDir = resolve(REPO_ROOT, outDirOption);
  mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(outDir, name);
  writeFileSync(file, json);
  writeFileSync(join(outDir, latest), json);
  return file;
}

/** `--soak`: the soak alone; exit code 1 when its verdict fails. */
async function soak(options: BenchOptions, command: string): Promise<void> {
  const docs = resolve(REPO_ROOT, 'docs');
  if (options.docsFrom) {
    const { chart, page } = writeSoakDocs(JSON.parse(readFileSync(resolve(options.docsFrom), 'utf8')) as SoakResults, docs);
    console.log(`docs: ${page}, ${chart}`);
    return;
  }
  const results = await runSoak(options, stderrReporter(), command);
  const { verdict } = results;
  const file = writeResults(options.outDir, `soak-${results.startedAt.replace(/[:.]/g, '-')}.json`, 'soak-latest.json', results);
  console.log(`\nresults: ${file}`);
  if (options.writeDocs) {
    const { chart, page } = writeSoakDocs(results, docs);
    console.log(`docs: ${page}, ${chart}`);
  }
  console.log(`\nsoak ${verdict.passed ? 'passed' : 'FAILED'}${verdict.failures.map((f) => `\n  - ${f}`).join('')}${verdict.notes.map((note) => `\n  (${note})`).join('')}`);
  if (!verdict.passed) process.exitCode = 1;
}

/**
 * Every way out (normal exit, Ctrl-C, SIGTERM, a crash) takes the relays, Redis and the load
 * generator along, so no run leaves processes or ports behind. (A normal exit or a crash already
 * does: managed-process.mjs SIGKILLs what it started when this process exits.)
 */
function killChildrenOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the relays, Redis and the load generator…\n`);
      killAllProcesses();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** `npm run bench` / `npm run bench:smoke`: runs the scenarios, prints the table, writes results. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.soak) {
    killChildrenOnSignals();
    return soak(options, `npm run bench -- ${process.argv.slice(2).join(' ')}`);
  }
  if (options.docsFrom) {
    const results = JSON.parse(readFileSync(resolve(options.docsFrom), 'utf8')) as BenchResults;
    writeDocs(results);
    return;
  }
  killChildrenOnSignals();
  const reporter = stderrReporter();
  const args = process.argv.slice(2).filter((a) => a !== '--smoke');
  const command = `npm run ${options.smoke ? 'bench:smoke' : 'bench'}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  const results = await runBench(options, reporter, command);

  console.log(`\n${textTables(scenarioTables(results))}`);
  for (const profile of results.profiles) {
    console.log(`\nCPU profile, (${profile.scenario}) ${profile.implementation} ${profile.process === 'relay' ? 'relay replica 1' : 'load generator'} — top self time of ${(profile.totalMs / 1000).toFixed(1)} s (${profile.file}):\n${formatHotspots(profile.top)}`);
  }

  const file = writeResults(options.outDir, `bench-${results.startedAt.replace(/[:.]/g, '-')}${options.smoke ? '-smoke' : ''}.json`, 'latest.json', results);
  console.log(`\nresults: ${file}`);
  if (options.writeDocs) writeDocs(results);
  const failed = results.scenarios.flatMap((s) => Object.entries(s.runs).filter(([, run]) => run.kind === 'failed').map(([impl]) => `(${s.id}) ${impl}`));
  if (failed.length > 0) {
    console.error(`\nfailed runs: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
