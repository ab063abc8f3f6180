// `npm run cluster` and startCluster(): real redis-server, relay processes and HAProxy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, SessionEvent } from '../../shared/index.js';
import { formatClusterStatus, missingPackagesMessage, parseClusterArgs } from '../../scripts/cluster/command-line.mjs';
import { startCluster, type Cluster } from '../../scripts/cluster/start-cluster.mjs';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Connects through `url` with the websocket transport only and resolves with the `session` event. */
function connect(url: string, sockets: ChatSocket[]): Promise<SessionEvent> {
  const socket: ChatSocket = io(url, { transports: ['websocket'], reconnection: false, auth: { name: 'Deploy Test' } });
  sockets.push(socket);
  return new Promise((resolveSession, reject) => {
    socket.once('session', resolveSession);
    socket.once('connect_error', reject);
  });
}

describe('startCluster', () => {
  let cluster: Cluster | undefined;
  const sockets: ChatSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await cluster?.stop();
    cluster = undefined;
  });

  it('puts 2 relays behind HAProxy: /readyz answers, WebSocket clients get a session from both, stop() leaves nothing', async () => {
    cluster = await startCluster({ replicas: 2, env: { NAME_API_URL: 'http://127.0.0.1:9/unused' } });
    expect(cluster.replicas.map((r) => r.id)).toEqual(['relay-1', 'relay-2']);
    expect((await cluster.haproxy.serverStates()).map((s) => [s.name, s.status])).toEqual([['relay-1', 'UP'], ['relay-2', 'UP']]);

    const ready = await fetch(`${cluster.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    // Each connection goes to the least loaded replica: four clients reach both.
    const sessions: SessionEvent[] = [];
    for (let i = 0; i < 4; i++) sessions.push(await connect(cluster.url, sockets));
    expect(sessions.every((s) => s.user.id && s.token)).toBe(true);
    expect(new Set(sessions.map((s) => s.replica))).toEqual(new Set(['relay-1', 'relay-2']));

    const pids = [cluster.haproxy.pid, cluster.redis?.pid, ...cluster.replicas.map((r) => r.pid)];
    expect(pids.every(alive)).toBe(true);
    const { workDir } = cluster;
    for (const socket of sockets.splice(0)) socket.close();
    const exits = await cluster.stop();
    cluster = undefined;
    expect(exits).toEqual([{ id: 'relay-1', code: 0 }, { id: 'relay-2', code: 0 }]);
    expect(pids.filter(alive)).toEqual([]);
    expect(existsSync(workDir)).toBe(false);
  });

  it('sends new clients to the surviving replica once one is killed', async () => {
    cluster = await startCluster({ replicas: 2, env: { NAME_API_URL: 'http://127.0.0.1:9/unused' } });
    const [first, second] = cluster.replicas;
    await first?.kill();
    const balancer = cluster.haproxy;
    await waitFor(async () => (await balancer.serverStates()).find((s) => s.name === 'relay-1')?.status === 'DOWN', {
      timeoutMs: 10_000,
      what: 'HAProxy to mark relay-1 DOWN',
    });
    for (let i = 0; i < 3; i++) expect((await connect(cluster.url, sockets)).replica).toBe(second?.id);
  });
});

describe('npm run cluster', () => {
  it('stops with the exact install command when redis-server or haproxy is missing', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-tools-'));
    try {
      const run = spawnSync(process.execPath, [join(ROOT, 'scripts/cluster.mjs')], { env: { PATH: emptyPath }, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('sudo apt-get install -y redis-server haproxy');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
    expect(missingPackagesMessage(['haproxy'])).toContain('sudo apt-get install -y haproxy');
  });

  it('takes --replicas and --port, and refuses nonsense', () => {
    expect(parseClusterArgs([])).toEqual({ help: false, replicas: 3, port: 8080 });
    expect(parseClusterArgs(['--replicas', '5', '--port', '9000'])).toEqual({ help: false, replicas: 5, port: 9000 });
    expect(() => parseClusterArgs(['--replicas', '0'])).toThrow(/--replicas/);
    expect(() => parseClusterArgs(['--port', 'http'])).toThrow(/--port/);
    expect(() => parseClusterArgs(['--bogus'])).toThrow();
  });

  it("prints the URL and each replica's state", () => {
    const text = formatClusterStatus({
      url: 'http://127.0.0.1:8080',
      haproxyPid: 10,
      redis: { pid: 11, url: 'redis://127.0.0.1:6000' },
      logDir: '/tmp/logs',
      replicas: [
        { id: 'relay-1', pid: 12, url: 'http://127.0.0.1:4001', ready: 200, balancer: 'UP' },
        { id: 'relay-2', pid: 13, url: 'http://127.0.0.1:4002', ready: 503, balancer: 'DOWN' },
      ],
    });
    expect(text).toContain('http://127.0.0.1:8080');
    expect(text).toMatch(/relay-1 +pid 12 +http:\/\/127\.0\.0\.1:4001 +ready +balancer: UP/);
    expect(text).toMatch(/relay-2 .*not ready \(503\) +balancer: DOWN/);
  });
});
