import type { ResourceEntityV1alpha1 } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_REGION,
  ANNOTATION_AWS_RESOURCE_TYPE,
  ANNOTATION_AWS_VIEW,
  EnvironmentSpec,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import { Part, PartContext, PARTS } from './catalogParts';
import { EnvironmentStackTemplate, findResources } from './templates';

export {
  ENVIRONMENT_PART_COMPONENTS,
  KUBERNETES_ANNOTATIONS,
} from './catalogParts';

/**
 * Options of {@link environmentEntities}.
 *
 * @public
 */
export interface EnvironmentEntitiesOptions {
  /** @defaultValue `group:default/platform-team` */
  owner?: string;
  /** @defaultValue `innovate-platform` */
  system?: string;
  /** @defaultValue `default` */
  namespace?: string;
}

function partEntity(
  part: Part,
  env: string,
  present: ReadonlySet<string>,
  options: Required<EnvironmentEntitiesOptions>,
): ResourceEntityV1alpha1 {
  const { namespace } = options;
  const annotations: Record<string, string> = {
    [ANNOTATION_AWS_ENVIRONMENT]: env,
    [ANNOTATION_AWS_COMPONENT]: part.component,
    [ANNOTATION_AWS_ACCOUNT]: part.account,
    [ANNOTATION_AWS_REGION]: part.region,
    ...(part.resourceType
      ? { [ANNOTATION_AWS_RESOURCE_TYPE]: part.resourceType }
      : {}),
    ...(part.arn ? { [ANNOTATION_AWS_ARN]: part.arn } : {}),
    ...(part.view ? { [ANNOTATION_AWS_VIEW]: part.view } : {}),
    ...part.extraAnnotations,
  };
  const nameOf = (suffix: string) => (suffix ? `${env}-${suffix}` : env);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: nameOf(part.suffix),
      namespace,
      title: part.title,
      description: part.description,
      annotations,
      tags: ['aws', part.component],
    },
    spec: {
      type: part.type ?? part.component,
      owner: options.owner,
      system: options.system,
      dependsOn: part.dependsOn
        .filter(suffix => present.has(suffix))
        .map(suffix => `resource:${namespace}/${nameOf(suffix)}`),
    },
  };
}

/**
 * Catalog entities for an environment: a Resource for the environment and
 * one for each of its parts, owned and placed in the system, with
 * `dependsOn` relations that follow the seed's traffic flow (CloudFront →
 * WAF, S3 and the ALB; ALB → EKS; EKS → RDS, NAT gateways, ECR, Secrets
 * Manager, KMS; node groups → cluster; alarms → SNS and what they watch;
 * RDS → KMS). Names are `<environment>-<part>`, unique across
 * environments. The provider adds `backstage.io/managed-by-location` and
 * `backstage.io/managed-by-origin-location`.
 *
 * @public
 */
export function environmentEntities(
  spec: EnvironmentSpec,
  stacks: readonly EnvironmentStackTemplate[],
  options: EnvironmentEntitiesOptions = {},
): ResourceEntityV1alpha1[] {
  const region = spec.region;
  const ctx: PartContext = {
    spec,
    stacks,
    env: spec.name,
    names: environmentResourceNames(spec.name),
    workloads: spec.accounts.workloads,
    management: spec.accounts.management,
    region,
    nats: findResources(stacks, 'AWS::EC2::NatGateway'),
    first: type => findResources(stacks, type)[0],
    arnIn: (service, account, resource) =>
      `arn:aws:${service}:${region}:${account}:${resource}`,
  };
  const parts = PARTS.flatMap(build => build(ctx));
  const present = new Set(parts.map(part => part.suffix));
  const resolved = {
    owner: options.owner ?? 'group:default/platform-team',
    system: options.system ?? 'innovate-platform',
    namespace: options.namespace ?? 'default',
  };
  return parts.map(part => partEntity(part, ctx.env, present, resolved));
}
