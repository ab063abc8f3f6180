import { startRelayReplica, type RelayReplica } from '../../scripts/cluster/relay-replica.mjs';

export type { RelayReplica };

/** One secret for every replica a test starts, so tokens issued by one verify on all. */
export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

let counter = 0;

/**
 * The built relay (`npm run build` first) on a free loopback port, ready (/readyz 200), with the
 * tests' defaults: logs at info, no name API, and with `redisUrl` the shared TEST_SECRET.
 */
export function startRelay(opts: { redisUrl?: string; env?: Record<string, string>; replica?: string } = {}): Promise<RelayReplica> {
  return startRelayReplica({
    id: opts.replica ?? `test-relay-${process.pid}-${++counter}`,
    startTimeoutMs: 15_000,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      NAME_API_URL: 'http://127.0.0.1:9/unused',
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, RELAY_SECRET: TEST_SECRET } : {}),
      ...opts.env,
    },
  });
}
