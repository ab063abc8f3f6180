// Arguments and messages of `npm run cluster`, kept pure so they are tested without a cluster.
import { parseArgs } from 'node:util';
import { MAX_REPLICAS } from './start-cluster.mjs';

export const USAGE = `Usage: npm run cluster -- [--replicas N] [--port PORT]

Starts redis-server, N relay replicas (default 3) and HAProxy on 127.0.0.1:PORT (default 8080).
Ctrl-C (or SIGTERM) drains the relays, then stops HAProxy and Redis.`;

function wholeNumber(raw, name, min, max) {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

/** @returns {{ help: true } | { help: false, replicas: number, port: number }} */
export function parseClusterArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      replicas: { type: 'string', default: '3' },
      port: { type: 'string', default: '8080' },
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
 * The table printed once the cluster is up.
 * @param {{ url: string, haproxyPid?: number, redis?: { pid?: number, url: string } | null, logDir: string,
 *   replicas: Array<{ id: string, pid?: number, url: string, ready: number, balancer: string }> }} status
 */
export function formatClusterStatus(status) {
  const widths = [10, 12, 26, 16];
  // Columns line up, and a long cell still keeps two spaces before the next one.
  const pad = (cell, i) => cell + ' '.repeat(Math.max(2, (widths[i] ?? 0) - cell.length));
  const row = (...cells) => `  ${cells.map((c, i) => (i < cells.length - 1 ? pad(String(c), i) : String(c))).join('')}`;
  const readiness = (code) => (code === 200 ? 'ready' : code === 0 ? 'no answer' : `not ready (${code})`);
  return [
    `relay-chat cluster is up: ${status.url}`,
    row('haproxy', `pid ${status.haproxyPid ?? '?'}`, status.url, 'GET /readyz health checks'),
    ...(status.redis ? [row('redis', `pid ${status.redis.pid ?? '?'}`, status.redis.url)] : []),
    ...status.replicas.map((r) => row(r.id, `pid ${r.pid ?? '?'}`, r.url, readiness(r.ready), `balancer: ${r.balancer}`)),
    row('logs', status.logDir),
    'Ctrl-C stops everything (the relays drain first).',
  ].join('\n');
}
