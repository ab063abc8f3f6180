import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export interface RedisServer {
  port: number;
  url: string;
  /** The running redis-server's process id (undefined while halted), e.g. to freeze it with SIGSTOP. */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM) and removes its directory. */
  stop(): Promise<void>;
  /** Stops and starts it again on the same port, empty (no persistence): a Redis "blip". */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops it without restarting (for outage tests); `start()` brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** Starts a throwaway `redis-server` on a free loopback port, persistence off. */
export async function startRedisServer(extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'relay-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
      { stdio: 'ignore' },
    );
    await waitFor(() => ping(port), { timeoutMs: 10_000, what: `redis-server on port ${port}` });
  };
  const halt = async () => {
    if (!child) return;
    const current = child;
    child = undefined;
    current.kill('SIGKILL');
    await exited(current);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    halt,
    start,
    async restart({ downMs = 0 } = {}) {
      await halt();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
