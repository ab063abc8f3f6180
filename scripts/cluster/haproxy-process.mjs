// HAProxy in front of the replicas, with a stats socket to read each replica's health as the
// balancer sees it.
import { writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { parseServerStates, renderHaproxyConfig } from './haproxy-config.mjs';
import { startProcess, waitUntilReady } from './managed-process.mjs';
import { httpStatus } from './wait-for.mjs';

function statsQuery(socketPath, command) {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = createConnection(socketPath, () => socket.end(`${command}\n`));
    socket.setTimeout(2000, () => socket.destroy(new Error('HAProxy stats socket timed out')));
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.once('error', reject);
    socket.once('close', () => resolve(text));
  });
}

/**
 * @param {{ port: number, servers: Array<{ name: string, host: string, port: number }>, workDir: string, detached?: boolean }} options
 */
export async function startHaproxy({ port, servers, workDir, detached = false }) {
  const statsSocket = join(workDir, 'haproxy.sock');
  const configFile = join(workDir, 'haproxy.cfg');
  writeFileSync(configFile, renderHaproxyConfig({ bind: { host: '127.0.0.1', port }, servers, statsSocket }));
  // -db: stay in the foreground, so this process is the one we signal.
  const proc = startProcess({ name: 'haproxy', command: 'haproxy', args: ['-db', '-f', configFile], logFile: join(workDir, 'logs', 'haproxy.log'), detached });
  const serverStates = async () => parseServerStates(await statsQuery(statsSocket, 'show stat'));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(
    proc,
    async () => {
      const states = await serverStates();
      return states.length === servers.length && states.every((s) => s.status === 'UP') && (await httpStatus(`${url}/readyz`)) === 200;
    },
    { timeoutMs: 15_000, what: 'HAProxy to see every replica UP' },
  );
  return {
    port,
    url,
    configFile,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    output: () => proc.output(),
    serverStates,
    stop: async () => {
      await proc.stop('SIGTERM', 5000);
    },
    killNow: () => proc.killNow(),
  };
}
