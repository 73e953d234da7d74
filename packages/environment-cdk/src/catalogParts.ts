import {
  ACCOUNT_BASELINE_STACK_NAME,
  accountBaselineResourceNames,
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
import { domainParts } from './catalogDomainParts';

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

/** One catalog entity of an environment, before it becomes an entity. */
export interface Part {
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

/** What the part builders read: the spec, the templates and names. */
export interface PartContext {
  spec: EnvironmentSpec;
  stacks: readonly EnvironmentStackTemplate[];
  env: string;
  names: ReturnType<typeof environmentResourceNames>;
  workloads: string;
  management: string;
  region: string;
  nats: FoundResource[];
  /** The first resource of a type, across the stacks. */
  first(type: string): FoundResource | undefined;
  arnIn(service: string, account: string, resource: string): string;
}

/** A part in the workloads account and the environment's region. */
function workloadsPart(
  ctx: PartContext,
  part: Omit<Part, 'account' | 'region' | 'dependsOn'> &
    Partial<Pick<Part, 'region' | 'dependsOn'>>,
): Part {
  return { account: ctx.workloads, region: ctx.region, dependsOn: [], ...part };
}

/**
 * A workloads part for the first resource of a type across the stacks,
 * known by its `stack/LogicalId` until deployed.
 */
function firstResourcePart(
  ctx: PartContext,
  resourceType: string,
  part: Omit<Parameters<typeof workloadsPart>[1], 'resourceType' | 'arn'>,
): Part {
  return workloadsPart(ctx, {
    ...part,
    resourceType,
    arn: keyOf(ctx.first(resourceType)),
  });
}

const natSuffix = (index: number) => `nat-gateway-${index + 1}`;

const environmentPart = (ctx: PartContext): Part =>
  workloadsPart(ctx, {
    suffix: '',
    title: `AWS environment ${ctx.env}`,
    description: `The ${ctx.env} environment: the seed architecture in ${ctx.region} (workloads account ${ctx.workloads}, management account ${ctx.management}).`,
    component: C.environment,
    view: 'cost',
    dependsOn: [
      ...(ctx.spec.domain ? ['dns-spa'] : []),
      'cloudfront',
      'ecr',
      'alarm-topic',
      'budget',
      'cloudtrail',
      'guardduty',
    ],
  });

const vpcPart = (ctx: PartContext): Part =>
  firstResourcePart(ctx, 'AWS::EC2::VPC', {
    suffix: 'vpc',
    title: `${ctx.env} VPC`,
    description: `VPC ${ctx.spec.network.vpcCidr} over ${ctx.spec.network.azCount} AZs with flow logs.`,
    component: C.vpc,
  });

const natGatewayParts = (ctx: PartContext): Part[] =>
  ctx.nats.map((nat, index) =>
    workloadsPart(ctx, {
      suffix: natSuffix(index),
      title: `${ctx.env} NAT gateway ${index + 1}`,
      description: `NAT gateway ${index + 1} of ${
        ctx.nats.length
      }: outbound traffic of the private subnets.`,
      component: C.natGateway,
      resourceType: 'AWS::EC2::NatGateway',
      arn: resourceKey(nat),
      dependsOn: ['vpc'],
    }),
  );

const loadBalancerPart = (ctx: PartContext): Part =>
  firstResourcePart(ctx, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {
    suffix: 'alb',
    title: ctx.names.loadBalancer,
    description:
      'Application Load Balancer: CloudFront → API pods on port 8080.',
    component: C.loadBalancer,
    view: 'alarms',
    dependsOn: ['eks-cluster'],
  });

const clusterPart = (ctx: PartContext): Part => {
  const { names } = ctx;
  return workloadsPart(ctx, {
    suffix: 'eks-cluster',
    title: names.cluster,
    description: `EKS cluster, Kubernetes ${ctx.spec.cluster.kubernetesVersion}: the Flask API pods.`,
    component: C.eksCluster,
    type: 'kubernetes-cluster',
    resourceType: 'AWS::EKS::Cluster',
    arn: ctx.arnIn('eks', ctx.workloads, `cluster/${names.cluster}`),
    view: 'cluster',
    dependsOn: [
      'rds',
      ...ctx.nats.map((_, index) => natSuffix(index)),
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
  });
};

const nodeGroupParts = (ctx: PartContext): Part[] =>
  findResources(ctx.stacks, 'AWS::EKS::Nodegroup').map(group => {
    const role =
      (group.properties.Labels as Record<string, string> | undefined)?.[
        NODE_GROUP_ROLE_LABEL
      ] ?? group.logicalId;
    return workloadsPart(ctx, {
      suffix: `node-group-${role}`,
      title: String(group.properties.NodegroupName),
      description: `Managed node group ${group.properties.NodegroupName}.`,
      component: C.eksNodeGroup,
      resourceType: 'AWS::EKS::Nodegroup',
      arn: resourceKey(group),
      view: 'cluster',
      dependsOn: ['eks-cluster'],
    });
  });

const databasePart = (ctx: PartContext): Part => {
  const { spec, names } = ctx;
  return workloadsPart(ctx, {
    suffix: 'rds',
    title: names.database,
    description: `RDS PostgreSQL ${spec.database.engineVersion}, ${spec.database.instanceClass}, ${spec.database.allocatedStorageGb} GB ${spec.database.storageType}.`,
    component: C.rdsInstance,
    resourceType: 'AWS::RDS::DBInstance',
    arn: ctx.arnIn('rds', ctx.workloads, `db:${names.database}`),
    view: 'database',
    dependsOn: ['kms-rds'],
  });
};

const databaseSecretPart = (ctx: PartContext): Part => {
  const database = ctx.first('AWS::RDS::DBInstance');
  return workloadsPart(ctx, {
    suffix: 'db-secret',
    title: `${ctx.names.database} credentials`,
    description:
      'Secrets Manager secret with the database master credentials, created and rotated by RDS.',
    component: C.secret,
    resourceType: 'AWS::SecretsManager::Secret',
    // RDS creates the secret: its ARN is the instance's attribute.
    arn: database
      ? `${resourceKey(database)}.MasterUserSecret.SecretArn`
      : undefined,
    view: 'database',
    dependsOn: ['rds'],
  });
};

const spaBucketPart = (ctx: PartContext): Part =>
  workloadsPart(ctx, {
    suffix: 'spa-bucket',
    title: `${ctx.env} SPA bucket`,
    description: 'Private S3 bucket of the React SPA, read by CloudFront only.',
    component: C.s3Bucket,
    resourceType: 'AWS::S3::Bucket',
    arn: keyOf(
      findResources(ctx.stacks, 'AWS::S3::Bucket').find(b =>
        b.logicalId.includes('Spa'),
      ),
    ),
  });

const cloudFrontPart = (ctx: PartContext): Part =>
  firstResourcePart(ctx, 'AWS::CloudFront::Distribution', {
    suffix: 'cloudfront',
    title: `${ctx.env} CloudFront`,
    description: 'CloudFront distribution: the SPA from S3, /api/* to the ALB.',
    component: C.cloudFrontDistribution,
    dependsOn: [
      'waf',
      'spa-bucket',
      'alb',
      ...(ctx.spec.domain
        ? [
            ctx.region === 'us-east-1'
              ? 'certificate'
              : 'certificate-cloudfront',
          ]
        : []),
    ],
  });

const webAclPart = (ctx: PartContext): Part => {
  const webAcl = ctx.first('AWS::WAFv2::WebACL');
  return workloadsPart(ctx, {
    suffix: 'waf',
    title: ctx.names.webAcl,
    description:
      'WAF web ACL: AWS managed OWASP rules and a per-IP rate limit.',
    component: C.webAcl,
    resourceType: 'AWS::WAFv2::WebACL',
    arn: keyOf(webAcl),
    region: webAcl?.stack.region ?? ctx.region,
  });
};

const registryPart = (ctx: PartContext): Part => {
  const { management } = ctx;
  return {
    suffix: 'ecr',
    title: `${ctx.env} API repository`,
    description: 'ECR repository of the Flask API image (management account).',
    component: C.ecrRepository,
    resourceType: 'AWS::ECR::Repository',
    // CloudFormation names the repository (a recreated environment must not
    // collide with the retained one): known by its stack/LogicalId.
    arn: keyOf(ctx.first('AWS::ECR::Repository')),
    account: management,
    region: ctx.region,
    dependsOn: [],
  };
};

/** The customer managed KMS keys, by the stack they are in. */
const KMS_KEYS = [
  {
    suffix: 'kms-eks-secrets',
    title: 'EKS secrets key',
    description: 'KMS key encrypting Kubernetes secrets.',
    stack: 'cluster',
  },
  {
    suffix: 'kms-rds',
    title: 'RDS storage key',
    description: 'KMS key encrypting the database storage and backups.',
    stack: 'database',
  },
  {
    suffix: 'kms-alarm-topic',
    title: 'alarm topic key',
    description: 'KMS key encrypting the alarm SNS topic.',
    stack: 'observability',
  },
] as const;

const kmsKeyParts = (ctx: PartContext): Part[] => {
  const keys = findResources(ctx.stacks, 'AWS::KMS::Key');
  return KMS_KEYS.map(key =>
    workloadsPart(ctx, {
      suffix: key.suffix,
      title: `${ctx.env} ${key.title}`,
      description: key.description,
      component: C.kmsKey,
      resourceType: 'AWS::KMS::Key',
      arn: keyOf(keys.find(found => found.stack.id === key.stack)),
    }),
  );
};

const alarmTopicPart = (ctx: PartContext): Part => {
  const { names } = ctx;
  return workloadsPart(ctx, {
    suffix: 'alarm-topic',
    title: names.alarmTopic,
    description: `SNS topic the alarms notify; ${ctx.spec.budget.alertEmail} is subscribed.`,
    component: C.snsTopic,
    resourceType: 'AWS::SNS::Topic',
    arn: ctx.arnIn('sns', ctx.workloads, names.alarmTopic),
    view: 'alarms',
    dependsOn: ['kms-alarm-topic'],
  });
};

/** The alarms: entity suffix, alarm name and the part each watches. */
const ALARM_KINDS: ReadonlyArray<{
  suffix: string;
  name: keyof ReturnType<typeof environmentResourceNames>['alarms'];
  watches: string;
}> = [
  { suffix: 'alarm-error-rate', name: 'errorRate', watches: 'alb' },
  { suffix: 'alarm-p99-latency', name: 'p99Latency', watches: 'alb' },
  { suffix: 'alarm-node-cpu', name: 'nodeCpu', watches: 'eks-cluster' },
  { suffix: 'alarm-node-memory', name: 'nodeMemory', watches: 'eks-cluster' },
  { suffix: 'alarm-db-cpu', name: 'databaseCpu', watches: 'rds' },
];

const alarmParts = (ctx: PartContext): Part[] => {
  const alarms = findResources(ctx.stacks, 'AWS::CloudWatch::Alarm');
  return ALARM_KINDS.flatMap(kind => {
    const name = ctx.names.alarms[kind.name];
    const alarm = alarms.find(found => found.properties.AlarmName === name);
    if (!alarm) {
      return [];
    }
    return [
      workloadsPart(ctx, {
        suffix: kind.suffix,
        title: name,
        description: String(alarm.properties.AlarmDescription ?? name),
        component: C.alarm,
        resourceType: 'AWS::CloudWatch::Alarm',
        arn: ctx.arnIn('cloudwatch', ctx.workloads, `alarm:${name}`),
        view: 'alarms',
        dependsOn: ['alarm-topic', kind.watches],
      }),
    ];
  });
};

const budgetPart = (ctx: PartContext): Part => {
  const { names, management } = ctx;
  return {
    suffix: 'budget',
    title: names.budget,
    description: `Monthly budget of $${ctx.spec.budget.monthlyUsd}; e-mails at ${BUDGET_ALERTS.actualPercent} % actual and ${BUDGET_ALERTS.forecastPercent} % forecast.`,
    component: C.budget,
    resourceType: 'AWS::Budgets::Budget',
    arn: `arn:aws:budgets::${management}:budget/${names.budget}`,
    account: management,
    region: ctx.region,
    view: 'cost',
    dependsOn: [],
  };
};

/** How the account baseline's parts describe where they come from. */
function baselineOrigin(ctx: PartContext): string {
  return ctx.spec.baseline === 'managed'
    ? `the account baseline stack ${ACCOUNT_BASELINE_STACK_NAME}, shared by every environment in ${ctx.workloads}/${ctx.region} and never deleted by a destroy`
    : "the account's own (spec.baseline: existing), checked before every AWS deployment; the portal neither creates nor deletes it";
}

const cloudTrailPart = (ctx: PartContext): Part => {
  const trail = accountBaselineResourceNames(ctx.region).trail;
  const managed = ctx.spec.baseline === 'managed';
  return workloadsPart(ctx, {
    suffix: 'cloudtrail',
    title: managed ? trail : `${ctx.env} account CloudTrail`,
    description: `Multi-region CloudTrail trail of the workloads account: ${baselineOrigin(
      ctx,
    )}.`,
    component: C.cloudTrail,
    resourceType: 'AWS::CloudTrail::Trail',
    arn: managed
      ? ctx.arnIn('cloudtrail', ctx.workloads, `trail/${trail}`)
      : undefined,
  });
};

const guardDutyPart = (ctx: PartContext): Part =>
  firstResourcePart(ctx, 'AWS::GuardDuty::Detector', {
    suffix: 'guardduty',
    title: `${ctx.env} GuardDuty`,
    description: `GuardDuty detector of the workloads account in the region: ${baselineOrigin(
      ctx,
    )}.`,
    component: C.guardDuty,
  });

/** The parts of an environment, in entity order. */
export const PARTS: ReadonlyArray<(ctx: PartContext) => Part | Part[]> = [
  environmentPart,
  vpcPart,
  natGatewayParts,
  loadBalancerPart,
  clusterPart,
  nodeGroupParts,
  databasePart,
  databaseSecretPart,
  spaBucketPart,
  cloudFrontPart,
  webAclPart,
  registryPart,
  kmsKeyParts,
  alarmTopicPart,
  alarmParts,
  budgetPart,
  cloudTrailPart,
  guardDutyPart,
  domainParts,
];
