// One child process: output kept (memory tail, optionally a log file), exit observed, and a stop
// that escalates to SIGKILL so a stuck process can never hold its caller up. `npm run cluster`,
// the tests and the benchmark start every redis-server, relay and HAProxy through here.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { GiveUp, waitFor } from './wait-for.mjs';

const OUTPUT_TAIL = 512 * 1024;

// Every child started here that has not exited yet. Module-level on purpose: this Node process's
// 'exit' is process-wide too, and one listener per child would trip Node's MaxListeners warning
// as soon as a Redis Cluster (6 nodes) and a few relays run at once.
const live = new Set();

/** SIGKILLs every child still running; synchronous, so usable from an 'exit' handler or a signal. */
export function killAllProcesses() {
  for (const proc of live) proc.killNow();
}

function track(proc) {
  // Last resort when the caller exits without stopping what it started: no orphans left behind.
  if (live.size === 0) process.on('exit', killAllProcesses);
  live.add(proc);
}

function untrack(proc) {
  live.delete(proc);
  if (live.size === 0) process.off('exit', killAllProcesses);
}

/** @param {import('./managed-process.d.mts').ProcessSpec} spec */
export function startProcess({ name, command, args, env = process.env, cwd, logFile, ipc = false, detached = false }) {
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const child = spawn(command, args, { env, cwd, detached, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])] });
  let output = '';
  const record = (chunk) => {
    log?.write(chunk);
    output += chunk.toString();
    // Trimmed now and then rather than on every chunk: a chatty relay would copy the tail each time.
    if (output.length > 2 * OUTPUT_TAIL) output = output.slice(-OUTPUT_TAIL);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let result;
  const proc = {
    name,
    child,
    pid: child.pid,
    /** @type {Promise<import('./managed-process.d.mts').ExitResult>} */
    exited: new Promise((resolve) => {
      child.once('error', (error) => {
        // spawn failed (command missing…): no 'exit' follows.
        result ??= { code: null, signal: null, error };
        record(`${name}: ${error.message}\n`);
        resolve(result);
      });
      child.once('exit', (code, signal) => {
        result ??= { code, signal };
        resolve(result);
      });
    }).finally(() => {
      untrack(proc);
      log?.end();
    }),
    running: () => result === undefined,
    output: () => output.slice(-OUTPUT_TAIL),
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (result) return result;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const ended = await proc.exited;
      clearTimeout(timer);
      return ended;
    },
    killNow() {
      if (!result) child.kill('SIGKILL');
    },
  };
  track(proc);
  return proc;
}

/**
 * Polls `check` until `proc` is ready. Gives up at once when it exits; on failure SIGKILLs it and
 * throws with its output, which is where the reason is.
 * @param {import('./managed-process.d.mts').ManagedProcess} proc
 * @param {() => unknown} check
 * @param {{ timeoutMs: number, what: string }} options
 */
export async function waitUntilReady(proc, check, { timeoutMs, what }) {
  try {
    await waitFor(
      async () => {
        if (!proc.running()) throw new GiveUp(`${proc.name} exited during start-up`);
        return check();
      },
      { timeoutMs, what },
    );
  } catch (error) {
    proc.killNow();
    throw new Error(`${error.message}\n--- ${proc.name} output ---\n${proc.output()}`, { cause: error });
  }
}
