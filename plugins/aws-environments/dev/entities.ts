import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_VIEW,
} from '@innovate/plugin-aws-environments-common';

function part(
  suffix: string,
  component: string,
  title: string,
  extra: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: suffix ? `innovate-prod-${suffix}` : 'innovate-prod',
      title,
      annotations: {
        [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
        [ANNOTATION_AWS_COMPONENT]: component,
        ...extra,
      },
    },
    spec: { type: component, owner: 'group:default/platform-team' },
  };
}

function group(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, title },
    spec: { type: 'team', children: [] },
  };
}

function user(name: string, displayName: string, memberOf: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: { profile: { displayName }, memberOf: [memberOf] },
  };
}

/**
 * Catalog entities of the seed environment, as the catalog module makes
 * them, so the dev app shows the entity content and cards; and the owner
 * groups and the users who requested and approved the fake's deployments,
 * so their links lead somewhere.
 */
export const devEntities: Entity[] = [
  part('', 'environment', 'innovate-prod', { [ANNOTATION_AWS_VIEW]: 'cost' }),
  part('eks', 'eks-cluster', 'innovate-prod EKS cluster', {
    [ANNOTATION_AWS_VIEW]: 'cluster',
  }),
  part('node-group-application', 'eks-nodegroup', 'Application node group', {
    [ANNOTATION_AWS_VIEW]: 'cluster',
    [ANNOTATION_AWS_ARN]:
      'arn:aws:eks:us-east-1:222222222222:nodegroup/innovate-prod/application/4ec1b2a3',
  }),
  part('rds', 'rds-instance', 'innovate-prod PostgreSQL', {
    [ANNOTATION_AWS_VIEW]: 'database',
  }),
  part('alarm-node-cpu', 'cloudwatch-alarm', 'innovate-prod-node-cpu', {
    [ANNOTATION_AWS_VIEW]: 'alarms',
  }),
  part('budget', 'budget', 'innovate-prod budget', {
    [ANNOTATION_AWS_VIEW]: 'cost',
  }),
  group('platform-team', 'Platform team'),
  group('application-team', 'Application team'),
  user('maria.garcia', 'Maria Garcia', 'group:default/platform-team'),
  user('sam.chen', 'Sam Chen', 'group:default/platform-team'),
];
