// docker-compose.yml's `cluster` profile, checked without a Docker engine: the file's references
// resolve, and its Redis commands work — six redis-server processes started with each node's exact
// flags, then the init service's own script forming (and, run again, recognising) the cluster.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HASH_SLOTS } from '../../scripts/cluster/cluster-nodes.mjs';
import { COMPOSE_CLUSTER_RELAYS, composeHaproxyConfig } from '../../scripts/cluster/compose-haproxy.mjs';
import { withRedisClient } from '../../scripts/cluster/redis-query.mjs';
import { haproxyAccepts } from './support/haproxy-check.js';
import { startLocalRedisNodes, waitForReplicasPerPrimary, type LocalRedisNodes } from './support/local-redis-nodes.js';

interface Service {
  profiles?: string[];
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
  configs?: Array<{ source: string; target: string }>;
  read_only?: boolean;
  cap_drop?: string[];
}

const ROOT = resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  configs: Record<string, { content: string }>;
};
const NODES = ['redis-node-1', 'redis-node-2', 'redis-node-3', 'redis-node-4', 'redis-node-5', 'redis-node-6'];
const inProfile = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('cluster'));
const service = (name: string) => compose.services[name] as Service;
const dependencies = (s: Service) => (Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, undefined])) : (s.depends_on ?? {}));
/** What the container's shell receives: compose turns `$$` into `$`. */
const afterInterpolation = (text: string) => text.replaceAll('$$', '$');

describe('docker-compose.yml cluster profile', () => {
  it('holds six Redis nodes, the one-shot init, three relays and their HAProxy, and nothing else', () => {
    expect(inProfile.map(([name]) => name).sort()).toEqual([...NODES, 'redis-cluster-init', ...COMPOSE_CLUSTER_RELAYS, 'cluster-haproxy'].sort());
    for (const [name, s] of Object.entries(compose.services)) expect([undefined, ['cluster']], name).toContainEqual(s.profiles);
  });

  it('runs each node from the official image in cluster mode, on its own volume, answering its name', () => {
    for (const [i, name] of NODES.entries()) {
      const s = service(name);
      expect(s.image).toMatch(/^redis:7\.\d+-alpine$/);
      const args = s.command ?? [];
      const flag = (f: string) => args[args.indexOf(f) + 1];
      expect(args[0]).toBe('redis-server');
      expect([flag('--cluster-enabled'), flag('--port'), flag('--appendonly'), flag('--appendfsync')]).toEqual(['yes', '6379', 'yes', 'always']);
      expect([flag('--cluster-announce-hostname'), flag('--cluster-preferred-endpoint-type')]).toEqual([name, 'hostname']);
      expect(s.volumes).toEqual([`redis-node-${i + 1}-data:/data`]);
      expect(s.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    }
    expect(Object.keys(compose.volumes).filter((v) => v.startsWith('redis-node-'))).toEqual(NODES.map((n) => `${n}-data`));
  });

  it('forms the cluster once every node is healthy, with one replica per primary', () => {
    const init = service('redis-cluster-init');
    expect(init.image).toBe(service('redis-node-1').image);
    expect(dependencies(init)).toEqual(Object.fromEntries(NODES.map((n) => [n, { condition: 'service_healthy' }])));
    const script = init.command?.[2] ?? '';
    expect(init.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(script).toContain(`redis-cli --cluster create ${NODES.map((n) => `${n}:6379`).join(' ')} --cluster-replicas 1 --cluster-yes`);
    expect(spawnSync('sh', ['-n'], { input: afterInterpolation(script) }).status).toBe(0);
  });

  it('points each relay at every node with REDIS_CLUSTER_NODES (no REDIS_URL) once the cluster is formed', () => {
    for (const name of COMPOSE_CLUSTER_RELAYS) {
      const relay = service(name);
      const env = relay.environment ?? {};
      expect(env.REPLICA_ID).toBe(name);
      expect(env.REDIS_CLUSTER_NODES?.split(',')).toEqual(NODES.map((n) => `${n}:6379`));
      expect(env.REDIS_URL).toBeUndefined();
      expect(env.REDIS_REPLICA_ACKS).toBe('1');
      expect(env.RELAY_SECRET).toMatch(/^\$\{RELAY_SECRET:\?/);
      expect(relay).toMatchObject({ image: 'relay-chat:0.1.0', read_only: true, cap_drop: ['ALL'] });
      expect(dependencies(relay)).toEqual({ 'redis-cluster-init': { condition: 'service_completed_successfully' } });
    }
  });

  it("balances over the cluster relays on its own port with the generator's configuration, which HAProxy accepts", () => {
    const balancer = service('cluster-haproxy');
    expect(Object.keys(dependencies(balancer)).sort()).toEqual([...COMPOSE_CLUSTER_RELAYS].sort());
    expect(balancer.ports).toEqual(['127.0.0.1:8081:8080']);
    expect(service('haproxy').ports).not.toContain('127.0.0.1:8081:8080');
    const source = balancer.configs?.[0]?.source ?? '';
    const content = compose.configs[source]?.content ?? '';
    expect(content).toBe(composeHaproxyConfig(COMPOSE_CLUSTER_RELAYS));
    expect(content).not.toContain('$');
    const check = haproxyAccepts(content);
    expect(check.status, check.stderr).toBe(0);
  });

  it('depends only on services it starts, and every volume and config it names exists', () => {
    for (const [name, s] of inProfile) {
      for (const target of Object.keys(dependencies(s))) expect(compose.services[target]?.profiles, `${name} → ${target}`).toEqual(['cluster']);
      for (const volume of s.volumes ?? []) expect(compose.volumes, name).toHaveProperty([volume.split(':')[0] as string]);
      for (const config of s.configs ?? []) expect(compose.configs, name).toHaveProperty([config.source]);
    }
  });
});

describe("the cluster profile's Redis commands, run on loopback", () => {
  let local: LocalRedisNodes | undefined;
  /** The init service's script as its shell gets it; `redis-node-N` reaches local node N. */
  const runInit = () => local!.runScript(afterInterpolation(service('redis-cluster-init').command?.[2] ?? ''));

  beforeAll(async () => {
    local = await startLocalRedisNodes(NODES, NODES.map((name) => (service(name).command ?? []).slice(1)));
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('forms a cluster_state:ok cluster of 3 primaries with one replica each, and a second run leaves it be', async () => {
    const first = runInit();
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('[OK] All 16384 slots covered.');
    expect(first.stdout).toContain('The Redis Cluster is formed.');
    // The script waited for cluster_state:ok on every node.
    for (const port of local!.ports) {
      const info = String(await withRedisClient(port, (c) => c.call('CLUSTER', 'INFO')));
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain(`cluster_slots_ok:${HASH_SLOTS}`);
    }
    expect(await waitForReplicasPerPrimary(local!.ports[0]!)).toEqual([1, 1, 1]);

    const again = runInit();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('already formed');
  });
});
