// Custom resources we ship (KEDA's ScaledObject), validated against the CRD their controller
// installs (vendored in crds/, see its header). The API server validates a custom resource with
// the CRD's openAPIV3Schema and, with `kubectl apply`'s default strict field validation, rejects
// fields the schema does not name; ajv does the same here once every object schema that lists
// its properties is closed (`additionalProperties: false`). CEL rules (x-kubernetes-validations)
// are not evaluated: the policy checks the one ScaledObject rule (min ≤ max) itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './kustomize-lite.js';

type Schema = { [key: string]: unknown };

interface Crd {
  spec: { group: string; names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> };
}

/** Closes every object schema with listed properties, unless it keeps unknown fields on purpose. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'enum' || k === 'required' ? v : closed(v)]));
  const open = out['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in out;
  if (out.type === 'object' && out.properties && !open) out.additionalProperties = false;
  return out;
}

/** `x-kubernetes-int-or-string` means exactly that; ajv knows only the JSON Schema types. */
function intOrString(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(intOrString);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, intOrString(v)]));
  if (out['x-kubernetes-int-or-string'] === true) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  return out;
}

function load(file: string): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  for (const doc of parseAllDocuments(readFileSync(join(import.meta.dirname, 'crds', file), 'utf8'))) {
    const crd = doc.toJS() as Crd | null;
    if (!crd) continue;
    for (const version of crd.spec.versions) {
      const schema = intOrString(closed(version.schema.openAPIV3Schema)) as Schema;
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return validators;
}

const CRDS = load('keda.sh_scaledobjects.yaml');

/** Whether `apiVersion/kind` is a custom resource validated here rather than by kubernetes-models. */
export function isCustomResource(o: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return CRDS.has(`${o.apiVersion}/${o.kind}`);
}

/** The CRD schema's complaints about `o` (unknown fields included), or null when it passes. */
export function crdSchemaError(o: K8sObject): string | null {
  const validate = CRDS.get(`${o.apiVersion}/${o.kind}`);
  if (!validate) throw new Error(`No CRD vendored for ${o.apiVersion} ${o.kind}`);
  if (validate(o)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`).join('; ');
}
