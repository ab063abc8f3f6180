// House policy for the rendered manifests: what the schemas cannot say. Each rule returns
// sentences naming the object at fault, so a failing test reads like a review comment.
import { identity, type K8sObject } from './kustomize-lite.js';

type Labels = Record<string, string>;
interface Probe { httpGet?: { path?: string; port?: number | string }; exec?: { command?: string[] } }
interface Container {
  name: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] } } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[] }; seccompProfile?: { type?: string } };
  volumeMounts?: Array<{ name: string }>;
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  volumes?: Array<{ name: string; configMap?: { name: string } }>;
}
interface Workload extends K8sObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: { matchLabels?: Labels };
    template: { metadata?: { labels?: Labels }; spec: PodSpec };
    volumeClaimTemplates?: Array<{ metadata: { name: string } }>;
  };
}

export interface PolicyOptions {
  /** Relay replicas the environment must run at least. */
  minRelayReplicas: number;
  /** Whether the environment autoscales the relay (prod) or runs a fixed count (dev). */
  autoscaled: boolean;
  /** Secrets created outside the manifests (by the operator), referenced but not rendered. */
  externalSecrets?: string[];
}

/** The relay's own promise: a SIGTERMed relay exits within 10 s. */
export const RELAY_DRAIN_SECONDS = 10;
export const GRACE_MARGIN_SECONDS = 5;
export const RELAY_LABELS: Labels = { 'app.kubernetes.io/name': 'relay-chat', 'app.kubernetes.io/component': 'relay' };
export const REDIS_LABELS: Labels = { 'app.kubernetes.io/name': 'redis' };

const selects = (selector: Labels | undefined, labels: Labels | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const workloads = (objects: K8sObject[]) => objects.filter((o): o is Workload => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const podLabels = (w: Workload) => w.spec.template.metadata?.labels;
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

export function relayDeployment(objects: K8sObject[]): Workload | undefined {
  return workloads(objects).find((w) => w.kind === 'Deployment' && selects(RELAY_LABELS, podLabels(w)));
}

/** A Job's pod runs to completion: the same rules without probes. */
type PodOwner = K8sObject & { spec: Pick<Workload['spec'], 'template' | 'volumeClaimTemplates'> };

function containerRules(w: PodOwner, c: Container, { probes = true } = {}): string[] {
  const at = `${identity(w)} container ${c.name}`;
  const pod = w.spec.template.spec;
  const problems: string[] = [];
  if (probes && !c.readinessProbe) problems.push(`${at} has no readinessProbe`);
  if (probes && !c.livenessProbe) problems.push(`${at} has no livenessProbe`);
  if (!c.resources?.requests?.cpu || !c.resources.requests.memory) problems.push(`${at} must request cpu and memory`);
  if (!c.resources?.limits?.memory) problems.push(`${at} must limit memory`);
  const sc = c.securityContext;
  if (sc?.allowPrivilegeEscalation !== false) problems.push(`${at} must set allowPrivilegeEscalation: false`);
  if (sc?.readOnlyRootFilesystem !== true) problems.push(`${at} must set readOnlyRootFilesystem: true`);
  if (!sc?.capabilities?.drop?.includes('ALL')) problems.push(`${at} must drop ALL capabilities`);
  if (sc?.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) problems.push(`${at} must run as non-root`);
  if ((sc?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type) !== 'RuntimeDefault') problems.push(`${at} needs seccompProfile RuntimeDefault`);
  if (!/:[\w][\w.-]*$/.test(c.image) || c.image.endsWith(':latest')) problems.push(`${at} image "${c.image}" must have a pinned tag`);
  const portNames = new Set((c.ports ?? []).map((p) => p.name));
  for (const [kind, probe] of [['readinessProbe', c.readinessProbe], ['livenessProbe', c.livenessProbe]] as const) {
    const port = probe?.httpGet?.port;
    if (typeof port === 'string' && !portNames.has(port)) problems.push(`${at} ${kind} uses unknown port name "${port}"`);
  }
  const volumes = new Set([...(pod.volumes ?? []).map((v) => v.name), ...(w.spec.volumeClaimTemplates ?? []).map((v) => v.metadata.name)]);
  for (const mount of c.volumeMounts ?? []) if (!volumes.has(mount.name)) problems.push(`${at} mounts undeclared volume "${mount.name}"`);
  for (const e of c.env ?? []) {
    if (/SECRET|PASSWORD|TOKEN/i.test(e.name) && e.value !== undefined) problems.push(`${at} sets ${e.name} as a literal: use a secretKeyRef`);
  }
  return problems;
}

function workloadRules(objects: K8sObject[], externalSecrets: string[]): string[] {
  const problems: string[] = [];
  const exists = (kind: string, name: string) => !!named(objects, kind, name) || (kind === 'Secret' && externalSecrets.includes(name));
  for (const w of workloads(objects)) {
    if (!selects(w.spec.selector.matchLabels, podLabels(w))) problems.push(`${identity(w)} selector does not match its pod template labels`);
    if (w.spec.template.spec.automountServiceAccountToken !== false) problems.push(`${identity(w)} should not mount a service account token`);
    if (w.kind === 'StatefulSet' && !named(objects, 'Service', w.spec.serviceName ?? '')) problems.push(`${identity(w)} serviceName has no Service`);
    for (const c of w.spec.template.spec.containers) {
      problems.push(...containerRules(w, c));
      for (const ref of c.envFrom ?? []) {
        if (ref.configMapRef && !exists('ConfigMap', ref.configMapRef.name)) problems.push(`${identity(w)} uses missing ConfigMap ${ref.configMapRef.name}`);
        if (ref.secretRef && !exists('Secret', ref.secretRef.name)) problems.push(`${identity(w)} uses missing Secret ${ref.secretRef.name}`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !exists('Secret', ref.name)) problems.push(`${identity(w)} uses missing Secret ${ref.name}`);
      }
    }
    for (const v of w.spec.template.spec.volumes ?? []) {
      if (v.configMap && !exists('ConfigMap', v.configMap.name)) problems.push(`${identity(w)} mounts missing ConfigMap ${v.configMap.name}`);
    }
  }
  for (const job of byKind(objects, 'Job') as PodOwner[]) {
    if (job.spec.template.spec.automountServiceAccountToken !== false) problems.push(`${identity(job)} should not mount a service account token`);
    for (const c of job.spec.template.spec.containers) problems.push(...containerRules(job, c, { probes: false }));
  }
  return problems;
}

function relayRules(objects: K8sObject[], options: PolicyOptions): string[] {
  const relay = relayDeployment(objects);
  if (!relay) return ['no relay Deployment (labels app.kubernetes.io/name=relay-chat, component=relay)'];
  const problems: string[] = [];
  const pod = relay.spec.template.spec;
  const c = pod.containers.find((x) => x.name === 'relay');
  if (!c) return [`${identity(relay)} has no container "relay"`];
  if (c.readinessProbe?.httpGet?.path !== '/readyz') problems.push('relay readinessProbe must GET /readyz');
  if (c.livenessProbe?.httpGet?.path !== '/healthz') problems.push('relay livenessProbe must GET /healthz (a Redis outage must not restart relays)');
  const sleep = c.lifecycle?.preStop?.exec?.command;
  const preStopSeconds = sleep && /(^|\/)sleep$/.test(sleep[0] ?? '') ? Number(sleep[1]) : NaN;
  if (!(preStopSeconds > 0)) problems.push('relay needs a preStop sleep so endpoints update before the drain starts');
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace >= preStopSeconds + RELAY_DRAIN_SECONDS + GRACE_MARGIN_SECONDS)) {
    problems.push(`relay terminationGracePeriodSeconds ${grace} < preStop ${preStopSeconds} s + drain ${RELAY_DRAIN_SECONDS} s + margin ${GRACE_MARGIN_SECONDS} s`);
  }
  const secretRef = c.env?.find((e) => e.name === 'RELAY_SECRET')?.valueFrom?.secretKeyRef;
  if (!secretRef) problems.push('relay RELAY_SECRET must come from a Secret');
  const replicas = relay.spec.replicas ?? 1;
  if (replicas < options.minRelayReplicas) problems.push(`relay replicas ${replicas} < ${options.minRelayReplicas}`);
  if (!options.autoscaled && replicas !== options.minRelayReplicas) problems.push(`relay replicas ${replicas}, expected exactly ${options.minRelayReplicas}`);

  const configName = c.envFrom?.find((r) => r.configMapRef)?.configMapRef?.name;
  const config = (configName ? named(objects, 'ConfigMap', configName) : undefined) as (K8sObject & { data?: Record<string, string> }) | undefined;
  const data = config?.data ?? {};
  if (data.HOST !== '0.0.0.0') problems.push('relay must listen on all interfaces in the pod (HOST=0.0.0.0)');
  if (c.ports?.[0]?.containerPort !== Number(data.PORT ?? 3000)) problems.push('relay containerPort differs from its PORT setting');
  const metricsPort = Number(data.METRICS_PORT ?? 9464);
  if (metricsPort !== 0 && !c.ports?.some((p) => p.name === 'metrics' && p.containerPort === metricsPort)) {
    problems.push(`relay has no container port named "metrics" on its METRICS_PORT ${metricsPort}`);
  }
  problems.push(...redisWiringRules(objects, data));
  return problems;
}

/** The relay's Redis settings point at something this environment actually runs. */
function redisWiringRules(objects: K8sObject[], data: Record<string, string>): string[] {
  const redisPods = workloads(objects).filter((w) => selects(REDIS_LABELS, podLabels(w)));
  if (redisPods.length === 0) return ['no Redis workload (label app.kubernetes.io/name=redis)'];
  const exposes = (port: number) => redisPods.some((w) => w.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.containerPort === port)));
  if (data.REDIS_URL) {
    if (data.REDIS_CLUSTER_NODES) return ['relay ConfigMap sets both REDIS_URL and REDIS_CLUSTER_NODES'];
    const url = new URL(data.REDIS_URL);
    const service = named(objects, 'Service', url.hostname) as (K8sObject & { spec: { selector?: Labels; ports: Array<{ port: number }> } }) | undefined;
    const port = Number(url.port || 6379);
    if (!service) return [`REDIS_URL host ${url.hostname} is not a Service here`];
    if (!redisPods.some((w) => selects(service.spec.selector, podLabels(w)))) return [`Service ${url.hostname} does not select the Redis pods`];
    if (!service.spec.ports.some((p) => p.port === port) || !exposes(port)) return [`REDIS_URL port ${port} is not served`];
    return [];
  }
  /** `pod.service:port` entries that name pods of a Redis StatefulSet on a port they expose. */
  const podAddresses = (list: string, what: string) => {
    const problems: string[] = [];
    for (const entry of list.split(',')) {
      const [host = '', port = ''] = entry.split(':');
      const [pod = '', service = ''] = host.split('.');
      const ordinal = Number(/-(\d+)$/.exec(pod)?.[1]);
      const set = redisPods.find((w) => w.kind === 'StatefulSet' && w.spec.serviceName === service && pod === `${w.metadata.name}-${ordinal}`);
      if (!set || !(ordinal < (set.spec.replicas ?? 1))) problems.push(`${what} ${host} is not a pod of a Redis StatefulSet`);
      if (!exposes(Number(port))) problems.push(`${what} port ${port} is not exposed by the Redis pods`);
    }
    return problems;
  };
  if (data.REDIS_CLUSTER_NODES) {
    // The relay takes exactly one way to Redis.
    if (data.REDIS_SENTINELS || data.REDIS_SENTINEL_NAME) return ['relay ConfigMap sets REDIS_CLUSTER_NODES together with Sentinel settings'];
    return podAddresses(data.REDIS_CLUSTER_NODES, 'cluster node');
  }
  if (!data.REDIS_SENTINELS || !data.REDIS_SENTINEL_NAME) return ['relay ConfigMap needs REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS + REDIS_SENTINEL_NAME'];
  return podAddresses(data.REDIS_SENTINELS, 'sentinel');
}

function selectorRules(objects: K8sObject[], options: PolicyOptions): string[] {
  const problems: string[] = [];
  const pods = workloads(objects).map(podLabels);
  for (const s of byKind(objects, 'Service') as Array<K8sObject & { spec: { selector?: Labels } }>) {
    if (!pods.some((labels) => selects(s.spec.selector, labels))) problems.push(`${identity(s)} selects no pods`);
  }
  const pdbs = byKind(objects, 'PodDisruptionBudget') as Array<K8sObject & { spec: { selector: { matchLabels?: Labels } } }>;
  for (const pdb of pdbs) {
    if (!pods.some((labels) => selects(pdb.spec.selector.matchLabels, labels))) problems.push(`${identity(pdb)} selects no pods`);
  }
  // The eviction API refuses to evict a pod that more than one budget selects: drains would stall.
  for (const w of workloads(objects)) {
    const budgets = pdbs.filter((pdb) => selects(pdb.spec.selector.matchLabels, podLabels(w)));
    if (budgets.length > 1) problems.push(`${identity(w)} pods are selected by ${budgets.map(identity).join(' and ')}`);
  }
  // An HPA, or a KEDA ScaledObject (which creates the HPA itself): one per Deployment.
  type Autoscaler = K8sObject & { spec: { scaleTargetRef: { kind?: string; name: string }; minReplicas?: number; maxReplicas?: number; minReplicaCount?: number; maxReplicaCount?: number } };
  const autoscalers = [...byKind(objects, 'HorizontalPodAutoscaler'), ...byKind(objects, 'ScaledObject')] as Autoscaler[];
  if (options.autoscaled && autoscalers.length === 0) problems.push('no HorizontalPodAutoscaler (or KEDA ScaledObject) for the relay');
  if (!options.autoscaled && autoscalers.length > 0) problems.push('this environment must not autoscale');
  if (autoscalers.length > 1) problems.push(`${autoscalers.map(identity).join(' and ')} would fight over the relay's replicas`);
  for (const a of autoscalers) {
    const target = named(objects, a.spec.scaleTargetRef.kind ?? 'Deployment', a.spec.scaleTargetRef.name);
    // KEDA's defaults: min 0, max 100.
    const [min, max] = a.kind === 'ScaledObject' ? [a.spec.minReplicaCount ?? 0, a.spec.maxReplicaCount ?? 100] : [a.spec.minReplicas ?? 1, a.spec.maxReplicas ?? 0];
    if (!target || target !== relayDeployment(objects)) problems.push(`${identity(a)} does not target the relay Deployment`);
    if (min < options.minRelayReplicas) problems.push(`${identity(a)} minimum replicas below ${options.minRelayReplicas}`);
    if (max < min) problems.push(`${identity(a)} maximum replicas below the minimum`);
  }
  return problems;
}

interface Peer { podSelector?: { matchLabels?: Labels }; namespaceSelector?: unknown; ipBlock?: unknown }
/** Only relay pods (and, for replication, Redis pods) may reach Redis. */
function networkRules(objects: K8sObject[]): string[] {
  const policies = byKind(objects, 'NetworkPolicy') as Array<K8sObject & { spec: { podSelector: { matchLabels?: Labels }; ingress?: Array<{ from?: Peer[]; ports?: Array<{ port: number }> }> } }>;
  const redis = workloads(objects).filter((w) => selects(REDIS_LABELS, podLabels(w)));
  const policy = policies.find((p) => redis.some((w) => selects(p.spec.podSelector.matchLabels, podLabels(w))));
  if (!policy) return ['no NetworkPolicy selects the Redis pods'];
  const problems: string[] = [];
  let relayReachesRedis = false;
  for (const rule of policy.spec.ingress ?? []) {
    if (!rule.from || rule.from.length === 0) problems.push(`${identity(policy)} has a rule open to every source`);
    for (const peer of rule.from ?? []) {
      const labels = peer.podSelector?.matchLabels;
      if (peer.ipBlock || peer.namespaceSelector || !labels) problems.push(`${identity(policy)} admits a peer other than relay or Redis pods`);
      else if (!selects(labels, RELAY_LABELS) && !selects(labels, REDIS_LABELS)) problems.push(`${identity(policy)} admits pods ${JSON.stringify(labels)}`);
      else if (selects(labels, RELAY_LABELS) && rule.ports?.some((p) => p.port === 6379)) relayReachesRedis = true;
    }
  }
  if (!relayReachesRedis) problems.push(`${identity(policy)} does not let the relay reach Redis on 6379`);
  return problems;
}

/** Public routes reach the relay's `http` port only: /metrics (port `metrics`) stays private. */
function routingRules(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const servicePort = (name: string, port: number | string) => {
    const s = named(objects, 'Service', name) as (K8sObject & { spec: { ports: Array<{ name?: string; port: number; targetPort?: number | string }> } }) | undefined;
    return s?.spec.ports.find((p) => p.port === port || p.name === port);
  };
  const check = (route: K8sObject, service: string, port: number | string) => {
    const target = servicePort(service, port);
    if (!target) return [`${identity(route)} routes to missing ${service}:${port}`];
    return (target.targetPort ?? target.port) === 'http' ? [] : [`${identity(route)} routes to ${service}:${port}, which is not the relay's http port (metrics must not be public)`];
  };
  for (const route of byKind(objects, 'HTTPRoute') as Array<K8sObject & { spec: { rules?: Array<{ backendRefs?: Array<{ name: string; port?: number }> }> } }>) {
    for (const ref of (route.spec.rules ?? []).flatMap((r) => r.backendRefs ?? [])) problems.push(...check(route, ref.name, ref.port ?? 0));
  }
  for (const ingress of byKind(objects, 'Ingress') as Array<K8sObject & { spec: { rules?: Array<{ http?: { paths: Array<{ backend: { service?: { name: string; port: { name?: string; number?: number } } } }> } }> } }>) {
    for (const path of (ingress.spec.rules ?? []).flatMap((r) => r.http?.paths ?? [])) {
      const svc = path.backend.service;
      problems.push(...(svc ? check(ingress, svc.name, svc.port.name ?? svc.port.number ?? 0) : [`${identity(ingress)} routes to no Service`]));
    }
  }
  return problems;
}

function secretRules(objects: K8sObject[], options: PolicyOptions): string[] {
  const problems: string[] = [];
  for (const s of byKind(objects, 'Secret') as Array<K8sObject & { stringData?: Record<string, string> }>) {
    const value = s.stringData?.RELAY_SECRET;
    if (value !== undefined && options.autoscaled) problems.push(`${identity(s)}: production must not ship a RELAY_SECRET value`);
    if (value !== undefined && !options.autoscaled && value.length < 32) problems.push(`${identity(s)}: the dev RELAY_SECRET must have ≥ 32 characters`);
  }
  return problems;
}

/** Every house-policy violation in a rendered environment (empty when all is well). */
export function policyViolations(objects: K8sObject[], options: PolicyOptions): string[] {
  return [
    ...workloadRules(objects, options.externalSecrets ?? []),
    ...relayRules(objects, options),
    ...selectorRules(objects, options),
    ...networkRules(objects),
    ...routingRules(objects),
    ...secretRules(objects, options),
  ];
}
