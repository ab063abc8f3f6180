// A small kustomize for the offline tests: just the features k8s/ uses (resources, components,
// strategic-merge patches by kind/name including `$patch: delete`, namespace, images). Anything
// else in a kustomization.yaml throws, so a manifest change that needs more cannot pass unchecked.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'namespace', 'images']);
/** Lists that strategic merge combines by a key (the ones our patches touch). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};
/** Lists that have a merge key in Kubernetes which this merge does not implement. */
const UNSUPPORTED_LISTS = new Set(['ports', 'imagePullSecrets', 'topologySpreadConstraints', 'hostAliases', 'volumeDevices', 'resourceClaims']);
/** Kinds without a namespace among the ones we ship. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'IngressClass', 'GatewayClass']);

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function identity(o: { kind: string; metadata: { name: string } }): string {
  return `${o.kind}/${o.metadata.name}`;
}

function readYamlObjects(file: string): JsonObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as unknown;
    if (!isObject(value)) throw new Error(`${file}: every document must be an object`);
    return value;
  });
}

function asObject(o: JsonObject, source: string): K8sObject {
  const metadata = o.metadata;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isObject(metadata) || typeof metadata.name !== 'string') {
    throw new Error(`${source}: an object needs apiVersion, kind and metadata.name`);
  }
  return o as unknown as K8sObject;
}

function mergeList(base: Json[], patch: Json[], key: string, path: string): Json[] {
  const merged = [...base];
  for (const item of patch) {
    if (!isObject(item) || typeof item[key] !== 'string') throw new Error(`${path}: list items need "${key}"`);
    const index = merged.findIndex((b) => isObject(b) && b[key] === item[key]);
    if (index >= 0) merged[index] = strategicMerge(merged[index] as JsonObject, item, path);
    else merged.push(item);
  }
  return merged;
}

/** Strategic merge of `patch` into `base`: maps merge, `null` deletes, keyed lists merge by key. */
export function strategicMerge(base: JsonObject, patch: JsonObject, path = ''): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const here = `${path}.${key}`;
    if (key.startsWith('$')) throw new Error(`${here}: directive not supported by kustomize-lite`);
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = strategicMerge(current, value, here);
    else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key]) out[key] = mergeList(current, value, MERGE_KEYS[key], here);
    else if (Array.isArray(value) && UNSUPPORTED_LISTS.has(key)) throw new Error(`${here}: merging "${key}" lists is not supported by kustomize-lite`);
    else out[key] = value;
  }
  return out;
}

function applyPatch(objects: K8sObject[], patch: JsonObject, source: string): K8sObject[] {
  const { $patch: directive, ...rest } = patch;
  const target = asObject(rest, source);
  const index = objects.findIndex((o) => o.kind === target.kind && o.apiVersion === target.apiVersion && o.metadata.name === target.metadata.name);
  if (index < 0) throw new Error(`${source}: no ${identity(target)} (${target.apiVersion}) to patch`);
  if (directive === 'delete') return objects.filter((_, i) => i !== index);
  if (directive !== undefined) throw new Error(`${source}: $patch: ${String(directive)} is not supported`);
  const patched = strategicMerge(objects[index] as unknown as JsonObject, rest, identity(target));
  return objects.map((o, i) => (i === index ? asObject(patched, source) : o));
}

function setImages(objects: K8sObject[], images: Json, source: string): K8sObject[] {
  if (!Array.isArray(images)) throw new Error(`${source}: images must be a list`);
  const rules = images.map((rule) => {
    if (!isObject(rule) || typeof rule.name !== 'string') throw new Error(`${source}: every image needs a name`);
    for (const key of Object.keys(rule)) if (!['name', 'newName', 'newTag'].includes(key)) throw new Error(`${source}: images.${key} not supported`);
    return rule as { name: string; newName?: string; newTag?: string };
  });
  const rewrite = (image: string) => {
    const [name = '', tag] = image.split(':');
    const rule = rules.find((r) => r.name === name);
    if (!rule) return image;
    const newTag = rule.newTag ?? tag;
    return `${rule.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  };
  return objects.map((o) => {
    const podSpec = (o.spec as { template?: { spec?: { containers?: Array<{ image: string }>; initContainers?: Array<{ image: string }> } } } | undefined)?.template?.spec;
    if (!podSpec) return o;
    const copy = structuredClone(o);
    const spec = (copy.spec as { template: { spec: typeof podSpec } }).template.spec;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) c.image = rewrite(c.image);
    return copy;
  });
}

function loadEntry(dir: string, entry: Json, source: string, expectKind?: 'Component'): K8sObject[] {
  if (typeof entry !== 'string') throw new Error(`${source}: entries must be paths`);
  const path = resolve(dir, entry);
  if (statSync(path).isDirectory()) return build(path, expectKind);
  if (expectKind) throw new Error(`${source}: components must be directories`);
  return readYamlObjects(path).map((o) => asObject(o, path));
}

/** Renders the kustomization in `dir` to its list of objects (like `kustomize build dir`). */
export function build(dir: string, expectKind: 'Kustomization' | 'Component' = 'Kustomization', base: K8sObject[] = []): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [k] = readYamlObjects(file);
  if (!k) throw new Error(`${file} is empty`);
  for (const key of Object.keys(k)) if (!KUSTOMIZATION_KEYS.has(key)) throw new Error(`${file}: "${key}" is not supported by kustomize-lite`);
  // As in kustomize, a file without `kind` is a Kustomization.
  const kind = k.kind ?? 'Kustomization';
  if (kind !== expectKind) throw new Error(`${file}: expected kind ${expectKind}, found ${String(kind)}`);
  const list = (name: string): Json[] => {
    const value = k[name] ?? [];
    if (!Array.isArray(value)) throw new Error(`${file}: ${name} must be a list`);
    return value;
  };

  let objects = [...base, ...list('resources').flatMap((entry) => loadEntry(dir, entry, file))];
  for (const entry of list('components')) {
    if (typeof entry !== 'string') throw new Error(`${file}: components must be paths`);
    objects = build(resolve(dir, entry), 'Component', objects);
  }
  for (const entry of list('patches')) {
    if (!isObject(entry) || typeof entry.path !== 'string' || Object.keys(entry).length !== 1) {
      throw new Error(`${file}: patches must be { path } entries (targets and inline patches are not supported)`);
    }
    const patchFile = resolve(dir, entry.path);
    for (const patch of readYamlObjects(patchFile)) objects = applyPatch(objects, patch, patchFile);
  }
  if (k.images !== undefined) objects = setImages(objects, k.images, file);
  if (k.namespace !== undefined) {
    if (typeof k.namespace !== 'string') throw new Error(`${file}: namespace must be a string`);
    const namespace = k.namespace;
    objects = objects.map((o) => (CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace } }));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.apiVersion}/${identity(o)}`;
    if (seen.has(id)) throw new Error(`${file}: ${id} is defined twice`);
    seen.add(id);
  }
  return objects;
}
