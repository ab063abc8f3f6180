import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { freePort } from '../../test/support/free-port.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { Implementation } from '../bench-results.js';
import { BASELINE_RELAY_ENTRY, OUR_RELAY_ENTRY, REPO_ROOT } from './bench-paths.js';
import { spawnManaged, type ManagedProcess } from './managed-process.js';
import { startBenchRedis } from './redis-process.js';

export interface Cluster {
  implementation: Implementation;
  urls: string[];
  relayPids: number[];
  redisPid: number;
  /** Output of the relays, for a failure message. */
  relayOutput(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replicas: number;
  /** When set, replica 1 runs with --cpu-prof and writes its profile here on exit. */
  profileDir?: string;
}

/**
 * Our relay as deployed: REDIS_URL and a shared secret, logs at warn, and abuse limits opened
 * up so the bench measures the relay, not a limiter: every bench connection comes from
 * 127.0.0.1 (MAX_CONNECTIONS_PER_IP would refuse the 201st), and the per-user message limit gets
 * headroom for bursts (each bench user sends at most 8/s; the contract promises at least 10/s).
 */
function ourEnv(redisUrl: string, secret: string, replica: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    RELAY_SECRET: secret,
    LOG_LEVEL: 'warn',
    // Several replicas on one machine would all want the default metrics port (9464): off.
    METRICS_PORT: '0',
    MESSAGE_RATE_PER_SEC: '100000',
    MESSAGE_BURST: '1000000',
    MAX_CONNECTIONS_PER_IP: '1000000',
    NAME_API_URL: 'http://127.0.0.1:9/unused',
    REPLICA_ID: replica,
  };
}

/** Redis plus `replicas` relay processes of one implementation, each on its own loopback port, all ready. */
export async function startCluster(implementation: Implementation, options: ClusterOptions): Promise<Cluster> {
  const redis = await startBenchRedis();
  const relays: ManagedProcess[] = [];
  const urls: string[] = [];
  const secret = randomBytes(32).toString('hex');
  // Only a profiled replica needs a graceful exit (node writes --cpu-prof output on exit); the
  // rest hold nothing worth keeping, and our relay's drain would add seconds to every run.
  const stop = async () => {
    await Promise.all(relays.map((relay, i) => (options.profileDir && i === 0 ? relay.stop('SIGTERM', 15_000) : relay.stop('SIGKILL'))));
    await redis.stop();
  };
  const startReplica = async (i: number) => {
    const port = await freePort();
    const replica = `bench-${implementation}-${i + 1}`;
    // BENCH_RELAY_NODE_ARGS: extra node flags for every relay (e.g. "--trace-gc" or heap sizes).
    // Ours runs with the flags it ships with (scripts/relay-node-flags.mjs); stock with Node's defaults.
    const nodeArgs: string[] = [...(implementation === 'ours' ? RELAY_NODE_FLAGS : []), ...(process.env.BENCH_RELAY_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    if (options.profileDir && i === 0) {
      mkdirSync(options.profileDir, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
    }
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(implementation === 'ours' ? ourEnv(redis.url, secret, replica) : { REDIS_URL: redis.url }),
    };
    const entry = implementation === 'ours' ? OUR_RELAY_ENTRY : BASELINE_RELAY_ENTRY;
    const relay = spawnManaged(replica, process.execPath, [...nodeArgs, entry], { env, cwd: REPO_ROOT, ipc: implementation === 'stock' });
    relays[i] = relay;
    const url = `http://127.0.0.1:${port}`;
    const probe = implementation === 'ours' ? '/readyz' : '/healthz';
    await waitFor(
      async () => {
        if (!relay.isRunning()) throw new Error(`${replica} exited during start-up:\n${relay.tail()}`);
        const res = await fetch(url + probe).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: 20_000, what: `${replica} to answer ${probe} with 200` },
    );
    urls[i] = url;
  };
  try {
    // In parallel: start-up is most of a smoke run's time. (Holes in `relays` after a failed
    // spawn are skipped by map.)
    await Promise.all(Array.from({ length: options.replicas }, (_, i) => startReplica(i)));
  } catch (error) {
    const output = relays.map((r) => `--- ${r.name} ---\n${r.tail()}`).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    implementation,
    urls,
    relayPids: relays.map((r) => r.pid),
    redisPid: redis.pid,
    relayOutput: () => relays.map((r) => `--- ${r.name} ---\n${r.tail()}`).join('\n'),
    stop,
  };
}
