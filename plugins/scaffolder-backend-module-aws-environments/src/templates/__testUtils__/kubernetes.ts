import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';

/**
 * Models of the kinds the templates render. kubernetes-models 4.5 is
 * generated from the Kubernetes 1.33 OpenAPI schema (it has 1.33's
 * Lifecycle.stopSignal and not 1.34's PodSpec.hostnameOverride).
 */
const MODELS: Record<string, new (data: object) => { validate(): void }> = {
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Validates a manifest against its Kubernetes 1.33 schema (types, required
 * fields, enums, formats). Throws naming the kind and the failing field.
 * Like kubeconform without --strict, unknown fields are not reported.
 */
export function validateKubernetesManifest(manifest: {
  apiVersion?: string;
  kind?: string;
}): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key];
  if (!Model) {
    throw new Error(`No Kubernetes 1.33 schema for ${key}`);
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${key} is invalid: ${(error as Error).message}`);
  }
}
