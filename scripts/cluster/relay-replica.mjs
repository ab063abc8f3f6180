// One relay process on its own loopback port: `node dist/relay/main.js` by default (the
// benchmark also starts its stock Socket.IO baseline through here), ready once its probe says 200.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RELAY_NODE_FLAGS } from '../relay-node-flags.mjs';
import { freePort } from './free-port.mjs';
import { startProcess, waitUntilReady } from './managed-process.mjs';
import { httpStatus } from './wait-for.mjs';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** @param {import('./relay-replica.d.mts').RelayReplicaOptions} options */
export async function startRelayReplica(options) {
  const { id, env = {}, root = REPO_ROOT, nodeArgs = RELAY_NODE_FLAGS, readyPath = '/readyz', logFile, ipc = false, detached = false, startTimeoutMs = 20_000 } = options;
  const entry = options.entry ?? join(root, 'dist', 'relay', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // Metrics on a port of their own (the relay never serves them on PORT): a free one unless the
  // caller's env decides (METRICS_PORT=0 turns them off).
  let metricsPort = env.METRICS_PORT !== undefined ? Number(env.METRICS_PORT) : await freePort();
  // Two free-port probes in a row may get the same port back (the first was released already);
  // the relay refuses METRICS_PORT equal to PORT (a CI run failed so, 2026-12-01).
  while (env.METRICS_PORT === undefined && metricsPort === port) metricsPort = await freePort();
  let proc;
  const start = async () => {
    proc = startProcess({
      name: id,
      command: options.node ?? process.execPath,
      args: [...nodeArgs, entry],
      cwd: root,
      env: { ...env, PORT: String(port), METRICS_PORT: String(metricsPort), HOST: '127.0.0.1', REPLICA_ID: id },
      logFile,
      ipc,
      detached,
    });
    await waitUntilReady(proc, async () => (await httpStatus(`${url}${readyPath}`)) === 200, {
      timeoutMs: startTimeoutMs,
      what: `${id} to answer 200 on ${readyPath}`,
    });
  };
  await start();
  return {
    id,
    port,
    url,
    metricsUrl: metricsPort > 0 ? `http://127.0.0.1:${metricsPort}` : undefined,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    output: () => proc.output(),
    readyStatus: () => httpStatus(`${url}/readyz`),
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      return (await proc.stop(signal, timeoutMs)).code;
    },
    async kill() {
      await proc.stop('SIGKILL');
    },
    async start() {
      if (proc.running()) throw new Error(`${id} is still running`);
      await start();
    },
    killNow: () => proc.killNow(),
  };
}
