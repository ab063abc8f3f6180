// A Redis Cluster on loopback: N primaries with R replicas each (default 3 + 3), created with
// `redis-cli --cluster create`, failure detection short enough for a failover test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASH_SLOTS, parseClusterNodes, seenFailing, servingPrimary } from './cluster-nodes.mjs';
import { distinctFreePorts } from './free-port.mjs';
import { startProcess } from './managed-process.mjs';
import { withRedisClient } from './redis-query.mjs';
import { startRedisServer } from './redis-server.mjs';
import { GiveUp, waitFor } from './wait-for.mjs';

/** Each node also listens on port + 10000 for the cluster bus (gossip, failover votes). */
export const CLUSTER_BUS_OFFSET = 10_000;

function nodeArgs(nodeTimeoutMs) {
  return [
    '--cluster-enabled', 'yes',
    // Relative to the node's own --dir: every node keeps its own view of the cluster there.
    '--cluster-config-file', 'nodes.conf',
    // A primary unreachable this long is failed over to its replica.
    '--cluster-node-timeout', String(nodeTimeoutMs),
    // No delay before a full sync: a new replica is ready (and a failover possible) sooner.
    '--repl-diskless-sync-delay', '0',
  ];
}

/** Runs `redis-cli --cluster create` and throws with its output unless it succeeds within `timeoutMs`. */
async function createCluster(ports, replicasPerPrimary, timeoutMs, logFile) {
  const create = startProcess({
    name: 'redis-cli --cluster create',
    command: 'redis-cli',
    args: ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicasPerPrimary), '--cluster-yes'],
    logFile,
  });
  const timer = setTimeout(() => create.killNow(), timeoutMs);
  const { code, signal, error } = await create.exited;
  clearTimeout(timer);
  if (code !== 0) {
    const how = error ? error.message : signal ? `killed by ${signal} after ${timeoutMs} ms` : `exit ${code}`;
    throw new Error(`redis-cli --cluster create failed (${how})\n${create.output()}`);
  }
}

/** @param {import('./redis-cluster.d.mts').RedisClusterOptions} [options] */
export async function startRedisCluster(options = {}) {
  const { primaries = 3, replicasPerPrimary = 1, nodeTimeoutMs = 2000, startTimeoutMs = 30_000, logDir, detached = false } = options;
  // redis-cli refuses fewer than 3 primaries: a majority of primaries must agree on a failover.
  if (!Number.isInteger(primaries) || primaries < 3) throw new Error(`primaries must be a whole number ≥ 3 (got ${primaries})`);
  if (!Number.isInteger(replicasPerPrimary) || replicasPerPrimary < 0) throw new Error(`replicasPerPrimary must be a whole number ≥ 0 (got ${replicasPerPrimary})`);
  const count = primaries * (1 + replicasPerPrimary);
  const dir = mkdtempSync(join(tmpdir(), 'relay-redis-cluster-'));
  /** @type {import('./redis-server.d.mts').RedisServer[]} */
  const nodes = [];
  // Throwaway data: SIGKILL is enough, and a primary asked to shut down would wait for its replicas.
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  const running = () => nodes.filter((node) => node.running());
  const ask = async (use) => {
    const node = running()[0];
    if (!node) throw new Error('no Redis Cluster node is running');
    return withRedisClient(node.port, use);
  };
  const view = async () => parseClusterNodes(String(await ask((c) => c.call('CLUSTER', 'NODES'))));
  const byPort = (port) => {
    const node = nodes.find((n) => n.port === port);
    if (!node) throw new Error(`Redis Cluster node on port ${port} is not one of ours`);
    return node;
  };
  // Every primary with all its replicas, as this view has it: gossip spreads roles after the
  // slots, so a node can report cluster_state:ok while still taking a replica for an empty primary.
  const complete = (seen) => {
    const seenPrimaries = seen.filter((n) => n.flags.includes('master') && n.slots.length > 0);
    return seenPrimaries.length === primaries && seenPrimaries.every((p) => seen.filter((n) => n.primaryId === p.id).length === replicasPerPrimary);
  };
  /**
   * cluster_state:ok on every running node, every slot served; `inSync` (start-up): every node
   * also sees the whole topology, and every replica's link to its primary is up.
   */
  const healthy = async (inSync) => {
    for (const node of nodes) {
      if (!node.running()) {
        if (inSync) throw new GiveUp(`the Redis Cluster node on port ${node.port} exited during start-up:\n${node.output()}`);
        continue;
      }
      const ok = await withRedisClient(node.port, async (c) => {
        const info = String(await c.call('CLUSTER', 'INFO'));
        if (!info.includes('cluster_state:ok') || !info.includes(`cluster_slots_ok:${HASH_SLOTS}`)) return false;
        if (!inSync) return true;
        const replication = await c.info('replication');
        const linkUp = !replication.includes('role:slave') || replication.includes('master_link_status:up');
        return linkUp && complete(parseClusterNodes(String(await c.call('CLUSTER', 'NODES'))));
      });
      if (!ok) return false;
    }
    return true;
  };
  const waitUntilHealthy = async ({ timeoutMs = 20_000 } = {}) => {
    await waitFor(() => healthy(false), { timeoutMs, intervalMs: 100, what: 'cluster_state:ok on every running Redis Cluster node' });
  };

  try {
    const ports = await distinctFreePorts(count, { companionOffset: CLUSTER_BUS_OFFSET });
    const results = await Promise.allSettled(
      ports.map((port) =>
        startRedisServer({
          port,
          dir: join(dir, String(port)),
          args: nodeArgs(nodeTimeoutMs),
          name: `redis-cluster-${port}`,
          detached,
          ...(logDir ? { logFile: join(logDir, `redis-cluster-${port}.log`) } : {}),
        }),
      ),
    );
    for (const result of results) if (result.status === 'fulfilled') nodes.push(result.value);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await createCluster(ports, replicasPerPrimary, startTimeoutMs, logDir ? join(logDir, 'redis-cli.log') : undefined);
    await waitFor(() => healthy(true), {
      timeoutMs: startTimeoutMs,
      intervalMs: 100,
      what: 'every Redis Cluster node to report cluster_state:ok and every replica to be in sync',
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const keySlot = async (key) => Number(await ask((c) => c.call('CLUSTER', 'KEYSLOT', key)));
  const primaryForSlot = async (slot) => {
    const primary = servingPrimary(await view(), slot);
    if (!primary) throw new Error(`no live primary serves slot ${slot} right now`);
    return byPort(primary.port);
  };
  return {
    nodes,
    seeds: nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
    seedList: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
    keySlot,
    primaryForSlot,
    primaryForKey: async (key) => primaryForSlot(await keySlot(key)),
    async shards() {
      const all = await view();
      return all
        .filter((n) => n.flags.includes('master') && !seenFailing(n) && n.slots.length > 0)
        .map((primary) => ({
          primary: byPort(primary.port),
          replicas: all.filter((n) => n.primaryId === primary.id).map((n) => byPort(n.port)),
          slots: primary.slots,
        }));
    },
    waitUntilHealthy,
    stop,
  };
}
