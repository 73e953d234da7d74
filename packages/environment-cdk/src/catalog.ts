import type { ResourceEntityV1alpha1 } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_REGION,
  ANNOTATION_AWS_RESOURCE_TYPE,
  ANNOTATION_AWS_VIEW,
  AWS_COMPONENT,
  EnvironmentSpec,
  environmentResourceNames,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import { BUDGET_ALERTS } from './constructs/Budget';
import {
  EnvironmentStackTemplate,
  findResources,
  FoundResource,
  NODE_GROUP_ROLE_LABEL,
  resourceKey,
} from './templates';

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

/**
 * Values of the `innovate.io/aws-component` annotation for every part: the
 * common package's `AWS_COMPONENT` (the parts with a view of their own) and
 * descriptive values for the rest.
 *
 * @public
 */
export const ENVIRONMENT_PART_COMPONENTS = {
  ...AWS_COMPONENT,
  vpc: 'vpc',
  natGateway: 'nat-gateway',
  loadBalancer: 'alb',
  s3Bucket: 's3-bucket',
  cloudFrontDistribution: 'cloudfront-distribution',
  webAcl: 'waf-web-acl',
  ecrRepository: 'ecr-repository',
  secret: 'secrets-manager-secret',
  kmsKey: 'kms-key',
  snsTopic: 'sns-topic',
  cloudTrail: 'cloudtrail-trail',
  guardDuty: 'guardduty-detector',
} as const;

const C = ENVIRONMENT_PART_COMPONENTS;

/**
 * Annotations of the Kubernetes plugin on the cluster entity: the workloads
 * labelled `backstage.io/kubernetes-id=<cluster>` show on it, queried on the
 * cluster of that name, through AWS IAM auth. The entity provider adds
 * `kubernetes.io/api-server` and `kubernetes.io/api-server-certificate-authority`
 * once the cluster exists (they are not known at synthesis), which lets the
 * Kubernetes backend's catalog cluster locator use the entity.
 *
 * @public
 */
export const KUBERNETES_ANNOTATIONS = {
  id: 'backstage.io/kubernetes-id',
  cluster: 'backstage.io/kubernetes-cluster',
  authProvider: 'kubernetes.io/auth-provider',
  awsClusterId: 'kubernetes.io/x-k8s-aws-id',
} as const;

interface Part {
  /** Entity name suffix after `<environment>-` (empty for the environment). */
  suffix: string;
  title: string;
  description: string;
  component: string;
  /** `spec.type`; defaults to the component kind. */
  type?: string;
  resourceType?: string;
  arn?: string;
  account: string;
  region: string;
  view?: ViewName;
  dependsOn: string[];
  extraAnnotations?: Record<string, string>;
}

/** `stack/LogicalId` of a resource whose ARN is only known once deployed. */
function keyOf(resource: FoundResource | undefined): string | undefined {
  return resource ? resourceKey(resource) : undefined;
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
  const owner = options.owner ?? 'group:default/platform-team';
  const system = options.system ?? 'innovate-platform';
  const namespace = options.namespace ?? 'default';
  const env = spec.name;
  const names = environmentResourceNames(env);
  const workloads = spec.accounts.workloads;
  const management = spec.accounts.management;
  const region = spec.region;
  const ref = (suffix: string) =>
    `resource:${namespace}/${suffix ? `${env}-${suffix}` : env}`;
  const first = (type: string) => findResources(stacks, type)[0];
  const arnIn = (service: string, account: string, resource: string) =>
    `arn:aws:${service}:${region}:${account}:${resource}`;

  const nats = findResources(stacks, 'AWS::EC2::NatGateway');
  const nodeGroups = findResources(stacks, 'AWS::EKS::Nodegroup');
  const alarms = findResources(stacks, 'AWS::CloudWatch::Alarm');
  const webAcl = first('AWS::WAFv2::WebACL');
  const database = first('AWS::RDS::DBInstance');
  const keys = findResources(stacks, 'AWS::KMS::Key');
  const keyIn = (role: string) => keys.find(key => key.stack.id === role);
  const natSuffix = (index: number) => `nat-gateway-${index + 1}`;
  const nodeGroupRole = (group: FoundResource) =>
    (group.properties.Labels as Record<string, string> | undefined)?.[
      NODE_GROUP_ROLE_LABEL
    ] ?? group.logicalId;

  const alarmKinds: Array<{
    suffix: string;
    name: string;
    watches: string;
  }> = [
    {
      suffix: 'alarm-error-rate',
      name: names.alarms.errorRate,
      watches: 'alb',
    },
    {
      suffix: 'alarm-p99-latency',
      name: names.alarms.p99Latency,
      watches: 'alb',
    },
    {
      suffix: 'alarm-node-cpu',
      name: names.alarms.nodeCpu,
      watches: 'eks-cluster',
    },
    {
      suffix: 'alarm-node-memory',
      name: names.alarms.nodeMemory,
      watches: 'eks-cluster',
    },
    { suffix: 'alarm-db-cpu', name: names.alarms.databaseCpu, watches: 'rds' },
  ];

  const parts: Part[] = [
    {
      suffix: '',
      title: `AWS environment ${env}`,
      description: `The ${env} environment: the seed architecture in ${region} (workloads account ${workloads}, management account ${management}).`,
      component: C.environment,
      account: workloads,
      region,
      view: 'cost',
      dependsOn: [
        'cloudfront',
        'ecr',
        'alarm-topic',
        'budget',
        'cloudtrail',
        'guardduty',
      ],
    },
    {
      suffix: 'vpc',
      title: `${env} VPC`,
      description: `VPC ${spec.network.vpcCidr} over ${spec.network.azCount} AZs with flow logs.`,
      component: C.vpc,
      resourceType: 'AWS::EC2::VPC',
      arn: keyOf(first('AWS::EC2::VPC')),
      account: workloads,
      region,
      dependsOn: [],
    },
    ...nats.map((nat, index) => ({
      suffix: natSuffix(index),
      title: `${env} NAT gateway ${index + 1}`,
      description: `NAT gateway ${index + 1} of ${
        nats.length
      }: outbound traffic of the private subnets.`,
      component: C.natGateway,
      resourceType: 'AWS::EC2::NatGateway',
      arn: resourceKey(nat),
      account: workloads,
      region,
      dependsOn: ['vpc'],
    })),
    {
      suffix: 'alb',
      title: names.loadBalancer,
      description:
        'Application Load Balancer: CloudFront → API pods on port 8080.',
      component: C.loadBalancer,
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      arn: keyOf(first('AWS::ElasticLoadBalancingV2::LoadBalancer')),
      account: workloads,
      region,
      view: 'alarms',
      dependsOn: ['eks-cluster'],
    },
    {
      suffix: 'eks-cluster',
      title: names.cluster,
      description: `EKS cluster, Kubernetes ${spec.cluster.kubernetesVersion}: the Flask API pods.`,
      component: C.eksCluster,
      type: 'kubernetes-cluster',
      resourceType: 'AWS::EKS::Cluster',
      arn: arnIn('eks', workloads, `cluster/${names.cluster}`),
      account: workloads,
      region,
      view: 'cluster',
      dependsOn: [
        'rds',
        ...nats.map((_, index) => natSuffix(index)),
        'ecr',
        'db-secret',
        'kms-eks-secrets',
        'vpc',
      ],
      extraAnnotations: {
        [KUBERNETES_ANNOTATIONS.id]: names.cluster,
        [KUBERNETES_ANNOTATIONS.cluster]: names.cluster,
        [KUBERNETES_ANNOTATIONS.authProvider]: 'aws',
        [KUBERNETES_ANNOTATIONS.awsClusterId]: names.cluster,
      },
    },
    ...nodeGroups.map(group => ({
      suffix: `node-group-${nodeGroupRole(group)}`,
      title: String(group.properties.NodegroupName),
      description: `Managed node group ${group.properties.NodegroupName}.`,
      component: C.eksNodeGroup,
      resourceType: 'AWS::EKS::Nodegroup',
      arn: resourceKey(group),
      account: workloads,
      region,
      view: 'cluster' as const,
      dependsOn: ['eks-cluster'],
    })),
    {
      suffix: 'rds',
      title: names.database,
      description: `RDS PostgreSQL ${spec.database.engineVersion}, ${spec.database.instanceClass}, ${spec.database.allocatedStorageGb} GB ${spec.database.storageType}.`,
      component: C.rdsInstance,
      resourceType: 'AWS::RDS::DBInstance',
      arn: arnIn('rds', workloads, `db:${names.database}`),
      account: workloads,
      region,
      view: 'database',
      dependsOn: ['kms-rds'],
    },
    {
      suffix: 'db-secret',
      title: `${names.database} credentials`,
      description:
        'Secrets Manager secret with the database master credentials, created and rotated by RDS.',
      component: C.secret,
      resourceType: 'AWS::SecretsManager::Secret',
      // RDS creates the secret: its ARN is the instance's attribute.
      arn: database
        ? `${resourceKey(database)}.MasterUserSecret.SecretArn`
        : undefined,
      account: workloads,
      region,
      view: 'database',
      dependsOn: ['rds'],
    },
    {
      suffix: 'spa-bucket',
      title: `${env} SPA bucket`,
      description:
        'Private S3 bucket of the React SPA, read by CloudFront only.',
      component: C.s3Bucket,
      resourceType: 'AWS::S3::Bucket',
      arn: keyOf(
        findResources(stacks, 'AWS::S3::Bucket').find(b =>
          b.logicalId.includes('Spa'),
        ),
      ),
      account: workloads,
      region,
      dependsOn: [],
    },
    {
      suffix: 'cloudfront',
      title: `${env} CloudFront`,
      description:
        'CloudFront distribution: the SPA from S3, /api/* to the ALB.',
      component: C.cloudFrontDistribution,
      resourceType: 'AWS::CloudFront::Distribution',
      arn: keyOf(first('AWS::CloudFront::Distribution')),
      account: workloads,
      region,
      dependsOn: ['waf', 'spa-bucket', 'alb'],
    },
    {
      suffix: 'waf',
      title: names.webAcl,
      description:
        'WAF web ACL: AWS managed OWASP rules and a per-IP rate limit.',
      component: C.webAcl,
      resourceType: 'AWS::WAFv2::WebACL',
      arn: keyOf(webAcl),
      account: workloads,
      region: webAcl?.stack.region ?? region,
      dependsOn: [],
    },
    {
      suffix: 'ecr',
      title: names.apiRepository,
      description:
        'ECR repository of the Flask API image (management account).',
      component: C.ecrRepository,
      resourceType: 'AWS::ECR::Repository',
      arn: arnIn('ecr', management, `repository/${names.apiRepository}`),
      account: management,
      region,
      dependsOn: [],
    },
    {
      suffix: 'kms-eks-secrets',
      title: `${env} EKS secrets key`,
      description: 'KMS key encrypting Kubernetes secrets.',
      component: C.kmsKey,
      resourceType: 'AWS::KMS::Key',
      arn: keyOf(keyIn('cluster')),
      account: workloads,
      region,
      dependsOn: [],
    },
    {
      suffix: 'kms-rds',
      title: `${env} RDS storage key`,
      description: 'KMS key encrypting the database storage and backups.',
      component: C.kmsKey,
      resourceType: 'AWS::KMS::Key',
      arn: keyOf(keyIn('database')),
      account: workloads,
      region,
      dependsOn: [],
    },
    {
      suffix: 'kms-alarm-topic',
      title: `${env} alarm topic key`,
      description: 'KMS key encrypting the alarm SNS topic.',
      component: C.kmsKey,
      resourceType: 'AWS::KMS::Key',
      arn: keyOf(keyIn('observability')),
      account: workloads,
      region,
      dependsOn: [],
    },
    {
      suffix: 'alarm-topic',
      title: names.alarmTopic,
      description: `SNS topic the alarms notify; ${spec.budget.alertEmail} is subscribed.`,
      component: C.snsTopic,
      resourceType: 'AWS::SNS::Topic',
      arn: arnIn('sns', workloads, names.alarmTopic),
      account: workloads,
      region,
      view: 'alarms',
      dependsOn: ['kms-alarm-topic'],
    },
    ...alarmKinds
      .filter(kind =>
        alarms.some(alarm => alarm.properties.AlarmName === kind.name),
      )
      .map(kind => ({
        suffix: kind.suffix,
        title: kind.name,
        description: String(
          alarms.find(alarm => alarm.properties.AlarmName === kind.name)
            ?.properties.AlarmDescription ?? kind.name,
        ),
        component: C.alarm,
        resourceType: 'AWS::CloudWatch::Alarm',
        arn: arnIn('cloudwatch', workloads, `alarm:${kind.name}`),
        account: workloads,
        region,
        view: 'alarms' as const,
        dependsOn: ['alarm-topic', kind.watches],
      })),
    {
      suffix: 'budget',
      title: names.budget,
      description: `Monthly budget of $${spec.budget.monthlyUsd}; e-mails at ${BUDGET_ALERTS.actualPercent} % actual and ${BUDGET_ALERTS.forecastPercent} % forecast.`,
      component: C.budget,
      resourceType: 'AWS::Budgets::Budget',
      arn: `arn:aws:budgets::${management}:budget/${names.budget}`,
      account: management,
      region,
      view: 'cost',
      dependsOn: [],
    },
    {
      suffix: 'cloudtrail',
      title: names.trail,
      description: 'Multi-region CloudTrail trail of the workloads account.',
      component: C.cloudTrail,
      resourceType: 'AWS::CloudTrail::Trail',
      arn: arnIn('cloudtrail', workloads, `trail/${names.trail}`),
      account: workloads,
      region,
      dependsOn: [],
    },
    {
      suffix: 'guardduty',
      title: `${env} GuardDuty`,
      description: 'GuardDuty detector of the workloads account in the region.',
      component: C.guardDuty,
      resourceType: 'AWS::GuardDuty::Detector',
      arn: keyOf(first('AWS::GuardDuty::Detector')),
      account: workloads,
      region,
      dependsOn: [],
    },
  ];

  const present = new Set(parts.map(part => part.suffix));
  return parts.map(part => {
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
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: part.suffix ? `${env}-${part.suffix}` : env,
        namespace,
        title: part.title,
        description: part.description,
        annotations,
        tags: ['aws', part.component],
      },
      spec: {
        type: part.type ?? part.component,
        owner,
        system,
        dependsOn: part.dependsOn
          .filter(suffix => present.has(suffix))
          .map(ref),
      },
    };
  });
}
