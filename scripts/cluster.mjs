// `npm run cluster`: redis-server (or, with --redis-cluster, a 3 + 3 Redis Cluster) + N relay
// replicas + HAProxy on one port, for trying the scaled-out relay (and killing parts of it) on one
// machine. See scripts/cluster/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildIsStale } from './build-freshness.mjs';
import { missingPackages, REQUIRED } from './system-packages.mjs';
import { formatClusterStatus, missingPackagesMessage, parseClusterArgs, redisClusterWarning, relayStoreMode, USAGE } from './cluster/command-line.mjs';
import { startCluster } from './cluster/start-cluster.mjs';

process.chdir(resolve(import.meta.dirname, '..'));

let args;
try {
  args = parseClusterArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const missing = missingPackages(REQUIRED.filter((r) => r.command === 'redis-server' || r.command === 'haproxy'));
if (missing.length > 0) {
  console.error(missingPackagesMessage(missing.map((m) => m.pkg)));
  process.exit(1);
}

if (!existsSync('dist/relay/main.js') || buildIsStale()) {
  console.log('Building the relay (dist/ is missing or older than the sources)…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const time = () => new Date().toISOString().slice(11, 19);
let cluster;
/** The signal that asked us to stop (possibly while still starting). */
let stopSignal;
async function shutdown(signal) {
  if (stopSignal) {
    console.log('Second signal: killing everything now.');
    process.exit(130); // managed-process.mjs's exit hook SIGKILLs whatever is still running
  }
  stopSignal = signal;
  if (!cluster) return; // still starting: stopped as soon as startCluster settles
  console.log(`\n${signal}: draining the relays, then stopping HAProxy and ${cluster.redisCluster ? 'the Redis Cluster' : 'Redis'}…`);
  const exits = await cluster.stop();
  for (const { id, code } of exits) console.log(`  ${id} exited with ${code ?? 'no code (was not running)'}`);
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  // Relay settings in this environment (HISTORY_LIMIT, LOG_LEVEL, NAME_API_URL…) pass through;
  // what the cluster itself decides per replica or for all of them does not.
  const owned = new Set(['PORT', 'HOST', 'REPLICA_ID', 'REDIS_URL', 'REDIS_SENTINELS', 'REDIS_SENTINEL_NAME', 'REDIS_CLUSTER_NODES', 'REDIS_PASSWORD', 'RELAY_SECRET']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !owned.has(k)));
  if (args.redisCluster) console.log('Starting a Redis Cluster (3 primaries + 3 replicas), then the relays and HAProxy…');
  cluster = await startCluster({ replicas: args.replicas, port: args.port, env, redisCluster: args.redisCluster });
} catch (error) {
  console.error(`Could not start the cluster: ${error.message}`);
  process.exit(1);
}
if (stopSignal) {
  const signal = stopSignal;
  stopSignal = undefined;
  await shutdown(signal);
}

const states = new Map((await cluster.haproxy.serverStates()).map((s) => [s.name, s.status]));
const replicaRows = await Promise.all(
  cluster.replicas.map(async (r) => ({
    id: r.id,
    pid: r.pid,
    url: r.url,
    ready: await r.readyStatus(),
    balancer: states.get(r.id) ?? '?',
    mode: relayStoreMode(readFileSync(`${cluster.logDir}/${r.id}.log`, 'utf8')),
  })),
);
const shards = cluster.redisCluster ? await cluster.redisCluster.shards() : null;
console.log(
  formatClusterStatus({ url: cluster.url, haproxyPid: cluster.haproxy.pid, redis: cluster.redis, redisCluster: shards, redisClusterSeeds: cluster.redisCluster?.seedList, logDir: cluster.logDir, replicas: replicaRows }),
);
const warning = cluster.redisCluster ? redisClusterWarning(replicaRows) : undefined;
if (warning) console.log(`\n${warning}`);

// Report what changes while it runs: a process that died, the balancer marking a replica down/up.
const parts = [
  ...cluster.replicas.map((r) => [r.id, r]),
  ['haproxy', cluster.haproxy],
  ...(cluster.redis ? [['redis', cluster.redis]] : []),
  ...(cluster.redisCluster ? cluster.redisCluster.nodes.map((n) => [`redis-cluster-${n.port}`, n]) : []),
];
const running = new Map(parts.map(([name]) => [name, true]));
setInterval(async () => {
  if (stopSignal) return;
  for (const [name, part] of parts) {
    if (running.get(name) && !part.running()) console.log(`${time()} ${name} exited (log: ${cluster.logDir}/${name}.log)`);
    running.set(name, part.running());
  }
  const now = await cluster.haproxy.serverStates().catch(() => []);
  for (const { name, status } of now) {
    if (states.get(name) !== status) console.log(`${time()} balancer: ${name} ${states.get(name) ?? '?'} → ${status}`);
    states.set(name, status);
  }
}, 1000);
