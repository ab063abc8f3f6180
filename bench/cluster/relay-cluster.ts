import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { startRedisCluster } from '../../scripts/cluster/redis-cluster.mjs';
import { startRedisServer } from '../../scripts/cluster/redis-server.mjs';
import { startRelayReplica, type RelayReplica } from '../../scripts/cluster/relay-replica.mjs';
import type { Implementation } from '../bench-results.js';
import { BASELINE_RELAY_ENTRY, OUR_RELAY_ENTRY, REPO_ROOT } from './bench-paths.js';

export interface Cluster {
  implementation: Implementation;
  urls: string[];
  relayPids: number[];
  /** Redis CPU is part of what each relay design costs: the one Redis, or the cluster's primaries. */
  redisPids: number[];
  /** A Redis Cluster's replicas (they replay every write): shown apart from the primaries. */
  redisReplicaPids: number[];
  /** Output of the relays, for a failure message. */
  relayOutput(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replicas: number;
  /** When set, replica 1 runs with --cpu-prof and writes its profile here on exit. */
  profileDir?: string;
  /** Both relays on a 3 + 3 Redis Cluster: ours with REDIS_CLUSTER_NODES, stock with Socket.IO's sharded adapter. */
  redisCluster?: boolean;
  /** Ours with REDIS_REPLICA_ACKS=1 (a send is acked once its shard's replica has it). */
  replicaAcks?: boolean;
}

interface BenchRedis {
  /** The relay's environment for reaching it. */
  env: Record<string, string>;
  primaryPids: number[];
  replicaPids: number[];
  stop(): Promise<void>;
}

async function startBenchRedis(cluster: boolean): Promise<BenchRedis> {
  if (!cluster) {
    const redis = await startRedisServer({ startTimeoutMs: 10_000 });
    return { env: { REDIS_URL: redis.url }, primaryPids: [redis.pid ?? 0], replicaPids: [], stop: () => redis.stop('SIGKILL') };
  }
  const redis = await startRedisCluster({ primaries: 3, replicasPerPrimary: 1 });
  try {
    const shards = await redis.shards();
    return {
      env: { REDIS_CLUSTER_NODES: redis.seedList },
      primaryPids: shards.map((shard) => shard.primary.pid ?? 0),
      replicaPids: shards.flatMap((shard) => shard.replicas.map((replica) => replica.pid ?? 0)),
      stop: () => redis.stop(),
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

/** Each relay's last 16 KB is plenty for a failure message. */
const OUTPUT_TAIL = 16_000;

/**
 * Our relay as deployed: REDIS_URL and a shared secret, logs at warn, and abuse limits opened
 * up so the bench measures the relay, not a limiter: every bench connection comes from
 * 127.0.0.1 (MAX_CONNECTIONS_PER_IP would refuse the 201st), and the per-user message limit gets
 * headroom for bursts (each bench user sends at most 8/s; the contract promises at least 10/s).
 */
function ourEnv(redisEnv: Record<string, string>, secret: string, replicaAcks: boolean): Record<string, string> {
  return {
    ...redisEnv,
    ...(replicaAcks ? { REDIS_REPLICA_ACKS: '1' } : {}),
    RELAY_SECRET: secret,
    LOG_LEVEL: 'warn',
    // Several replicas on one machine would all want the default metrics port (9464): off.
    METRICS_PORT: '0',
    MESSAGE_RATE_PER_SEC: '100000',
    MESSAGE_BURST: '1000000',
    MAX_CONNECTIONS_PER_IP: '1000000',
    NAME_API_URL: 'http://127.0.0.1:9/unused',
  };
}

/** Redis plus `replicas` relay processes of one implementation, each on its own loopback port, all ready. */
export async function startCluster(implementation: Implementation, options: ClusterOptions): Promise<Cluster> {
  const redis = await startBenchRedis(options.redisCluster === true);
  const relays: RelayReplica[] = [];
  const secret = randomBytes(32).toString('hex');
  // Only a profiled replica needs a graceful exit (node writes --cpu-prof output on exit); the
  // rest hold nothing worth keeping, and our relay's drain would add seconds to every run.
  const stop = async () => {
    await Promise.all(relays.map((relay, i) => (options.profileDir && i === 0 ? relay.stop('SIGTERM', 15_000) : relay.kill())));
    await redis.stop();
  };
  const relayOutput = () => relays.map((r) => `--- ${r.id} ---\n${r.output().slice(-OUTPUT_TAIL)}`).join('\n');
  const startReplica = async (i: number) => {
    // BENCH_RELAY_NODE_ARGS: extra node flags for every relay (e.g. "--trace-gc" or heap sizes).
    // Ours runs with the flags it ships with (scripts/relay-node-flags.mjs); stock with Node's defaults.
    const nodeArgs: string[] = [...(implementation === 'ours' ? RELAY_NODE_FLAGS : []), ...(process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    if (options.profileDir && i === 0) {
      mkdirSync(options.profileDir, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
    }
    relays[i] = await startRelayReplica({
      id: `bench-${implementation}-${i + 1}`,
      root: REPO_ROOT,
      // Both implementations on the same Node: RELAY_NODE (the image's, see run-bench.ts), else this one.
      ...(process.env.RELAY_NODE ? { node: process.env.RELAY_NODE } : {}),
      nodeArgs,
      env: { PATH: process.env.PATH ?? '', ...(implementation === 'ours' ? ourEnv(redis.env, secret, options.replicaAcks === true) : redis.env) },
      ...(implementation === 'ours'
        ? { entry: OUR_RELAY_ENTRY }
        : // The baseline stops when its IPC channel closes, i.e. when the bench goes away.
          { entry: BASELINE_RELAY_ENTRY, readyPath: '/healthz', ipc: true }),
    });
  };
  // In parallel: start-up is most of a smoke run's time.
  const results = await Promise.allSettled(Array.from({ length: options.replicas }, (_, i) => startReplica(i)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    // A replica that failed to start has already put its output into the error.
    const output = relayOutput();
    await stop();
    throw new Error(`${(failed.reason as Error).message}\n${output}`);
  }
  return {
    implementation,
    urls: relays.map((r) => r.url),
    relayPids: relays.map((r) => r.pid ?? 0),
    redisPids: redis.primaryPids,
    redisReplicaPids: redis.replicaPids,
    relayOutput,
    stop,
  };
}
