// A redis-server on loopback: a throwaway one for tests and the benchmark (free port, temporary
// directory, persistence off), or the local cluster's (its data in the cluster's directory,
// append-only file on so a restart keeps acked messages).
import { Socket } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';
import { startProcess, waitUntilReady } from './managed-process.mjs';

/** Resolves true when a Redis server (or Sentinel) answers PING on 127.0.0.1:`port`. */
export function redisAnswers(port) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * @param {number} port
 * @param {string} dir
 * @param {'none' | 'aof'} [persistence]
 */
function redisArgs(port, dir, persistence = 'none') {
  return [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    ...(persistence === 'aof'
      ? // fsync before Redis answers, so a message the relay acked survives even a SIGKILL of Redis.
        ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
    '--daemonize', 'no',
  ];
}

/** @param {import('./redis-server.d.mts').RedisServerOptions} [options] */
export async function startRedisServer(options = {}) {
  const { persistence = 'none', args = [], logFile, detached = false, name = 'redis-server', startTimeoutMs = 15_000 } = options;
  const port = options.port || (await freePort());
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'relay-redis-'));
  let proc;
  const start = async () => {
    mkdirSync(dir, { recursive: true });
    proc = startProcess({ name, command: 'redis-server', args: [...redisArgs(port, dir, persistence), ...args], logFile, detached });
    await waitUntilReady(proc, () => redisAnswers(port), { timeoutMs: startTimeoutMs, what: `${name} on port ${port}` });
  };
  try {
    await start();
  } catch (error) {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    output: () => proc.output(),
    async stop(signal = 'SIGTERM') {
      await proc.stop(signal);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      await proc.stop('SIGKILL');
    },
    async start() {
      if (proc.running()) throw new Error(`${name} on port ${port} is still running`);
      await start();
    },
    async restart({ downMs = 0, signal = 'SIGTERM' } = {}) {
      await proc.stop(signal);
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    killNow: () => proc.killNow(),
  };
}
