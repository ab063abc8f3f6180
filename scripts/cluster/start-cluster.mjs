// The local cluster as a function: redis-server (or a Redis Cluster), N relay replicas and HAProxy
// on one port, all on loopback. `npm run cluster` is a thin shell around it; tests (and the chaos
// suite) use it too.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distinctFreePorts, portIsFree } from './free-port.mjs';
import { startHaproxy } from './haproxy-process.mjs';
import { startRedisCluster } from './redis-cluster.mjs';
import { startRedisServer } from './redis-server.mjs';
import { startRelayReplica } from './relay-replica.mjs';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const MAX_REPLICAS = 16;

/** @param {import('./start-cluster.d.mts').ClusterOptions} [options] */
export async function startCluster(options = {}) {
  const { replicas: count = 3, port = 0, env = {}, redis: withRedis = true, redisCluster: withRedisCluster = false, root = REPO_ROOT, keepWorkDir = false } = options;
  if (withRedisCluster && options.redis === false) throw new Error('redis: false and redisCluster: true contradict each other');
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPLICAS) {
    throw new Error(`replicas must be a whole number from 1 to ${MAX_REPLICAS} (got ${count})`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0–65535 (got ${port})`);
  if (!existsSync(join(root, 'dist', 'relay', 'main.js'))) {
    throw new Error('dist/relay/main.js is missing: run "npm run build" first.');
  }
  if (port !== 0 && !(await portIsFree(port))) {
    throw Object.assign(new Error(`Port ${port} on 127.0.0.1 is already in use: pick another with --port.`), { code: 'EADDRINUSE' });
  }
  const taken = new Set(port ? [port] : []);
  const lbPort = port || (await distinctFreePorts(1, { taken }))[0];
  const [redisPort, ...replicaPorts] = await distinctFreePorts(count + 1, { taken });
  const workDir = mkdtempSync(join(tmpdir(), 'relay-chat-cluster-'));
  mkdirSync(join(workDir, 'logs'));

  // Every process in its own group: Ctrl-C reaches only the supervisor, which stops them in order.
  // (Should it exit without stop(), managed-process.mjs SIGKILLs whatever still runs.)
  const common = { detached: true };
  const logFile = (name) => join(workDir, 'logs', `${name}.log`);
  const started = { redis: undefined, redisCluster: undefined, replicas: [], haproxy: undefined };

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      // Relays first, so they drain while Redis is still there; then the balancer and Redis.
      const exits = await Promise.all(started.replicas.map(async (r) => ({ id: r.id, code: r.running() ? await r.stop('SIGTERM') : null })));
      await started.haproxy?.stop();
      await started.redis?.stop();
      await started.redisCluster?.stop();
      if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
      return exits;
    })());

  try {
    if (withRedisCluster) {
      started.redisCluster = await startRedisCluster({ logDir: join(workDir, 'logs'), ...common });
    } else if (withRedis) {
      started.redis = await startRedisServer({ port: redisPort, dir: join(workDir, 'redis'), persistence: 'aof', name: 'redis', logFile: logFile('redis'), ...common });
    }
    const relayEnv = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: `http://127.0.0.1:${lbPort},http://localhost:${lbPort}`,
      // Behind HAProxy (option forwardfor): the per-address connection limit uses X-Forwarded-For.
      TRUST_PROXY: 'true',
      // One secret for all replicas: a token issued by one verifies on every other.
      RELAY_SECRET: randomBytes(32).toString('hex'),
      ...(started.redis ? { REDIS_URL: started.redis.url } : {}),
      // Seeds for the relay's cluster client; every shard has a replica, so acks can wait for one.
      ...(started.redisCluster ? { REDIS_CLUSTER_NODES: started.redisCluster.seedList, REDIS_REPLICA_ACKS: '1' } : {}),
      ...env,
    };
    const replicaSpecs = replicaPorts.map((replicaPort, index) => ({ id: `relay-${index + 1}`, port: replicaPort }));
    const results = await Promise.allSettled(
      replicaSpecs.map((spec) => startRelayReplica({ ...spec, root, env: relayEnv, logFile: logFile(spec.id), ...(options.node ? { node: options.node } : {}), ...common })),
    );
    for (const result of results) if (result.status === 'fulfilled') started.replicas.push(result.value);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    started.haproxy = await startHaproxy({
      port: lbPort,
      servers: replicaSpecs.map((spec) => ({ name: spec.id, host: '127.0.0.1', port: spec.port })),
      workDir,
      ...common,
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: started.haproxy.url,
    port: lbPort,
    replicas: started.replicas,
    redis: started.redis ?? null,
    redisCluster: started.redisCluster ?? null,
    haproxy: started.haproxy,
    workDir,
    logDir: join(workDir, 'logs'),
    stop,
  };
}
