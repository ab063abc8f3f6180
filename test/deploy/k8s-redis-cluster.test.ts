// k8s/components/redis-cluster and k8s/components/autoscaling-keda, as rendered in
// overlays/prod-redis-cluster (k8s-manifests.test.ts checks schemas and house policy for every
// environment): what each component promises, the forming Job's script run against six local
// redis-servers started with the StatefulSet's own flags, and the ScaledObject against KEDA's CRD
// and the metrics the relay really exports.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../relay/metrics.js';
import { HASH_SLOTS } from '../../scripts/cluster/cluster-nodes.mjs';
import { withRedisClient } from '../../scripts/cluster/redis-query.mjs';
import { crdSchemaError } from './support/crd-schemas.js';
import { policyViolations, relayDeployment } from './support/k8s-policy.js';
import { build, type K8sObject } from './support/kustomize-lite.js';
import { startLocalRedisNodes, waitForReplicasPerPrimary, type LocalRedisNodes } from './support/local-redis-nodes.js';

const K8S = resolve(import.meta.dirname, '../../k8s');
type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const rendered = () => build(`${K8S}/overlays/prod-redis-cluster`) as Array<K8sObject & Mutable>;
const find = (objects: Array<K8sObject & Mutable>, kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const objects = rendered();
const set = find(objects, 'StatefulSet', 'redis-cluster');
const job = find(objects, 'Job', 'redis-cluster-create');
const config = find(objects, 'ConfigMap', 'relay-chat-config');
const scaled = find(objects, 'ScaledObject', 'relay-chat');
const redisContainer = set.spec.template.spec.containers[0];
const podNames = Array.from({ length: set.spec.replicas as number }, (_, i) => `redis-cluster-${i}.${set.spec.serviceName as string}`);
/** The node's redis-server arguments with Kubernetes' $(VAR) expansion done for pod `i`. */
const nodeArgs = (i: number) => (redisContainer.command as string[]).slice(1).map((a) => a.replace('$(POD_NAME)', `redis-cluster-${i}`));

describe('components/redis-cluster in overlays/prod-redis-cluster', () => {
  it('replaces the Sentinel set with six cluster-mode Redis pods and the Job that forms them', () => {
    expect(objects.filter((o) => o.kind === 'StatefulSet').map((o) => [o.metadata.name, o.spec.replicas])).toEqual([['redis-cluster', 6]]);
    expect(objects.filter((o) => /sentinel/.test(o.metadata.name) || o.metadata.name === 'redis-headless')).toEqual([]);
    const args = nodeArgs(0);
    const flag = (f: string) => args[args.indexOf(f) + 1];
    expect([flag('--cluster-enabled'), flag('--port'), flag('--appendonly'), flag('--dir')]).toEqual(['yes', '6379', 'yes', '/data']);
    expect(flag('--cluster-announce-hostname')).toBe(podNames[0]);
    // $(POD_NAME) only expands when the container defines it.
    expect(redisContainer.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(redisContainer.ports.map((p: Mutable) => p.containerPort)).toEqual([6379, 16379]);
    expect(find(objects, 'Service', set.spec.serviceName).spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
  });

  it('points the relay at every node with REDIS_CLUSTER_NODES, replica acks on, and no other Redis setting', () => {
    expect(config.data.REDIS_CLUSTER_NODES.split(',')).toEqual(podNames.map((n) => `${n}:6379`));
    expect(config.data.REDIS_REPLICA_ACKS).toBe('1');
    for (const key of ['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_SENTINEL_NAME']) expect(config.data).not.toHaveProperty(key);
    expect(relayDeployment(objects)?.spec.template.spec.containers[0]?.envFrom).toContainEqual({ configMapRef: { name: 'relay-chat-config' } });
  });

  it('lets relays reach 6379 only, and the nodes and the Job each other on 6379 and the cluster bus', () => {
    const rules = find(objects, 'NetworkPolicy', 'redis-allow-relay-only').spec.ingress as Mutable[];
    const portsFor = (component: string | undefined, name: string) =>
      rules.filter((r) => r.from.some((p: Mutable) => p.podSelector.matchLabels['app.kubernetes.io/name'] === name && p.podSelector.matchLabels['app.kubernetes.io/component'] === component)).flatMap((r) => r.ports.map((p: Mutable) => p.port));
    expect(portsFor('relay', 'relay-chat')).toEqual([6379]);
    expect(portsFor(undefined, 'redis')).toEqual([6379, 16379]);
    expect(job.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('redis');
    // …but the Job's pod is not a node the headless Service would hand out.
    const selector = find(objects, 'Service', set.spec.serviceName).spec.selector as Record<string, string>;
    expect(Object.entries(selector).every(([k, v]) => job.spec.template.metadata.labels[k] === v)).toBe(false);
  });

  it("names exactly the StatefulSet's pods in the Job's script, which is valid POSIX shell", () => {
    const script = job.spec.template.spec.containers[0].command[2] as string;
    expect(job.spec.template.spec.containers[0].command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
    expect(script).toContain(`for i in ${podNames.map((_, i) => i).join(' ')}; do`);
    expect(script).toContain(`node="redis-cluster-\${i}.${set.spec.serviceName as string}"`);
    expect(script).toMatch(/redis-cli --cluster create \$nodes --cluster-replicas 1 --cluster-yes/);
  });
});

describe('the house policy catches a broken redis-cluster component', () => {
  const options = { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] };
  it.each<[string, (o: Array<K8sObject & Mutable>) => void, RegExp]>([
    ['a seed that is no pod', (o) => (find(o, 'ConfigMap', 'relay-chat-config').data.REDIS_CLUSTER_NODES += ',redis-cluster-6.redis-cluster-headless:6379'), /cluster node redis-cluster-6\.redis-cluster-headless is not a pod/],
    ['a seed on an unexposed port', (o) => (find(o, 'ConfigMap', 'relay-chat-config').data.REDIS_CLUSTER_NODES = 'redis-cluster-0.redis-cluster-headless:7000'), /cluster node port 7000 is not exposed/],
    ['REDIS_URL left in place', (o) => (find(o, 'ConfigMap', 'relay-chat-config').data.REDIS_URL = 'redis://redis-cluster-headless:6379'), /both REDIS_URL and REDIS_CLUSTER_NODES/],
    ['a Job running as root', (o) => { const pod = find(o, 'Job', 'redis-cluster-create').spec.template.spec; delete pod.securityContext.runAsNonRoot; delete pod.containers[0].securityContext.runAsNonRoot; }, /Job\/redis-cluster-create container create must run as non-root/],
    ['a Job with a service account token', (o) => (find(o, 'Job', 'redis-cluster-create').spec.template.spec.automountServiceAccountToken = true), /Job\/redis-cluster-create should not mount a service account token/],
  ])('%s', (_label, mutate, message) => {
    const broken = rendered();
    mutate(broken);
    expect(policyViolations(broken, options).join('\n')).toMatch(message);
  });

  it('passes as shipped', () => {
    expect(policyViolations(rendered(), options)).toEqual([]);
  });
});

describe("the redis-cluster component's commands, run on loopback", () => {
  let local: LocalRedisNodes | undefined;
  const script = () => job.spec.template.spec.containers[0].command[2] as string;
  beforeAll(async () => {
    // Each node with the StatefulSet's flags; its data directory is the test's (later flags win).
    local = await startLocalRedisNodes(podNames, podNames.map((_, i) => nodeArgs(i).filter((a, j, all) => a !== '--dir' && all[j - 1] !== '--dir')));
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('the Job forms a cluster_state:ok cluster of 3 primaries with one replica each, and exits 0 when run again', async () => {
    const first = local!.runScript(script());
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('[OK] All 16384 slots covered.');
    for (const port of local!.ports) {
      await expect.poll(async () => String(await withRedisClient(port, (c) => c.call('CLUSTER', 'INFO'))), { timeout: 15_000 }).toContain('cluster_state:ok');
      expect(String(await withRedisClient(port, (c) => c.call('CLUSTER', 'INFO')))).toContain(`cluster_slots_ok:${HASH_SLOTS}`);
    }
    expect(await waitForReplicasPerPrimary(local!.ports[0]!)).toEqual([1, 1, 1]);
    // What the relays will be told: the pod names, not addresses.
    const slots = (await withRedisClient(local!.ports[0]!, (c) => c.call('CLUSTER', 'SLOTS'))) as Array<[number, number, [string, number]]>;
    expect(new Set(slots.map((s) => s[2][0]))).toEqual(new Set(slots.map((s) => podNames[local!.ports.indexOf(s[2][1])])));

    const again = local!.runScript(script());
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('already formed');
  });
});

describe('components/autoscaling-keda in overlays/prod-redis-cluster', () => {
  // The Prometheus scaler's metadata (kedacore/keda pkg/scalers/prometheus_scaler.go, same commit as the CRD).
  const PROMETHEUS_METADATA = ['serverAddress', 'query', 'queryParameters', 'threshold', 'activationThreshold', 'namespace', 'customHeaders', 'ignoreNullValues', 'unsafeSsl', 'awsRegion', 'timeout', 'identityOwner'];
  const prometheus = (scaled.spec.triggers as Mutable[]).filter((t) => t.type === 'prometheus');

  it('replaces the CPU HPA with one ScaledObject on the relay, valid against the KEDA CRD', () => {
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(crdSchemaError(scaled)).toBeNull();
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: relayDeployment(objects)?.metadata.name });
    expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(3);
    expect(scaled.spec.maxReplicaCount).toBeGreaterThan(scaled.spec.minReplicaCount);
  });

  it('scales on connections per pod and deliveries/s per pod, from metrics the relay exports with those types', async () => {
    const exported = await createMetrics('test').registry.getMetricsAsJSON();
    const typeOf = (name: string) => exported.find((m) => m.name === name)?.type;
    const byName = Object.fromEntries(prometheus.map((t) => [t.name, t.metadata]));
    expect(Object.keys(byName).sort()).toEqual(['connections', 'deliveries']);
    expect(byName.connections.query).toBe(`sum(relay_connections{namespace="${scaled.metadata.namespace}"})`);
    expect(typeOf('relay_connections')).toBe('gauge');
    // rate() is only meaningful on a counter.
    expect(byName.deliveries.query).toMatch(new RegExp(`^sum\\(rate\\(relay_messages_delivered_total\\{namespace="${scaled.metadata.namespace}"\\}\\[\\d+m\\]\\)\\)$`));
    expect(typeOf('relay_messages_delivered_total')).toBe('counter');
    for (const t of prometheus) {
      expect(t.metricType).toBe('AverageValue');
      expect(PROMETHEUS_METADATA).toEqual(expect.arrayContaining(Object.keys(t.metadata)));
      expect(Number(t.metadata.threshold)).toBeGreaterThan(0);
      // A missing series must not read as zero load.
      expect(t.metadata.ignoreNullValues).toBe('false');
    }
  });

  it('scales down one pod at a time after a long window, and never down when Prometheus fails', () => {
    const behavior = scaled.spec.advanced.horizontalPodAutoscalerConfig.behavior;
    expect(behavior.scaleDown.stabilizationWindowSeconds).toBeGreaterThanOrEqual(300);
    expect(behavior.scaleDown.policies).toEqual([expect.objectContaining({ type: 'Pods', value: 1 })]);
    expect(behavior.scaleDown.policies[0].periodSeconds).toBeGreaterThanOrEqual(120);
    expect(scaled.spec.fallback.behavior).toBe('currentReplicasIfHigher');
    expect(scaled.spec.fallback.replicas).toBeGreaterThanOrEqual(scaled.spec.minReplicaCount);
  });

  it.each<[string, (s: Mutable) => void, RegExp]>([
    ['an unknown field', (s) => (s.spec.minReplicas = 3), /additional properties \(minReplicas\)/],
    ['a fallback behaviour KEDA does not know', (s) => (s.spec.fallback.behavior = 'keep'), /fallback\/behavior must be equal to one of the allowed values/],
    ['a trigger without metadata', (s) => delete s.spec.triggers[0].metadata, /triggers\/0 must have required property 'metadata'/],
    ['a non-string metadata value', (s) => (s.spec.triggers[0].metadata.threshold = 10000), /metadata\/threshold must be string/],
  ])('the CRD check rejects %s', (_label, mutate, message) => {
    const broken = structuredClone(scaled);
    mutate(broken);
    expect(crdSchemaError(broken)).toMatch(message);
  });

  it('the house policy rejects a ScaledObject on another target or below the minimum', () => {
    const options = { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] };
    const broken = rendered();
    const so = find(broken, 'ScaledObject', 'relay-chat');
    so.spec.scaleTargetRef.name = 'nope';
    so.spec.minReplicaCount = 1;
    const problems = policyViolations(broken, options).join('\n');
    expect(problems).toMatch(/ScaledObject\/relay-chat does not target the relay Deployment/);
    expect(problems).toMatch(/ScaledObject\/relay-chat minimum replicas below 3/);
  });
});
