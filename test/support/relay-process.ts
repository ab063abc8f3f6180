import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export const RELAY_ENTRY = resolve(import.meta.dirname, '../../dist/relay/main.js');
/** One secret for every replica a test starts, so tokens issued by one verify on all. */
export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface RelayProcess {
  url: string;
  port: number;
  /** The separate metrics server: GET `${metricsUrl}/metrics`. */
  metricsUrl: string;
  replica: string;
  /** Everything the process printed so far (pino JSON lines). */
  output(): string;
  /** Sends `signal` (SIGTERM: graceful drain) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: the replica dies without any cleanup. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

let counter = 0;

/** Spawns the built relay (`npm run build` first) on a free loopback port and waits for /healthz. */
export async function startRelay(opts: { redisUrl?: string; env?: Record<string, string>; replica?: string } = {}): Promise<RelayProcess> {
  if (!existsSync(RELAY_ENTRY)) throw new Error(`${RELAY_ENTRY} is missing: run "npm run build" first.`);
  const port = await freePort();
  const metricsPort = await freePort();
  const replica = opts.replica ?? `test-relay-${process.pid}-${++counter}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    HOST: '127.0.0.1',
    REPLICA_ID: replica,
    LOG_LEVEL: 'info',
    NAME_API_URL: 'http://127.0.0.1:9/unused',
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, RELAY_SECRET: TEST_SECRET } : {}),
    ...opts.env,
  };
  // RELAY_NODE: another Node binary for the relays (CI runs them on the image's version too).
  const child = spawn(process.env.RELAY_NODE || process.execPath, [...RELAY_NODE_FLAGS, RELAY_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let dead = false;
  void exited.then(() => (dead = true));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (dead) throw new Error(`relay exited during start-up:\n${output}`);
        const res = await fetch(`${url}/readyz`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: 15_000, what: `relay ${replica} to become ready` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- relay output ---\n${output}`);
  }
  return {
    url,
    port,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    replica,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!dead) child.kill(signal);
      return exited;
    },
    async kill() {
      if (!dead) child.kill('SIGKILL');
      await exited;
    },
  };
}
