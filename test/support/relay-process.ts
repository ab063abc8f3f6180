import { startRelayReplica, type RelayReplica as LaunchedReplica } from '../../scripts/cluster/relay-replica.mjs';

/** A relay started for a test: the launcher's replica, with its metrics server always on. */
export type RelayReplica = LaunchedReplica & {
  /** The separate metrics server: GET `${metricsUrl}/metrics`. */
  readonly metricsUrl: string;
};

/** One secret for every replica a test starts, so tokens issued by one verify on all. */
export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

let counter = 0;

/**
 * The built relay (`npm run build` first) on a free loopback port, ready (/readyz 200), with the
 * tests' defaults: logs at info, no name API, metrics on a free port of their own, and with
 * `redisUrl` the shared TEST_SECRET. RELAY_NODE runs the relays on another Node binary (CI runs
 * them on the container image's version too). `nodeArgs` replaces the relay's own Node flags.
 */
export async function startRelay(opts: { redisUrl?: string; env?: Record<string, string>; replica?: string; nodeArgs?: readonly string[] } = {}): Promise<RelayReplica> {
  const replica = await startRelayReplica({
    id: opts.replica ?? `test-relay-${process.pid}-${++counter}`,
    startTimeoutMs: 15_000,
    ...(process.env.RELAY_NODE ? { node: process.env.RELAY_NODE } : {}),
    ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}),
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      NAME_API_URL: 'http://127.0.0.1:9/unused',
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, RELAY_SECRET: TEST_SECRET } : {}),
      ...opts.env,
    },
  });
  if (!replica.metricsUrl) throw new Error(`${replica.id} was started with METRICS_PORT=0; the tests read its metrics`);
  return replica as RelayReplica;
}
