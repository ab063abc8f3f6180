// One relay replica of the local cluster: `node dist/relay/main.js` on its own loopback port.
import { join } from 'node:path';
import { RELAY_NODE_FLAGS } from '../relay-node-flags.mjs';
import { startProcess } from './managed-process.mjs';
import { GiveUp, httpStatus, waitFor } from './wait-for.mjs';

/**
 * @param {{ id: string, port: number, root: string, workDir: string, env: NodeJS.ProcessEnv }} options
 */
export async function startReplica({ id, port, root, workDir, env }) {
  const url = `http://127.0.0.1:${port}`;
  let proc;
  const start = async () => {
    proc = startProcess({
      name: id,
      command: process.execPath,
      args: [...RELAY_NODE_FLAGS, join(root, 'dist', 'relay', 'main.js')],
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', REPLICA_ID: id },
      logFile: join(workDir, 'logs', `${id}.log`),
    });
    try {
      await waitFor(
        async () => {
          if (!proc.running()) throw new GiveUp(`${id} exited during start-up`);
          return (await httpStatus(`${url}/readyz`)) === 200;
        },
        { timeoutMs: 20_000, what: `${id} to answer 200 on /readyz` },
      );
    } catch (error) {
      proc.killNow();
      throw new Error(`${error.message}\n--- ${id} output ---\n${proc.output()}`, { cause: error });
    }
  };
  await start();
  return {
    id,
    port,
    url,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    output: () => proc.output(),
    /** The replica's own /readyz status (0 when it does not answer). */
    readyStatus: () => httpStatus(`${url}/readyz`),
    /** SIGTERM drains (clients get `relay:draining`); resolves with the exit code. */
    async stop(signal = 'SIGTERM') {
      return (await proc.stop(signal)).code;
    },
    /** SIGKILL: the replica dies without any cleanup. */
    async kill() {
      await proc.stop('SIGKILL');
    },
    /** Starts it again (same id and port) after stop or kill, and waits until it is ready. */
    async start() {
      if (proc.running()) throw new Error(`${id} is still running`);
      await start();
    },
    killNow: () => proc.killNow(),
  };
}
