import type { Entity } from '@backstage/catalog-model';
import {
  EnvironmentDetail,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { environmentDetail } from './FakeAwsEnvironmentsBackend';

/**
 * Stack outputs of a deployed environment as the backend records them
 * (`<stack>.<output>`), in the formats AWS gives them: what the CDK app's
 * stacks output (packages/environment-cdk/src/stacks, `addOutputs`).
 */
export function deployedOutputs(name: string): Record<string, string> {
  const workloads = '222222222222';
  const management = '111111111111';
  return {
    [`${name}-network.VpcId`]: 'vpc-0a1b2c3d4e5f67890',
    [`${name}-cluster.ClusterName`]: name,
    [`${name}-cluster.ClusterArn`]: `arn:aws:eks:us-east-1:${workloads}:cluster/${name}`,
    [`${name}-cluster.ApiServiceAccountRoleArn`]: `arn:aws:iam::${workloads}:role/${name}-cluster-ClusterApiServiceAccountRole6B0E4B6F-Q1w2E3r4T5y6`,
    [`${name}-database.DatabaseEndpoint`]: `${name}-db.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com`,
    [`${name}-database.DatabasePort`]: '5432',
    [`${name}-database.DatabaseName`]: 'app',
    [`${name}-database.DatabaseSecretArn`]: `arn:aws:secretsmanager:us-east-1:${workloads}:secret:rds!db-0a1b2c3d-4e5f-6789-abcd-ef0123456789-AbCdEf`,
    [`${name}-edge.ApiTargetGroupArn`]: `arn:aws:elasticloadbalancing:us-east-1:${workloads}:targetgroup/${name}-api/0123456789abcdef`,
    [`${name}-edge.SpaBucketName`]: `${name}-edge-spabucket3f8a1c2d-1a2b3c4d5e6f`,
    [`${name}-edge.DistributionId`]: 'E1A2B3C4D5E6F7',
    [`${name}-edge.DistributionDomainName`]: 'd111111abcdef8.cloudfront.net',
    [`${name}-edge.LoadBalancerDnsName`]: `internal-${name}-alb-1234567890.us-east-1.elb.amazonaws.com`,
    [`${name}-registry.RepositoryUri`]: `${management}.dkr.ecr.us-east-1.amazonaws.com/${name}-registry-apirepository4f8c1d2e-x7k2p9q3r1`,
  };
}

/** A deployed environment (source aws), with its spec and outputs. */
export function deployedEnvironment(
  name: string,
  owner?: string,
): EnvironmentDetail {
  const result = validateEnvironmentSpec({
    name,
    accounts: { management: '111111111111', workloads: '222222222222' },
    budget: { alertEmail: 'platform-alerts@innovate.example' },
  });
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return {
    ...environmentDetail(name, owner),
    source: 'aws',
    spec: result.spec,
    outputs: deployedOutputs(name),
  };
}

const part = (
  env: string,
  suffix: string,
  component: string,
  type = component,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: suffix ? `${env}-${suffix}` : env,
    namespace: 'default',
    annotations: {
      'innovate.io/aws-environment': env,
      'innovate.io/aws-component': component,
    },
  },
  spec: { type, owner: 'group:default/platform-team' },
});

/**
 * The catalog entities of an environment the outputs action reads (a
 * subset of what environmentEntities of @innovate/environment-cdk makes:
 * same names and annotations).
 */
export function environmentEntitiesOf(env: string): Entity[] {
  return [
    part(env, '', 'environment'),
    part(env, 'vpc', 'vpc'),
    part(env, 'alb', 'alb'),
    part(env, 'eks-cluster', 'eks-cluster', 'kubernetes-cluster'),
    part(env, 'rds', 'rds-instance'),
    part(env, 'db-secret', 'secrets-manager-secret'),
    part(env, 'spa-bucket', 's3-bucket'),
    part(env, 'cloudfront', 'cloudfront-distribution'),
    part(env, 'ecr', 'ecr-repository'),
  ];
}
