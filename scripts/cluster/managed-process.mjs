// One child process of the cluster: output kept (memory tail + log file), exit observed, and a
// stop that escalates to SIGKILL so a stuck process can never hold the cluster up.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const OUTPUT_TAIL = 512 * 1024;

/**
 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, cwd?: string, logFile: string }} spec
 */
export function startProcess({ name, command, args, env = process.env, cwd, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  // Own process group: a Ctrl-C in the terminal reaches only the supervisor, which then stops
  // the children in the right order (relays drain before Redis goes away).
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const record = (chunk) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let result;
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null, error?: Error }>} */
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      result = { code: null, signal: null, error };
      record(`${name}: ${error.message}\n`);
      resolve(result);
    });
    child.once('exit', (code, signal) => {
      result = { code, signal };
      resolve(result);
    });
  }).finally(() => log.end());

  return {
    name,
    pid: child.pid,
    exited,
    /** Whether the process is still running. */
    running: () => result === undefined,
    output: () => output,
    /** Sends `signal`, waits up to `timeoutMs`, then SIGKILLs. Resolves with how it ended. */
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (result) return result;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const ended = await exited;
      clearTimeout(timer);
      return ended;
    },
    /** SIGKILL, synchronously sent: also usable from a process 'exit' handler. */
    killNow() {
      if (!result) child.kill('SIGKILL');
    },
  };
}
