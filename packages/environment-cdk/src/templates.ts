import {
  CfnResourceJson,
  CfnTemplate,
  EnvironmentStackRole,
  isJsonObject,
  literalBoolean,
  TemplateResource,
} from '@innovate/plugin-aws-environments-common';

export type {
  CfnResourceJson,
  CfnTemplate,
} from '@innovate/plugin-aws-environments-common';
export {
  findResources,
  literalNumber,
} from '@innovate/plugin-aws-environments-common';

/**
 * Kubernetes label the CDK app puts on the nodes of each managed node group:
 * its role, `system` or `application`. Conformance, the cost model and the
 * catalog tell the node groups apart by it.
 *
 * @public
 */
export const NODE_GROUP_ROLE_LABEL = 'innovate.io/node-group';

/**
 * The AWS Load Balancer Controller's Helm chart, pinned.
 *
 * Chart 1.14.0 ships controller v2.14.0 (September 2025), released after
 * Kubernetes 1.33 went GA (April 2025) and EKS offered it (May 2025). The
 * controller needs Kubernetes 1.22 or later and uses only GA APIs that 1.33
 * still serves (apps/v1, admissionregistration.k8s.io/v1,
 * discovery.k8s.io/v1, coordination.k8s.io/v1). The chart's values
 * (`clusterLoadBalancerController`) switch EndpointSlices on because 1.33
 * deprecates the v1 Endpoints API.
 *
 * @public
 */
export const LOAD_BALANCER_CONTROLLER_CHART = {
  chart: 'aws-load-balancer-controller',
  repository: 'https://aws.github.io/eks-charts',
  version: '1.14.0',
  release: 'aws-load-balancer-controller',
} as const;

/**
 * The annotation that binds a service account to an IAM role (IRSA).
 *
 * @public
 */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * One stack's template with where it deploys: all that conformance, the
 * cost model and the catalog need. `id` is the stack's role.
 *
 * @public
 */
export interface EnvironmentStackTemplate {
  id: EnvironmentStackRole;
  stackName: string;
  account: string;
  region: string;
  template: CfnTemplate;
}

/**
 * A resource found in one of the templates.
 *
 * @public
 */
export type FoundResource = TemplateResource<EnvironmentStackTemplate>;

/**
 * The resource a template value points at: `{ Ref }`, `{ Fn::GetAtt }`, or
 * a cross-stack `{ Fn::GetStackOutput }` / `{ Fn::ImportValue }` followed to
 * the producing stack's output.
 *
 * @public
 */
export interface ResourceReference {
  stack: EnvironmentStackTemplate;
  logicalId: string;
  /** The attribute for `Fn::GetAtt`; undefined for `Ref`. */
  attribute?: string;
}

function outputByExportOrName(
  stacks: readonly EnvironmentStackTemplate[],
  value: Record<string, unknown>,
): { stack: EnvironmentStackTemplate; value: unknown } | undefined {
  const getStackOutput = value['Fn::GetStackOutput'];
  if (isJsonObject(getStackOutput)) {
    const producer = stacks.find(
      stack => stack.stackName === getStackOutput.StackName,
    );
    const output =
      producer?.template.Outputs?.[String(getStackOutput.OutputName)];
    return producer && output
      ? { stack: producer, value: output.Value }
      : undefined;
  }
  const importValue = value['Fn::ImportValue'];
  if (typeof importValue === 'string') {
    for (const stack of stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        const exported = (output as { Export?: { Name?: unknown } }).Export;
        if (exported?.Name === importValue) {
          return { stack, value: output.Value };
        }
      }
    }
  }
  return undefined;
}

/**
 * Follows a template value to the resource it references, across stacks.
 *
 * @public
 */
export function resolveReference(
  stacks: readonly EnvironmentStackTemplate[],
  stack: EnvironmentStackTemplate,
  value: unknown,
): ResourceReference | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  if (typeof value.Ref === 'string') {
    return stack.template.Resources?.[value.Ref]
      ? { stack, logicalId: value.Ref }
      : undefined;
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    return {
      stack,
      logicalId: getAtt[0],
      attribute: getAtt.slice(1).join('.'),
    };
  }
  const output = outputByExportOrName(stacks, value);
  return output
    ? resolveReference(stacks, output.stack, output.value)
    : undefined;
}

/**
 * The resource a reference points at.
 *
 * @public
 */
export function referencedResource(
  reference: ResourceReference | undefined,
): CfnResourceJson | undefined {
  return reference
    ? reference.stack.template.Resources?.[reference.logicalId]
    : undefined;
}

/**
 * `stackName/LogicalId`: the identity of a resource before it is deployed.
 *
 * @public
 */
export function resourceKey(reference: {
  stack: EnvironmentStackTemplate;
  logicalId: string;
}): string {
  return `${reference.stack.stackName}/${reference.logicalId}`;
}

/**
 * Whether a template value is true: CloudFormation takes `true` and
 * `"true"` alike.
 *
 * @public
 */
export function literalTrue(value: unknown): boolean {
  return literalBoolean(value) === true;
}

/**
 * The stacks of a role (`edge-waf` may be absent).
 *
 * @public
 */
export function stackOfRole(
  stacks: readonly EnvironmentStackTemplate[],
  role: EnvironmentStackRole,
): EnvironmentStackTemplate | undefined {
  return stacks.find(stack => stack.id === role);
}
