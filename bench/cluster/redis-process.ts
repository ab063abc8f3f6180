import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../test/support/free-port.js';
import { waitFor } from '../../test/support/wait-for.js';
import { spawnManaged } from './managed-process.js';

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } finally {
    client.disconnect();
  }
}

/**
 * A throwaway redis-server on a loopback port, persistence off. The bench's own (rather than
 * test/support's) because it needs the pid: Redis CPU is part of what each relay design costs.
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawnManaged('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
  try {
    await waitFor(async () => {
      if (!redis.isRunning()) throw new Error(`redis-server exited: ${redis.tail()}`);
      return answersPing(url);
    }, { timeoutMs: 10_000, what: `redis-server on port ${port}` });
  } catch (error) {
    await redis.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    pid: redis.pid,
    async stop() {
      await redis.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
