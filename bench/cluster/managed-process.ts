import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Everything the bench started and has not seen exit: killed on any way out of the bench. */
const running = new Set<ChildProcess>();
const TAIL_CHARS = 16_000;

export interface ManagedProcess {
  child: ChildProcess;
  pid: number;
  name: string;
  /** The last few KB the process printed, for error messages. */
  tail(): string;
  readonly exited: Promise<void>;
  isRunning(): boolean;
  /** `signal`, then SIGKILL if it has not exited within `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Starts a process whose output is kept (tail only) and which dies with the bench. */
export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions & { ipc?: boolean } = {}): ManagedProcess {
  const { ipc, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > TAIL_CHARS * 2) output = output.slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let alive = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      alive = false;
      running.delete(child);
      resolve();
    }),
  );
  return {
    child,
    pid: child.pid,
    name,
    tail: () => output.slice(-TAIL_CHARS),
    exited,
    isRunning: () => alive,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!alive) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Synchronous last resort (process 'exit', Ctrl-C): SIGKILL whatever is still running. */
export function killAllManaged(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/**
 * For the command-line entry: every way out (normal exit, Ctrl-C, SIGTERM, a crash) takes the
 * relays, Redis and the load generator along, so no run leaves processes or ports behind.
 */
export function killManagedOnExit(): void {
  process.once('exit', killAllManaged);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the relays, Redis and the load generator…\n`);
      killAllManaged();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
