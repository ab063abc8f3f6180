// Checks that the Debian packages the test suites drive for real are installed, and installs
// them when it can (root with apt-get). Otherwise it stops at once with the exact command, so a
// newcomer never meets a confusing failure half-way through the suites.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Command on PATH (or absolute path) → the Debian package that provides it. `probe`: a command
 * that succeeds once the package is there, for packages that are not a command of their own
 * (Python modules for Debian's own /usr/bin/python3, not whatever `python3` is first on PATH).
 */
export const REQUIRED = [
  { command: 'redis-server', pkg: 'redis-server', why: 'Redis for the store suite and the multi-replica tests' },
  { command: 'redis-cli', pkg: 'redis-tools', why: 'redis-cli --cluster create for the Redis Cluster suite' },
  { command: 'haproxy', pkg: 'haproxy', why: 'the load balancer in front of the replicas' },
  { command: '/usr/bin/chromium', pkg: 'chromium', why: 'headless browser for the web client tests' },
  { command: 'python3-socketio', probe: ['/usr/bin/python3', '-c', 'import socketio'], pkg: 'python3-socketio', why: 'the python-socketio bot test (contract v1.1)' },
  { command: 'python3-websocket', probe: ['/usr/bin/python3', '-c', 'import websocket'], pkg: 'python3-websocket', why: "the WebSocket transport for python-socketio's client" },
];

function has(command, probe) {
  if (probe) return spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' }).status === 0;
  if (command.startsWith('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages(required = REQUIRED) {
  return required.filter((r) => !has(r.command, r.probe));
}

export function ensureSystemPackages(required = REQUIRED) {
  const missing = missingPackages(required);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const list = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
  const command = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`Missing system packages:\n${list}\n\nInstall them, then run the tests again:\n  sudo ${command}\n`);
    process.exit(1);
  }
  console.log(`Installing missing system packages:\n${list}\n$ ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...pkgs]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`\n"apt-get ${args.join(' ')}" failed (exit ${run.status}). Fix the apt sources, then run:\n  ${command}\n`);
      process.exit(1);
    }
  }
  const still = missingPackages(required);
  if (still.length > 0) {
    console.error(`Still missing after install: ${still.map((m) => m.command).join(', ')}`);
    process.exit(1);
  }
}
