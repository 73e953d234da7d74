import { KubectlV32Layer } from '@aws-cdk/lambda-layer-kubectl-v32';
import { KubectlV33Layer } from '@aws-cdk/lambda-layer-kubectl-v33';
import { KubectlV34Layer } from '@aws-cdk/lambda-layer-kubectl-v34';
import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/** The kubectl (and helm) layers the app ships, by kubectl minor version. */
const LAYERS: Record<
  number,
  new (scope: Construct, id: string) => lambda.ILayerVersion
> = {
  32: KubectlV32Layer,
  33: KubectlV33Layer,
  34: KubectlV34Layer,
  35: KubectlV35Layer,
};

/** The kubectl minor versions the app has layers of, lowest first. */
export const KUBECTL_LAYER_MINORS = Object.keys(LAYERS)
  .map(Number)
  .sort((a, b) => a - b);

/**
 * The kubectl minor version for a cluster: its own when the app ships that
 * layer, otherwise the nearest one. kubectl is supported one minor version
 * either side of the API server, so 1.31 to 1.36 are within support; older
 * clusters (1.29, 1.30, both in extended support) get kubectl 1.32, outside
 * the skew policy, which the apply and helm calls of the provider tolerate.
 */
export function kubectlMinorFor(kubernetesVersion: string): number {
  const match = /^1\.(\d+)$/.exec(kubernetesVersion);
  if (!match) {
    throw new Error(
      `cluster.kubernetesVersion must be a version such as "1.33"; got ${JSON.stringify(
        kubernetesVersion,
      )}`,
    );
  }
  const minor = Number(match[1]);
  const lowest = KUBECTL_LAYER_MINORS[0];
  const highest = KUBECTL_LAYER_MINORS[KUBECTL_LAYER_MINORS.length - 1];
  return Math.min(Math.max(minor, lowest), highest);
}

/** The kubectl layer of the cluster's provider. */
export function kubectlLayerFor(
  scope: Construct,
  id: string,
  kubernetesVersion: string,
): lambda.ILayerVersion {
  return new LAYERS[kubectlMinorFor(kubernetesVersion)](scope, id);
}
