// The Kubernetes schema for each kind we ship: the kubernetes-models class (runtime validation)
// and its TypeScript interface (used by unknown-fields.ts to reject fields the API server would).
import type { ModelData } from '@kubernetes-models/base';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { crdSchemaError, isCustomResource } from './crd-schemas.js';
import type { K8sObject } from './kustomize-lite.js';

interface Validating {
  validate(): void;
}
type ModelClass = new (data: never) => Validating;

interface KindSchema {
  model: ModelClass;
  /** Module and interface name of the TypeScript type for the same kind. */
  module: string;
  typeName: string;
}

const kind = (model: ModelClass, module: string, typeName: string): KindSchema => ({ model, module, typeName });

export const SCHEMAS: Record<string, KindSchema> = {
  'v1/Namespace': kind(Namespace, 'kubernetes-models/v1/Namespace', 'INamespace'),
  'v1/ConfigMap': kind(ConfigMap, 'kubernetes-models/v1/ConfigMap', 'IConfigMap'),
  'v1/Secret': kind(Secret, 'kubernetes-models/v1/Secret', 'ISecret'),
  'v1/Service': kind(Service, 'kubernetes-models/v1/Service', 'IService'),
  'apps/v1/Deployment': kind(Deployment, 'kubernetes-models/apps/v1/Deployment', 'IDeployment'),
  'apps/v1/StatefulSet': kind(StatefulSet, 'kubernetes-models/apps/v1/StatefulSet', 'IStatefulSet'),
  'batch/v1/Job': kind(Job, 'kubernetes-models/batch/v1/Job', 'IJob'),
  'policy/v1/PodDisruptionBudget': kind(PodDisruptionBudget, 'kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'),
  'autoscaling/v2/HorizontalPodAutoscaler': kind(HorizontalPodAutoscaler, 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'),
  'networking.k8s.io/v1/NetworkPolicy': kind(NetworkPolicy, 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'),
  'networking.k8s.io/v1/Ingress': kind(Ingress, 'kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'),
  'gateway.networking.k8s.io/v1/HTTPRoute': kind(HTTPRoute, '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute', 'IHTTPRoute'),
};

export function schemaFor(o: K8sObject): KindSchema {
  const schema = SCHEMAS[`${o.apiVersion}/${o.kind}`];
  if (!schema) throw new Error(`No schema registered for ${o.apiVersion} ${o.kind} (add it to test/deploy/support/k8s-models.ts)`);
  return schema;
}

/**
 * Constructs the object with its kubernetes-models class and validates it (a custom resource:
 * against its vendored CRD, unknown fields included); returns the error text or null.
 */
export function schemaError(o: K8sObject): string | null {
  if (isCustomResource(o)) return crdSchemaError(o);
  const { model } = schemaFor(o);
  try {
    new model(o as unknown as ModelData<never> as never).validate();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
