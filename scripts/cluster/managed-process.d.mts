// Types for managed-process.mjs (plain JavaScript so `npm run cluster` needs no build step).
import type { ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  /** Shown in error messages and output lines (relay-1, redis, haproxy…). */
  name: string;
  command: string;
  args: string[];
  /** The whole environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Also append everything it prints to this file. */
  logFile?: string;
  /** Open an IPC channel (child.send / the child's 'disconnect' when this process goes away). */
  ipc?: boolean;
  /**
   * Own process group: a Ctrl-C in the terminal then reaches only this process, which stops the
   * children in its own order (`npm run cluster`: relays drain before Redis goes away).
   */
  detached?: boolean;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** Resolves once it has exited (or failed to start). */
  readonly exited: Promise<ExitResult>;
  running(): boolean;
  /** The last 512 KB it printed (stdout and stderr interleaved). */
  output(): string;
  /** Sends `signal` (default SIGTERM), SIGKILLs after `timeoutMs` (default 15 s); resolves with how it ended. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitResult>;
  /** SIGKILL, sent synchronously. */
  killNow(): void;
}

/**
 * Starts `command` with its output kept. Until it exits it is also SIGKILLed when this Node
 * process exits, so nothing started here outlives its caller.
 */
export function startProcess(spec: ProcessSpec): ManagedProcess;
/** SIGKILLs every process startProcess started that is still running (synchronous). */
export function killAllProcesses(): void;
/**
 * Polls `check` until it returns a truthy value; gives up at once when `proc` exits. On failure
 * SIGKILLs `proc` and throws with its output.
 */
export function waitUntilReady(proc: ManagedProcess, check: () => unknown, options: { timeoutMs: number; what: string }): Promise<void>;
