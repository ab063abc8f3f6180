// redis-server for the local cluster: loopback only, its data in the cluster's temporary
// directory (never the repository), append-only file on so a restart keeps acked messages.
import { Socket } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess } from './managed-process.mjs';
import { GiveUp, waitFor } from './wait-for.mjs';

/** Resolves true when a Redis server answers PING on 127.0.0.1:`port`. */
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

/** Command-line arguments of the cluster's redis-server (exported for tests). */
export function redisArgs(port, dir) {
  return [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', 'yes',
    // fsync before Redis answers, so a message the relay acked survives even a SIGKILL of Redis.
    '--appendfsync', 'always',
    '--daemonize', 'no',
  ];
}

/**
 * @param {{ port: number, workDir: string }} options
 */
export async function startRedis({ port, workDir }) {
  const dir = join(workDir, 'redis');
  mkdirSync(dir, { recursive: true });
  let proc;
  const start = async () => {
    proc = startProcess({ name: 'redis', command: 'redis-server', args: redisArgs(port, dir), logFile: join(workDir, 'logs', 'redis.log') });
    try {
      await waitFor(
        async () => {
          if (!proc.running()) throw new GiveUp('redis-server exited during start-up');
          return redisAnswers(port);
        },
        { timeoutMs: 15_000, what: `redis-server on port ${port}` },
      );
    } catch (error) {
      proc.killNow();
      throw new Error(`${error.message}\n--- redis-server output ---\n${proc.output()}`, { cause: error });
    }
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    output: () => proc.output(),
    /** SIGTERM: Redis flushes its append-only file and exits. */
    async stop() {
      await proc.stop('SIGTERM');
    },
    /** SIGKILL: Redis dies without any cleanup. */
    async kill() {
      await proc.stop('SIGKILL');
    },
    /** Starts it again on the same port with the same data (after stop or kill). */
    async start() {
      if (proc.running()) throw new Error('redis-server is still running');
      await start();
    },
    /** Stops and starts it again on the same port; `downMs` keeps it down that long. */
    async restart({ downMs = 0 } = {}) {
      await proc.stop('SIGTERM');
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    killNow: () => proc.killNow(),
  };
}
