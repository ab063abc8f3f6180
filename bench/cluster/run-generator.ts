import { startProcess } from '../../scripts/cluster/managed-process.mjs';
import type { GeneratorJob, GeneratorProgress, GeneratorToRunner, ResultOf, RunnerToGenerator } from '../load/generator-protocol.js';
import { LOAD_GENERATOR_ENTRY, REPO_ROOT } from './bench-paths.js';

/** Beyond a job's own budget: connection ramps and drains that run long still end. */
const SAFETY_MARGIN_MS = 90_000;

export interface LoadGenerator {
  /** Runs one job (one at a time) and resolves with its result. */
  run<J extends GeneratorJob>(job: J, onProgress: (p: GeneratorProgress) => void): Promise<ResultOf<J>>;
  stop(): Promise<void>;
}

/**
 * Forks the load-generator process. It takes jobs one after another (closing its clients
 * between them), exits when told or when this process goes away, and is killed if a job
 * outlives its time budget.
 */
export function startGenerator(profileDir?: string): LoadGenerator {
  // Plain node, whatever loader (tsx, vitest) runs this process; profiled on request, to check
  // that the generator is not what limits a run.
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const generator = startProcess({ name: 'load-generator', command: process.execPath, args: [...execArgv, LOAD_GENERATOR_ENTRY], cwd: REPO_ROOT, ipc: true });
  const { child } = generator;
  const output = () => generator.output().slice(-8000);
  const alive = () => generator.running();

  return {
    run(job, onProgress) {
      return new Promise((resolve, reject) => {
        if (!alive()) return reject(new Error(`the load generator is not running\n${output()}`));
        const cleanup = () => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        const timer = setTimeout(() => {
          cleanup();
          child.kill('SIGKILL');
          reject(new Error(`the load generator did not finish within ${Math.round((job.timeBudgetMs + SAFETY_MARGIN_MS) / 1000)} s\n${output()}`));
        }, job.timeBudgetMs + SAFETY_MARGIN_MS);
        const onMessage = (message: GeneratorToRunner) => {
          if (message.type === 'progress') return onProgress(message);
          cleanup();
          // The generator answers a job with that job's kind of result (load-generator.ts).
          if (message.type === 'result') resolve(message.run as ResultOf<typeof job>);
          else reject(new Error(message.message));
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
          cleanup();
          reject(new Error(`the load generator exited (${signal ?? code}) without a result\n${output()}`));
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ type: 'run', job } satisfies RunnerToGenerator);
      });
    },
    async stop() {
      if (!alive()) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await generator.exited;
      clearTimeout(timer);
    },
  };
}
