import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export interface SentinelGroup {
  name: string;
  /** `host:port,host:port,host:port` for REDIS_SENTINELS. */
  sentinels: string;
  primaryPort: number;
  replicaPort: number;
  /** SIGKILLs the current primary (the original one). */
  killPrimary(): Promise<void>;
  /** The port the sentinels currently report as primary. */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A real Redis high-availability group on loopback: a primary, one replica and three Sentinels
 * (quorum 2) with short failure detection, each in its own temp directory.
 */
export async function startSentinelGroup(name = 'chatmaster'): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-sentinel-'));
  const children: ChildProcess[] = [];
  const spawnRedis = (args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const ping = (port: number) => {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    return client.connect().then(() => client.ping()).then((pong) => pong === 'PONG').catch(() => false).finally(() => client.disconnect());
  };
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0'];
  const primary = spawnRedis(['--port', String(primaryPort), '--dir', dir, '--dbfilename', 'p.rdb', ...common]);
  await waitFor(() => ping(primaryPort), { what: 'primary' });
  spawnRedis(['--port', String(replicaPort), '--dir', dir, '--dbfilename', 'r.rdb', '--replicaof', '127.0.0.1', String(primaryPort), ...common]);
  await waitFor(() => ping(replicaPort), { what: 'replica' });
  const sentinelPorts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = join(dir, `sentinel-${i}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    spawnRedis([conf, '--sentinel']);
    sentinelPorts.push(port);
  }
  for (const port of sentinelPorts) await waitFor(() => ping(port), { what: `sentinel ${port}` });
  // Wait until the replica is in sync and every sentinel knows it, so a failover can happen.
  const primaryClient = new Redis({ port: primaryPort, host: '127.0.0.1' });
  await waitFor(async () => /slave0:.*state=online/.test(await primaryClient.info('replication')), { timeoutMs: 15_000, what: 'replica to sync' });
  primaryClient.disconnect();
  const sentinelClient = (port: number) => new Redis({ port, host: '127.0.0.1' });
  for (const port of sentinelPorts) {
    const s = sentinelClient(port);
    await waitFor(async () => {
      const replicas = (await s.call('SENTINEL', 'REPLICAS', name)) as unknown[];
      const sentinels = (await s.call('SENTINEL', 'SENTINELS', name)) as unknown[];
      return replicas.length === 1 && sentinels.length === 2;
    }, { timeoutMs: 20_000, what: `sentinel ${port} to see the replica and its peers` });
    s.disconnect();
  }
  return {
    name,
    sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
    primaryPort,
    replicaPort,
    async killPrimary() {
      primary.kill('SIGKILL');
      await new Promise((resolve) => (primary.exitCode !== null || primary.signalCode !== null ? resolve(undefined) : primary.once('exit', resolve)));
    },
    async currentPrimaryPort() {
      const s = sentinelClient(sentinelPorts[0]!);
      try {
        const [, port] = (await s.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
        return Number(port);
      } finally {
        s.disconnect();
      }
    },
    async stop() {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve(undefined) : c.once('exit', resolve)))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
