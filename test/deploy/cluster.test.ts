// `npm run cluster` and startCluster(): real redis-server (or Redis Cluster), relay processes and HAProxy.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, SessionEvent } from '../../shared/index.js';
import { formatClusterStatus, missingPackagesMessage, parseClusterArgs, redisClusterWarning, relayStoreMode } from '../../scripts/cluster/command-line.mjs';
import { HASH_SLOTS } from '../../scripts/cluster/cluster-nodes.mjs';
import { freePort } from '../../scripts/cluster/free-port.mjs';
import { withRedisClient } from '../../scripts/cluster/redis-query.mjs';
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

// What `npm run cluster -- --redis-cluster` owns, through the command itself: the Redis Cluster
// and the relays' environment. Whether a relay actually serves from the cluster is the relay's
// part (its own cluster suites): a relay build without Redis Cluster support ignores
// REDIS_CLUSTER_NODES, still gets ready, and the command warns about it.
describe('npm run cluster -- --redis-cluster', () => {
  let command: ChildProcess | undefined;
  afterEach(() => {
    if (command?.exitCode === null) command.kill('SIGKILL');
  });

  /** The environment a running process was started with (Linux: /proc/PID/environ). */
  const environmentOf = (pid: number) =>
    Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );

  it('starts 3 primaries + 3 replicas reporting cluster_state:ok, hands every relay REDIS_CLUSTER_NODES instead of REDIS_URL, prints them, and Ctrl-C leaves nothing', async () => {
    const port = await freePort();
    let output = '';
    // REDIS_URL in the caller's environment must not reach the relays.
    command = spawn(process.execPath, [join(ROOT, 'scripts/cluster.mjs'), '--redis-cluster', '--replicas', '2', '--port', String(port)], {
      env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', NAME_API_URL: 'http://127.0.0.1:9/unused' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    command.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    command.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('Ctrl-C stops everything') || command?.exitCode !== null, { timeoutMs: 60_000, what: 'npm run cluster to report the cluster up' });
    expect(output).toContain(`relay-chat cluster is up: http://127.0.0.1:${port}`);

    const shards = [...output.matchAll(/shard \d +primary 127\.0\.0\.1:(\d+) \(pid (\d+)\) +replica 127\.0\.0\.1:(\d+) \(pid (\d+)\) +slots [\d,-]+/g)];
    expect(shards).toHaveLength(3);
    const nodePorts = shards.flatMap((m) => [Number(m[1]), Number(m[3])]);
    for (const nodePort of nodePorts) {
      const info = String(await withRedisClient(nodePort, (c) => c.call('CLUSTER', 'INFO')));
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain(`cluster_slots_ok:${HASH_SLOTS}`);
      expect(info).toContain('cluster_known_nodes:6');
    }
    const seeds = /relays get REDIS_CLUSTER_NODES=(\S+)/.exec(output)?.[1];
    expect(seeds?.split(',').sort()).toEqual(nodePorts.map((p) => `127.0.0.1:${p}`).sort());

    const relays = [...output.matchAll(/(relay-\d) +pid (\d+) .* ready +balancer: UP +store: (.+)/g)];
    expect(relays.map((m) => m[1])).toEqual(['relay-1', 'relay-2']);
    for (const [, , pid] of relays) {
      const env = environmentOf(Number(pid));
      expect(env.REDIS_CLUSTER_NODES).toBe(seeds);
      expect(env.REDIS_REPLICA_ACKS).toBe('1');
      expect(env.RELAY_SECRET?.length).toBeGreaterThanOrEqual(32);
      expect(Object.keys(env).filter((k) => ['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_SENTINEL_NAME'].includes(k))).toEqual([]);
    }
    // Until the relay supports the cluster, the command says the relays do not use it.
    const inMemory = relays.some((m) => m[3]?.startsWith('in-memory'));
    expect(output.includes('WARNING: the Redis Cluster is up, but')).toBe(inMemory);

    const pids = [...shards.flatMap((m) => [Number(m[2]), Number(m[4])]), ...relays.map((m) => Number(m[2]))];
    expect(pids.every(alive)).toBe(true);
    const exited = new Promise((resolve) => command?.once('exit', resolve));
    command.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/relay-1 exited with 0[\s\S]*Stopped\./);
    expect(pids.filter(alive)).toEqual([]);
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
    expect(parseClusterArgs([])).toEqual({ help: false, replicas: 3, port: 8080, redisCluster: false });
    expect(parseClusterArgs(['--replicas', '5', '--port', '9000'])).toEqual({ help: false, replicas: 5, port: 9000, redisCluster: false });
    expect(parseClusterArgs(['--redis-cluster', '--replicas', '2'])).toEqual({ help: false, replicas: 2, port: 8080, redisCluster: true });
    expect(parseClusterArgs(['--help', '--redis-cluster'])).toEqual({ help: true });
    // A flag, not an option: a value after it is a stray positional.
    expect(() => parseClusterArgs(['--redis-cluster', 'yes'])).toThrow();
    expect(() => parseClusterArgs(['--redis-cluster=yes'])).toThrow(/redis-cluster/);
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

  it('prints one row per Redis Cluster shard: its slots, its primary and its replica', () => {
    const text = formatClusterStatus({
      url: 'http://127.0.0.1:8080',
      logDir: '/tmp/logs',
      redisCluster: [
        { primary: { port: 7002, pid: 22 }, replicas: [], slots: [[5461, 10921], [10922, 10922]] },
        { primary: { port: 7001, pid: 21 }, replicas: [{ port: 7004, pid: 24 }], slots: [[0, 5460]] },
      ],
      redisClusterSeeds: '127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7004',
      replicas: [{ id: 'relay-1', pid: 12, url: 'http://127.0.0.1:4001', ready: 200, balancer: 'UP', mode: 'Redis (cluster)' }],
    });
    expect(text).toContain('  shard 1  primary 127.0.0.1:7001 (pid 21)  replica 127.0.0.1:7004 (pid 24)  slots 0-5460\n');
    expect(text).toContain('  shard 2  primary 127.0.0.1:7002 (pid 22)  no replica  slots 5461-10921,10922\n');
    expect(text).toContain('relays get REDIS_CLUSTER_NODES=127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7004\n');
    expect(text).toMatch(/relay-1 .*balancer: UP {2}store: Redis \(cluster\)/);
    expect(text).not.toContain('redis ');
  });

  it("reads each relay's store from its ready log line, and warns when a relay ignores the Redis Cluster", () => {
    const ready = (mode: string) => JSON.stringify({ level: 30, replica: 'relay-1', mode, msg: `relay ready at http://127.0.0.1:4001 (${mode})` });
    const log = ['{"level":30,"msg":"starting","mode":"not this line"}', '{"level":30,"mo', ready('Redis (cluster)'), ''].join('\n');
    expect(relayStoreMode(log)).toBe('Redis (cluster)');
    expect(relayStoreMode('{"level":30,"msg":"listening"}\n')).toBeUndefined();

    expect(redisClusterWarning([{ id: 'relay-1', mode: 'Redis (cluster)' }, { id: 'relay-2', mode: 'Redis (cluster)' }])).toBeUndefined();
    const some = redisClusterWarning([{ id: 'relay-1', mode: 'Redis (cluster)' }, { id: 'relay-2', mode: 'in-memory (single process)' }]);
    expect(some).toMatch(/some relays do not use it \(relay-2: in-memory \(single process\)\)/);
    expect(some).toContain('does not support REDIS_CLUSTER_NODES');
    expect(redisClusterWarning([{ id: 'relay-1' }])).toMatch(/the relays do not use it \(relay-1: mode not reported\)/);
  });
});
