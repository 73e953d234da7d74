import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_VIEW,
  AWS_COMPONENT,
  type ViewName,
} from '@innovate/plugin-aws-environments-common';

/** The aws-environments environment an entity belongs to. */
export function environmentOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[ANNOTATION_AWS_ENVIRONMENT] || undefined;
}

function componentOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[ANNOTATION_AWS_COMPONENT];
}

function isComponent(entity: Entity, ...components: string[]): boolean {
  const component = componentOf(entity);
  return (
    component !== undefined &&
    components.includes(component) &&
    environmentOf(entity) !== undefined
  );
}

/** True when the entity's view annotation names this view. */
function hasView(entity: Entity, view: ViewName): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_AWS_VIEW] === view &&
    environmentOf(entity) !== undefined
  );
}

/**
 * True for the catalog entity of an environment itself: it gets the
 * environment's tabs as entity content.
 *
 * @public
 */
export function isAwsEnvironmentEntity(entity: Entity): boolean {
  return isComponent(entity, AWS_COMPONENT.environment);
}

/**
 * True for an environment's EKS cluster and node groups, and any other part
 * whose view annotation is `cluster`.
 *
 * @public
 */
export function isEksClusterEntity(entity: Entity): boolean {
  return (
    isComponent(entity, AWS_COMPONENT.eksCluster, AWS_COMPONENT.eksNodeGroup) ||
    hasView(entity, 'cluster')
  );
}

/**
 * True for an environment's RDS instance, and any other part whose view
 * annotation is `database` (e.g. its credentials secret).
 *
 * @public
 */
export function isRdsDatabaseEntity(entity: Entity): boolean {
  return (
    isComponent(entity, AWS_COMPONENT.rdsInstance) ||
    hasView(entity, 'database')
  );
}

/**
 * True for an environment's CloudWatch alarms, and any other part whose view
 * annotation is `alarms` (e.g. the load balancer, the alarm topic).
 *
 * @public
 */
export function isAwsAlarmEntity(entity: Entity): boolean {
  return isComponent(entity, AWS_COMPONENT.alarm) || hasView(entity, 'alarms');
}

/**
 * True for an environment's AWS Budget, and any other part whose view
 * annotation is `cost` (so the environment entity's overview gets the
 * budget gauge too).
 *
 * @public
 */
export function isAwsBudgetEntity(entity: Entity): boolean {
  return isComponent(entity, AWS_COMPONENT.budget) || hasView(entity, 'cost');
}

/**
 * True for an environment's Route 53 records and ACM certificates, and any
 * other part whose view annotation is `domain`.
 *
 * @public
 */
export function isAwsDomainEntity(entity: Entity): boolean {
  return (
    isComponent(
      entity,
      AWS_COMPONENT.dnsRecord,
      AWS_COMPONENT.acmCertificate,
    ) || hasView(entity, 'domain')
  );
}

/** The node group name in an EKS node group ARN, if the entity has one. */
export function nodeGroupOf(entity: Entity): string | undefined {
  if (componentOf(entity) !== AWS_COMPONENT.eksNodeGroup) {
    return undefined;
  }
  // arn:aws:eks:<region>:<account>:nodegroup/<cluster>/<nodegroup>/<id>
  const arn = entity.metadata.annotations?.[ANNOTATION_AWS_ARN] ?? '';
  const match = /^arn:aws[\w-]*:eks:[^:]*:\d*:nodegroup\/[^/]+\/([^/]+)/.exec(
    arn,
  );
  return match?.[1];
}

/**
 * The alarm an alarm entity stands for (its ARN and name); undefined for
 * other entities with the alarms view, which show every alarm.
 */
export function alarmOf(
  entity: Entity,
): { arn?: string; name?: string } | undefined {
  if (componentOf(entity) !== AWS_COMPONENT.alarm) {
    return undefined;
  }
  return {
    arn: entity.metadata.annotations?.[ANNOTATION_AWS_ARN],
    name: entity.metadata.title ?? entity.metadata.name,
  };
}
