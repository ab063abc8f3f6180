// A real Redis high-availability group on loopback: a primary, one replica and three Sentinels
// (quorum 2) with short failure detection, so a failover happens within seconds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctFreePorts } from './free-port.mjs';
import { startProcess, waitUntilReady } from './managed-process.mjs';
import { hasReplicaInSync, withRedisClient } from './redis-query.mjs';
import { redisAnswers, startRedisServer } from './redis-server.mjs';
import { waitFor } from './wait-for.mjs';

const SENTINELS = 3;
const QUORUM = 2;

function sentinelConfig({ port, dir, name, primaryPort }) {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel monitor ${name} 127.0.0.1 ${primaryPort} ${QUORUM}`,
    `sentinel down-after-milliseconds ${name} 1000`,
    `sentinel failover-timeout ${name} 5000`,
    `sentinel parallel-syncs ${name} 1`,
    '',
  ].join('\n');
}

/** @param {{ name?: string }} [options] */
export async function startSentinelGroup({ name = 'chatmaster' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-sentinel-'));
  const servers = [];
  const sentinels = [];
  const stop = async () => {
    await Promise.all([...sentinels.map((s) => s.stop('SIGKILL')), ...servers.map((s) => s.stop('SIGKILL'))]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // No delay before a full sync: the replica is ready (and a failover possible) sooner.
    const common = ['--repl-diskless-sync-delay', '0'];
    const primary = await startRedisServer({ name: 'redis-primary', args: common });
    servers.push(primary);
    const replica = await startRedisServer({ name: 'redis-replica', args: [...common, '--replicaof', '127.0.0.1', String(primary.port)] });
    servers.push(replica);
    const sentinelPorts = await distinctFreePorts(SENTINELS, { taken: new Set([primary.port, replica.port]) });
    for (const [i, port] of sentinelPorts.entries()) {
      const conf = join(dir, `sentinel-${i}.conf`);
      writeFileSync(conf, sentinelConfig({ port, dir, name, primaryPort: primary.port }));
      const proc = startProcess({ name: `sentinel-${i}`, command: 'redis-server', args: [conf, '--sentinel'] });
      sentinels.push(proc);
      await waitUntilReady(proc, () => redisAnswers(port), { timeoutMs: 15_000, what: `sentinel-${i} on port ${port}` });
    }
    // A failover needs a replica in sync that every sentinel knows, and sentinels that know each other.
    await waitFor(() => hasReplicaInSync(primary.port), {
      timeoutMs: 15_000,
      what: 'the replica to sync',
    });
    for (const port of sentinelPorts) {
      await waitFor(
        () =>
          withRedisClient(port, async (c) => {
            const replicas = /** @type {unknown[]} */ (await c.call('SENTINEL', 'REPLICAS', name));
            const peers = /** @type {unknown[]} */ (await c.call('SENTINEL', 'SENTINELS', name));
            return replicas.length === 1 && peers.length === SENTINELS - 1;
          }),
        { timeoutMs: 20_000, what: `sentinel ${port} to see the replica and its peers` },
      );
    }
    return {
      name,
      sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      primaryPort: primary.port,
      replicaPort: replica.port,
      killPrimary: () => primary.kill(),
      async currentPrimaryPort() {
        const [, port] = /** @type {[string, string]} */ (await withRedisClient(sentinelPorts[0], (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)));
        return Number(port);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
