import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
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
 * The TargetGroupBinding CRD's v1beta1 schema (AWS Load Balancer
 * Controller), a fixture with its source in its header.
 */
const TARGET_GROUP_BINDING_SCHEMA = parseYaml(
  fs.readFileSync(
    path.join(__dirname, 'fixtures/targetgroupbinding-v1beta1.schema.yaml'),
    'utf8',
  ),
);

// Formats (int64) and the x-kubernetes-* keywords are the apiserver's; the
// structure, types, required fields and enums are what is checked.
const validateTargetGroupBindingSchema = new Ajv({
  allErrors: true,
  strict: false,
  validateFormats: false,
}).compile(TARGET_GROUP_BINDING_SCHEMA);

/**
 * Validates a TargetGroupBinding as the apiserver (the CRD's schema) and
 * the controller's admission webhook (`spec.targetType` required) would,
 * plus the templates' rule: the binding names its target group by ARN (the
 * environment's output), not by name.
 */
export function validateTargetGroupBinding(manifest: unknown): void {
  const problems: string[] = [];
  if (!validateTargetGroupBindingSchema(manifest)) {
    for (const error of validateTargetGroupBindingSchema.errors ?? []) {
      problems.push(
        `${error.instancePath || '/'} ${error.message}${
          error.keyword === 'enum'
            ? ` (${(
                error.params as { allowedValues: string[] }
              ).allowedValues.join(', ')})`
            : ''
        }`,
      );
    }
  }
  const spec = (manifest as { spec?: Record<string, unknown> }).spec ?? {};
  if (spec.targetType === undefined) {
    problems.push(
      '/spec must have targetType (the controller webhook requires it)',
    );
  }
  if (typeof spec.targetGroupARN !== 'string' || !spec.targetGroupARN) {
    problems.push(
      '/spec must have targetGroupARN (the environment target group)',
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `elbv2.k8s.aws/v1beta1/TargetGroupBinding is invalid: ${problems.join(
        '; ',
      )}`,
    );
  }
}

/**
 * Validates a manifest against its Kubernetes 1.33 schema (types, required
 * fields, enums, formats), or a TargetGroupBinding against its CRD's schema.
 * Throws naming the kind and the failing field. Like kubeconform without
 * --strict, unknown fields are not reported.
 */
export function validateKubernetesManifest(manifest: {
  apiVersion?: string;
  kind?: string;
}): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  if (key === 'elbv2.k8s.aws/v1beta1/TargetGroupBinding') {
    validateTargetGroupBinding(manifest);
    return;
  }
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
