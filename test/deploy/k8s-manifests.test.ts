// Every environment in k8s/, rendered the way `kubectl apply -k` would, must be valid Kubernetes
// (schemas, no unknown fields) and follow the house policy. No cluster needed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaError } from './support/k8s-models.js';
import { policyViolations, relayDeployment, type PolicyOptions } from './support/k8s-policy.js';
import { build, identity, type K8sObject } from './support/kustomize-lite.js';
import { unknownFieldErrors } from './support/unknown-fields.js';

const K8S = resolve(import.meta.dirname, '../../k8s');

const ENVIRONMENTS: Array<{ name: string; objects: () => K8sObject[]; policy: PolicyOptions }> = [
  { name: 'overlays/dev', objects: () => build(`${K8S}/overlays/dev`), policy: { minRelayReplicas: 1, autoscaled: false } },
  {
    name: 'overlays/prod',
    objects: () => build(`${K8S}/overlays/prod`),
    policy: { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] },
  },
  {
    // prod on a Redis Cluster (components/redis-cluster) and scaled by KEDA (components/autoscaling-keda).
    name: 'overlays/prod-redis-cluster',
    objects: () => build(`${K8S}/overlays/prod-redis-cluster`),
    policy: { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] },
  },
  {
    // The Ingress alternative: prod with the routing component swapped.
    name: 'overlays/prod with routing/ingress',
    objects: () => build(`${K8S}/routing/ingress`, 'Component', build(`${K8S}/overlays/prod`).filter((o) => o.kind !== 'HTTPRoute')),
    policy: { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] },
  },
];

describe.each(ENVIRONMENTS)('k8s $name', ({ objects, policy }) => {
  it('validates every object against its Kubernetes schema', () => {
    const rendered = objects();
    expect(rendered.length).toBeGreaterThan(5);
    const errors = rendered.map((o) => [identity(o), schemaError(o)]).filter(([, error]) => error !== null);
    expect(errors).toEqual([]);
  });

  it('has no field the API server would reject as unknown', () => {
    expect(unknownFieldErrors(objects())).toEqual([]);
  });

  it('follows the house policy (probes, preStop, non-root, resources, selectors, Redis reach)', () => {
    expect(policyViolations(objects(), policy)).toEqual([]);
  });
});

describe('k8s environments', () => {
  it('prod runs Redis with Sentinel and at least three relays', () => {
    const rendered = build(`${K8S}/overlays/prod`);
    const sets = rendered.filter((o) => o.kind === 'StatefulSet') as Array<K8sObject & { spec: { replicas: number } }>;
    expect(sets.map((s) => [s.metadata.name, s.spec.replicas])).toEqual([['redis', 3]]);
    const config = rendered.find((o) => o.metadata.name === 'relay-chat-config') as K8sObject & { data: Record<string, string> };
    expect(config.data.REDIS_URL).toBeUndefined();
    expect(config.data.REDIS_SENTINEL_NAME).toBe('relay-primary');
    expect(relayDeployment(rendered)?.spec.replicas).toBeGreaterThanOrEqual(3);
    // Production keeps no secret value in the repository.
    expect(rendered.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it("prod's Redis start scripts are valid POSIX shell and wire Sentinel by pod DNS names", () => {
    const scripts = build(`${K8S}/overlays/prod`).find((o) => o.metadata.name === 'redis-sentinel-scripts') as K8sObject & { data: Record<string, string> };
    expect(Object.keys(scripts.data).sort()).toEqual(['find-primary.sh', 'start-redis.sh', 'start-sentinel.sh']);
    for (const [name, text] of Object.entries(scripts.data)) {
      const check = spawnSync('sh', ['-n'], { input: text, encoding: 'utf8' });
      expect(check.status, `${name}: ${check.stderr}`).toBe(0);
    }
    expect(scripts.data['start-sentinel.sh']).toMatch(/sentinel resolve-hostnames yes[\s\S]*sentinel monitor relay-primary \$\{primary\} 6379 2/);
    expect(scripts.data['start-redis.sh']).toContain('--replica-announce-ip "$self"');
  });

  it('base ships a RELAY_SECRET placeholder the relay refuses (shorter than 32 characters)', () => {
    const secret = build(`${K8S}/base`).find((o) => o.kind === 'Secret') as K8sObject & { stringData: Record<string, string> };
    expect(secret.stringData.RELAY_SECRET?.length).toBeLessThan(32);
  });

  it('each overlay renders into its own namespace', () => {
    for (const [overlay, namespace] of [['dev', 'relay-chat-dev'], ['prod', 'relay-chat']]) {
      const rendered = build(`${K8S}/overlays/${overlay}`);
      const namespaces = new Set(rendered.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace));
      expect([...namespaces]).toEqual([namespace]);
      expect(rendered.find((o) => o.kind === 'Namespace')?.metadata.name).toBe(namespace);
    }
  });
});

// The checks above would be worthless if they could not fail: break one thing at a time.
describe('the checks catch broken manifests', () => {
  const prod = () => build(`${K8S}/overlays/prod`);
  const policy: PolicyOptions = { minRelayReplicas: 3, autoscaled: true, externalSecrets: ['relay-chat-secret'] };
  type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const breakRelay = (mutate: (deployment: Mutable, objects: K8sObject[]) => void) => {
    const objects = prod();
    mutate(relayDeployment(objects) as Mutable, objects);
    return objects;
  };
  const relayContainer = (d: Mutable) => d.spec.template.spec.containers[0];

  it.each<[string, (d: Mutable, objects: K8sObject[]) => void, RegExp]>([
    ['no readiness probe', (d) => delete relayContainer(d).readinessProbe, /no readinessProbe/],
    ['liveness on /readyz', (d) => (relayContainer(d).livenessProbe.httpGet.path = '/readyz'), /livenessProbe must GET \/healthz/],
    ['no preStop', (d) => delete relayContainer(d).lifecycle, /preStop/],
    ['grace period too short', (d) => (d.spec.template.spec.terminationGracePeriodSeconds = 12), /terminationGracePeriodSeconds 12/],
    ['runs as root', (d) => { delete d.spec.template.spec.securityContext.runAsNonRoot; delete relayContainer(d).securityContext.runAsNonRoot; }, /non-root/],
    ['writable root filesystem', (d) => (relayContainer(d).securityContext.readOnlyRootFilesystem = false), /readOnlyRootFilesystem/],
    ['no resources', (d) => delete relayContainer(d).resources, /request cpu and memory/],
    ['selector/labels mismatch', (d) => (d.spec.selector.matchLabels['app.kubernetes.io/name'] = 'other'), /selector does not match/],
    ['secret as a literal', (d) => (relayContainer(d).env[0] = { name: 'RELAY_SECRET', value: 'x'.repeat(40) }), /RELAY_SECRET/],
    ['too few replicas', (d) => (d.spec.replicas = 2), /replicas 2 < 3/],
    ['unpinned image', (d) => (relayContainer(d).image = 'relay-chat:latest'), /pinned tag/],
    ['HPA on another target', (_d, objects) => ((objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as Mutable).spec.scaleTargetRef.name = 'nope'), /does not target the relay/],
    ['two autoscalers', (_d, objects) => objects.push({ ...(objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as K8sObject), kind: 'ScaledObject' }), /would fight/],
    ['two budgets on one pod', (_d, objects) => objects.push({ ...(objects.find((o) => o.kind === 'PodDisruptionBudget') as K8sObject), metadata: { name: 'again' } }), /selected by PodDisruptionBudget\/.* and PodDisruptionBudget\/again/],
    ['cluster nodes and Sentinel at once', (_d, objects) => ((objects.find((o) => o.metadata.name === 'relay-chat-config') as Mutable).data.REDIS_CLUSTER_NODES = 'redis-0.redis-headless:6379'), /REDIS_CLUSTER_NODES together with Sentinel/],
    ['PDB selecting nothing', (_d, objects) => ((objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'relay-chat') as Mutable).spec.selector.matchLabels = { app: 'x' }), /selects no pods/],
    ['Redis open to everyone', (_d, objects) => ((objects.find((o) => o.kind === 'NetworkPolicy') as Mutable).spec.ingress[0].from.push({ namespaceSelector: {} })), /peer other than relay/],
    ['NetworkPolicy not selecting Redis', (_d, objects) => ((objects.find((o) => o.kind === 'NetworkPolicy') as Mutable).spec.podSelector.matchLabels = { app: 'x' }), /no NetworkPolicy selects the Redis pods/],
    ['route to the metrics port', (_d, objects) => ((objects.find((o) => o.kind === 'HTTPRoute') as Mutable).spec.rules[0].backendRefs[0].port = 9464), /not the relay's http port \(metrics must not be public\)/],
    ['no metrics port', (d) => (relayContainer(d).ports = relayContainer(d).ports.slice(0, 1)), /no container port named "metrics"/],
    ['sentinel address of no pod', (_d, objects) => ((objects.find((o) => o.metadata.name === 'relay-chat-config') as Mutable).data.REDIS_SENTINELS = 'redis-5.redis-headless:26379'), /redis-5.redis-headless is not a pod/],
  ])('%s', (_label, mutate, message) => {
    const problems = policyViolations(breakRelay(mutate), policy);
    expect(problems.join('\n')).toMatch(message);
  });

  it('rejects a schema violation and an unknown field', () => {
    const objects = breakRelay((d) => {
      d.spec.replicas = 'three';
      relayContainer(d).readinessprobe = relayContainer(d).readinessProbe;
    });
    const relay = relayDeployment(objects) as K8sObject;
    expect(schemaError(relay)).toMatch(/replicas must be integer/);
    expect(unknownFieldErrors([relay]).join('\n')).toMatch(/'"readinessprobe"' does not exist/);
  });
});
