// Arguments and messages of `npm run cluster`, kept pure so they are tested without a cluster.
import { parseArgs } from 'node:util';
import { MAX_REPLICAS } from './start-cluster.mjs';

export const USAGE = `Usage: npm run cluster -- [--replicas N] [--port PORT] [--redis-cluster]

Starts redis-server, N relay replicas (default 3) and HAProxy on 127.0.0.1:PORT (default 8080).
  --redis-cluster  a Redis Cluster (3 primaries + 3 replicas) instead of one redis-server; the
                   relays get REDIS_CLUSTER_NODES (all six nodes) and REDIS_REPLICA_ACKS=1
Ctrl-C (or SIGTERM) drains the relays, then stops HAProxy and Redis.`;

function wholeNumber(raw, name, min, max) {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

/** @returns {{ help: true } | { help: false, replicas: number, port: number, redisCluster: boolean }} */
export function parseClusterArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      replicas: { type: 'string', default: '3' },
      port: { type: 'string', default: '8080' },
      'redis-cluster': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  return {
    help: false,
    replicas: wholeNumber(values.replicas, 'replicas', 1, MAX_REPLICAS),
    port: wholeNumber(values.port, 'port', 1, 65535),
    redisCluster: values['redis-cluster'],
  };
}

/** The one message for missing Debian packages, with the exact command that fixes it. */
export function missingPackagesMessage(packages) {
  return [
    `npm run cluster needs ${packages.join(' and ')}, which ${packages.length === 1 ? 'is' : 'are'} not installed.`,
    'Install with:',
    `  sudo apt-get install -y ${packages.join(' ')}`,
  ].join('\n');
}

/**
 * The store a relay says it runs on, from its "relay ready" log line (pino JSON): "Redis (url)",
 * "in-memory (single process)"…; undefined when the line is not (or no longer) in `output`.
 */
export function relayStoreMode(output) {
  for (const line of output.split('\n')) {
    if (!line.includes('"mode"')) continue;
    try {
      const entry = JSON.parse(line);
      if (typeof entry.mode === 'string' && String(entry.msg).startsWith('relay ready')) return entry.mode;
    } catch {
      // Not a log line of the relay's (or cut off by the output tail): keep looking.
    }
  }
  return undefined;
}

/**
 * A relay build that does not know REDIS_CLUSTER_NODES yet ignores it and runs in memory: each
 * replica alone, which looks like a working cluster until two users on two replicas miss each
 * other's messages. Say so instead of letting it pass.
 * @param {Array<{ id: string, mode?: string }>} replicas
 */
export function redisClusterWarning(replicas) {
  const alone = replicas.filter((r) => r.mode === undefined || !r.mode.startsWith('Redis'));
  if (alone.length === 0) return undefined;
  const modes = alone.map((r) => `${r.id}: ${r.mode ?? 'mode not reported'}`).join(', ');
  return [
    `WARNING: the Redis Cluster is up, but ${alone.length === replicas.length ? 'the relays do' : 'some relays do'} not use it (${modes}).`,
    'This relay build does not support REDIS_CLUSTER_NODES yet: each replica keeps its own in-memory',
    'store, so clients on different replicas do not see each other. Use it without --redis-cluster.',
  ].join('\n');
}

/**
 * The table printed once the cluster is up.
 * @param {{ url: string, haproxyPid?: number, redis?: { pid?: number, url: string } | null, logDir: string,
 *   redisCluster?: Array<{ primary: { port: number, pid?: number }, replicas: Array<{ port: number, pid?: number }>, slots: Array<[number, number]> }> | null,
 *   redisClusterSeeds?: string,
 *   replicas: Array<{ id: string, pid?: number, url: string, ready: number, balancer: string, mode?: string }> }} status
 */
export function formatClusterStatus(status) {
  const widths = [10, 12, 26, 16];
  // Columns line up, and a long cell still keeps two spaces before the next one.
  const pad = (cell, i) => cell + ' '.repeat(Math.max(2, (widths[i] ?? 0) - cell.length));
  const row = (...cells) => `  ${cells.map((c, i) => (i < cells.length - 1 ? pad(String(c), i) : String(c))).join('')}`;
  const readiness = (code) => (code === 200 ? 'ready' : code === 0 ? 'no answer' : `not ready (${code})`);
  const node = (n) => `127.0.0.1:${n.port} (pid ${n.pid ?? '?'})`;
  const slots = (ranges) => ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',');
  // In slot order: CLUSTER NODES lists nodes in no particular order.
  const shards = [...(status.redisCluster ?? [])].sort((x, y) => (x.slots[0]?.[0] ?? 0) - (y.slots[0]?.[0] ?? 0));
  return [
    `relay-chat cluster is up: ${status.url}`,
    row('haproxy', `pid ${status.haproxyPid ?? '?'}`, status.url, 'GET /readyz health checks'),
    ...(status.redis ? [row('redis', `pid ${status.redis.pid ?? '?'}`, status.redis.url)] : []),
    // Shard rows have cells of their own widths: two spaces between them.
    ...shards.map((s, i) => `  ${[`shard ${i + 1}`, `primary ${node(s.primary)}`, s.replicas.map((r) => `replica ${node(r)}`).join(', ') || 'no replica', `slots ${slots(s.slots)}`].join('  ')}`),
    ...(status.redisClusterSeeds ? [`  relays get REDIS_CLUSTER_NODES=${status.redisClusterSeeds}`] : []),
    ...status.replicas.map((r) => row(r.id, `pid ${r.pid ?? '?'}`, r.url, readiness(r.ready), `balancer: ${r.balancer}${r.mode ? `  store: ${r.mode}` : ''}`)),
    row('logs', status.logDir),
    'Ctrl-C stops everything (the relays drain first).',
  ].join('\n');
}
