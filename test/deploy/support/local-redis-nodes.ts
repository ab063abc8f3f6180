// Runs a deployment's Redis Cluster commands on loopback without Docker or Kubernetes: one
// redis-server per node with the manifest's own flags, and the manifest's forming script with a
// `redis-cli` first on PATH that stands in for the cluster DNS (each node's name → its local port).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctFreePorts } from '../../../scripts/cluster/free-port.mjs';
import { parseClusterNodes } from '../../../scripts/cluster/cluster-nodes.mjs';
import { CLUSTER_BUS_OFFSET } from '../../../scripts/cluster/redis-cluster.mjs';
import { withRedisClient } from '../../../scripts/cluster/redis-query.mjs';
import { startRedisServer, type RedisServer } from '../../../scripts/cluster/redis-server.mjs';
import { waitFor } from '../../../scripts/cluster/wait-for.mjs';

export interface LocalRedisNodes {
  nodes: RedisServer[];
  ports: number[];
  /** Runs `script` with sh, node names in it reaching the local nodes. */
  runScript(script: string): SpawnSyncReturns<string>;
  stop(): Promise<void>;
}

/**
 * Starts one redis-server per entry of `nodeArgs` (redis-server's arguments as the manifest has
 * them, `port` replaced by the local one; later flags win over startRedisServer's own), and
 * maps `names[i]` (with port `port`) to node i for scripts.
 */
export async function startLocalRedisNodes(names: string[], nodeArgs: string[][], port = 6379): Promise<LocalRedisNodes> {
  const dir = mkdtempSync(join(tmpdir(), 'local-redis-nodes-'));
  const ports = await distinctFreePorts(names.length, { companionOffset: CLUSTER_BUS_OFFSET });
  const realCli = spawnSync('sh', ['-c', 'command -v redis-cli'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'redis-cli'), standIn(process.execPath, realCli, Object.fromEntries(names.map((n, i) => [n, ports[i]!])), port), { mode: 0o755 });
  const results = await Promise.allSettled(
    nodeArgs.map((args, i) => startRedisServer({ port: ports[i], dir: join(dir, `node-${i}`), args: args.map((a) => (a === String(port) ? String(ports[i]) : a)), name: names[i] })),
  );
  const nodes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return {
    nodes,
    ports,
    runScript: (script) => spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` } }),
    stop,
  };
}

/**
 * Replicas of each slot-serving primary as the node on `port` sees them, once every primary has
 * one (roles spread by gossip after the slots, so right after forming a replica may still look
 * like an empty primary); what it sees after 15 s otherwise.
 */
export async function waitForReplicasPerPrimary(port: number): Promise<number[]> {
  const count = async () => {
    const view = parseClusterNodes(String(await withRedisClient(port, (c) => c.call('CLUSTER', 'NODES'))));
    return view.filter((n) => n.flags.includes('master') && n.slots.length > 0).map((p) => view.filter((n) => n.primaryId === p.id).length);
  };
  return waitFor(async () => ((await count()).every((n) => n > 0) ? count() : undefined), { timeoutMs: 15_000, what: 'a replica for every primary' }).catch(count);
}

/** `redis-cli` with `NAME:PORT` and `-h NAME -p PORT` mapped to loopback; any other use of a name fails loudly. */
function standIn(node: string, realCli: string, portOf: Record<string, number>, port: number): string {
  return `#!${node}
const { spawnSync } = require('node:child_process');
const portOf = ${JSON.stringify(portOf)};
const args = process.argv.slice(2);
let host;
const mapped = args.map((arg, i) => {
  const [name, p] = arg.split(':');
  if (p === '${port}' && portOf[name]) return '127.0.0.1:' + portOf[name];
  if (args[i - 1] === '-h' && portOf[arg]) { host = arg; return '127.0.0.1'; }
  if (args[i - 1] === '-p' && arg === '${port}' && host) return String(portOf[host]);
  if (Object.keys(portOf).some((n) => arg.includes(n))) { console.error('redis-cli stand-in cannot map ' + arg); process.exit(99); }
  return arg;
});
process.exit(spawnSync(${JSON.stringify(realCli)}, mapped, { stdio: 'inherit' }).status ?? 1);
`;
}
