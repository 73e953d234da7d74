import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_VIEW,
} from '@innovate/plugin-aws-environments-common';
import {
  alarmOf,
  environmentOf,
  isAwsAlarmEntity,
  isAwsBudgetEntity,
  isAwsDomainEntity,
  isAwsEnvironmentEntity,
  isEksClusterEntity,
  isRdsDatabaseEntity,
  nodeGroupOf,
} from './entityAnnotations';

function entity(annotations: Record<string, string>, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'part', title, annotations },
    spec: { type: 'aws' },
  };
}

const part = (component: string, extra: Record<string, string> = {}) =>
  entity({
    [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
    [ANNOTATION_AWS_COMPONENT]: component,
    ...extra,
  });

describe('entity annotations', () => {
  it('picks the view from the component annotation', () => {
    expect(isAwsEnvironmentEntity(part('environment'))).toBe(true);
    expect(isEksClusterEntity(part('eks-cluster'))).toBe(true);
    expect(isEksClusterEntity(part('eks-nodegroup'))).toBe(true);
    expect(isRdsDatabaseEntity(part('rds-instance'))).toBe(true);
    expect(isAwsAlarmEntity(part('cloudwatch-alarm'))).toBe(true);
    expect(isAwsBudgetEntity(part('budget'))).toBe(true);
    expect(isAwsDomainEntity(part('route53-record'))).toBe(true);
    expect(isAwsDomainEntity(part('acm-certificate'))).toBe(true);
    expect(isAwsDomainEntity(part('budget'))).toBe(false);
    expect(isEksClusterEntity(part('rds-instance'))).toBe(false);
    expect(isAwsEnvironmentEntity(part('vpc'))).toBe(false);
  });

  it('also follows the view annotation of other parts', () => {
    expect(
      isAwsAlarmEntity(part('alb', { [ANNOTATION_AWS_VIEW]: 'alarms' })),
    ).toBe(true);
    expect(
      isRdsDatabaseEntity(
        part('secret', { [ANNOTATION_AWS_VIEW]: 'database' }),
      ),
    ).toBe(true);
    expect(
      isAwsBudgetEntity(part('environment', { [ANNOTATION_AWS_VIEW]: 'cost' })),
    ).toBe(true);
    expect(
      isEksClusterEntity(part('alb', { [ANNOTATION_AWS_VIEW]: 'alarms' })),
    ).toBe(false);
    expect(
      isAwsDomainEntity(
        part('cloudfront', { [ANNOTATION_AWS_VIEW]: 'domain' }),
      ),
    ).toBe(true);
  });

  it('needs the environment annotation too', () => {
    const orphan = entity({ [ANNOTATION_AWS_COMPONENT]: 'eks-cluster' });
    expect(isEksClusterEntity(orphan)).toBe(false);
    expect(environmentOf(orphan)).toBeUndefined();
    expect(environmentOf(part('vpc'))).toBe('innovate-prod');
  });

  it('reads the node group name from its ARN', () => {
    expect(
      nodeGroupOf(
        part('eks-nodegroup', {
          [ANNOTATION_AWS_ARN]:
            'arn:aws:eks:us-east-1:222222222222:nodegroup/innovate-prod/application/4ec1b2a3',
        }),
      ),
    ).toBe('application');
    expect(
      nodeGroupOf(
        part('eks-nodegroup', {
          [ANNOTATION_AWS_ARN]: 'innovate-prod-cluster/AppNodes',
        }),
      ),
    ).toBeUndefined();
    expect(nodeGroupOf(part('eks-cluster'))).toBeUndefined();
  });

  it('names an alarm by its ARN and title', () => {
    const alarm = entity(
      {
        [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
        [ANNOTATION_AWS_COMPONENT]: 'cloudwatch-alarm',
        [ANNOTATION_AWS_ARN]: 'arn:aws:cloudwatch:us-east-1:2:alarm:x',
      },
      'innovate-prod-node-cpu',
    );
    expect(alarmOf(alarm)).toEqual({
      arn: 'arn:aws:cloudwatch:us-east-1:2:alarm:x',
      name: 'innovate-prod-node-cpu',
    });
    expect(
      alarmOf(part('alb', { [ANNOTATION_AWS_VIEW]: 'alarms' })),
    ).toBeUndefined();
  });
});
