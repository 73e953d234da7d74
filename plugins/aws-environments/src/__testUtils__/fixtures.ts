import {
  defaultEnvironmentSpec,
  estimateFromSpec,
  type AlarmsView,
  type ClusterView,
  type CostEstimate,
  type CostView,
  type DatabaseView,
  type DailySpend,
  type Deployment,
  type DeploymentSummary,
  type DriftView,
  type EnvironmentDetail,
  type EnvironmentSpec,
  type EnvironmentSummary,
} from '@innovate/plugin-aws-environments-common';

/**
 * Realistic responses of the aws-environments backend for the seed's
 * environment (`innovate-prod`, sandbox) and two others, for tests and the
 * dev harness.
 */

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** The seed's spec, as the backend returns it (all defaults filled in). */
export const seedSpec: EnvironmentSpec = defaultEnvironmentSpec();

/** Requested by one platform engineer, approved by another (four eyes). */
export const deploymentSucceeded: DeploymentSummary = {
  id: 'dep-0001',
  environment: 'innovate-prod',
  source: 'sandbox',
  action: 'deploy',
  status: 'succeeded',
  approval: 'required',
  requestedBy: 'user:default/maria.garcia',
  approvedBy: 'user:default/sam.chen',
  createdAt: '2025-06-02T09:00:00.000Z',
  startedAt: '2025-06-02T09:00:02.000Z',
  finishedAt: '2025-06-02T09:00:41.000Z',
};

export const deploymentAwaitingApproval: DeploymentSummary = {
  id: 'dep-0002',
  environment: 'innovate-prod',
  source: 'sandbox',
  action: 'deploy',
  status: 'awaiting-approval',
  approval: 'required',
  requestedBy: 'user:default/maria.garcia',
  createdAt: '2025-06-17T14:10:00.000Z',
  startedAt: '2025-06-17T14:10:03.000Z',
  changeSets: [
    {
      stack: 'innovate-prod-cluster',
      changeSetName: 'innovate-prod-cluster-dep-0002',
      changes: [
        {
          stack: 'innovate-prod-cluster',
          action: 'Modify',
          logicalId: 'ApplicationNodeGroup',
          resourceType: 'AWS::EKS::Nodegroup',
          replacement: 'False',
        },
      ],
    },
  ],
};

export const deploymentFailed: DeploymentSummary = {
  id: 'dep-0003',
  environment: 'dev-legacy',
  source: 'sandbox',
  action: 'deploy',
  status: 'failed',
  approval: 'auto',
  requestedBy: 'user:default/guest',
  createdAt: '2025-06-10T08:00:00.000Z',
  startedAt: '2025-06-10T08:00:01.000Z',
  finishedAt: '2025-06-10T08:00:09.000Z',
  error: 'Stack innovate-dev-network failed: NatGateway limit exceeded',
};

export const deploymentWithEvents: Deployment = {
  ...deploymentSucceeded,
  events: [
    {
      at: '2025-06-02T09:00:02.000Z',
      level: 'info',
      message: 'Synthesizing the environment',
    },
    {
      at: '2025-06-02T09:00:20.000Z',
      level: 'info',
      message: 'Creating stack innovate-prod-network',
      stack: 'innovate-prod-network',
    },
    {
      at: '2025-06-02T09:00:31.000Z',
      level: 'warning',
      message: 'NAT gateway count above one per AZ is ignored',
      stack: 'innovate-prod-network',
      logicalId: 'Vpc',
      resourceStatus: 'CREATE_COMPLETE',
    },
    {
      at: '2025-06-02T09:00:41.000Z',
      level: 'info',
      message: 'Deployment succeeded',
    },
  ],
};

export const environments: EnvironmentSummary[] = [
  {
    name: 'innovate-prod',
    owner: 'group:default/platform-team',
    source: 'sandbox',
    status: 'deployed',
    region: 'us-east-1',
    accounts: seedSpec.accounts,
    budgetUsd: 430,
    createdAt: '2025-06-02T09:00:00.000Z',
    updatedAt: '2025-06-17T14:10:00.000Z',
    latestDeployment: deploymentAwaitingApproval,
  },
  {
    name: 'analytics-eu',
    owner: 'group:default/application-team',
    source: 'aws',
    status: 'deployed',
    region: 'eu-west-1',
    accounts: { management: '333333333333', workloads: '444444444444' },
    budgetUsd: 430,
    createdAt: '2025-05-20T10:00:00.000Z',
    updatedAt: '2025-05-20T10:30:00.000Z',
  },
  {
    // Created by a guest, who belongs to no group: the guest owns it.
    name: 'dev-legacy',
    owner: 'user:default/guest',
    source: 'sandbox',
    status: 'failed',
    region: 'us-west-2',
    accounts: { management: '555555555555', workloads: '666666666666' },
    budgetUsd: 150,
    createdAt: '2025-06-10T08:00:00.000Z',
    updatedAt: '2025-06-10T08:00:09.000Z',
    latestDeployment: deploymentFailed,
  },
];

export const environmentDetail: EnvironmentDetail = {
  ...environments[0],
  spec: seedSpec,
  outputs: {
    'innovate-prod-cluster.ClusterName': 'innovate-prod',
    'innovate-prod-edge.DistributionDomainName':
      'd111111abcdef8.cloudfront.net',
  },
  deployments: [deploymentAwaitingApproval, deploymentSucceeded],
};

export const clusterView: ClusterView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(2),
  stale: false,
  name: 'innovate-prod',
  arn: 'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
  version: '1.33',
  targetVersion: '1.33',
  behindTarget: false,
  status: 'ACTIVE',
  platformVersion: 'eks.9',
  endpoint: 'https://EXAMPLE0123456789.gr7.us-east-1.eks.amazonaws.com',
  endpointPublicAccess: false,
  endpointPrivateAccess: true,
  publicAccessCidrs: [],
  secretsEncryption: true,
  enabledLogTypes: ['api', 'audit', 'authenticator'],
  nodeGroups: [
    {
      name: 'system',
      status: 'ACTIVE',
      instanceTypes: ['t3.medium'],
      capacityType: 'ON_DEMAND',
      amiType: 'AL2023_x86_64_STANDARD',
      kubernetesVersion: '1.33',
      minSize: 2,
      desiredSize: 2,
      maxSize: 3,
      healthIssues: [],
    },
    {
      name: 'application',
      status: 'ACTIVE',
      instanceTypes: ['t3.large'],
      capacityType: 'ON_DEMAND',
      amiType: 'AL2023_x86_64_STANDARD',
      kubernetesVersion: '1.33',
      minSize: 2,
      desiredSize: 4,
      maxSize: 20,
      healthIssues: [],
    },
  ],
  addons: [
    {
      name: 'vpc-cni',
      version: 'v1.19.5-eksbuild.1',
      status: 'ACTIVE',
      issues: [],
    },
    {
      name: 'coredns',
      version: 'v1.12.1-eksbuild.2',
      status: 'ACTIVE',
      issues: [],
    },
    {
      name: 'kube-proxy',
      version: 'v1.33.0-eksbuild.2',
      status: 'ACTIVE',
      issues: [],
    },
  ],
  insights: [
    {
      id: 'insight-1',
      name: 'Deprecated APIs removed in Kubernetes v1.34',
      category: 'UPGRADE_READINESS',
      status: 'PASSING',
      kubernetesVersion: '1.34',
      description: 'No deprecated API usage found.',
    },
  ],
};

/** A cluster two minor versions behind the seed's 1.33, with problems. */
export const clusterViewBehind: ClusterView = {
  ...clusterView,
  version: '1.31',
  behindTarget: true,
  status: 'UPDATING',
  nodeGroups: [
    clusterView.nodeGroups[0],
    {
      ...clusterView.nodeGroups[1],
      status: 'DEGRADED',
      kubernetesVersion: '1.31',
      healthIssues: [
        {
          code: 'AsgInstanceLaunchFailures',
          message:
            'Could not launch On-Demand Instances: InsufficientInstanceCapacity',
          resourceIds: ['eks-application-1234'],
        },
      ],
    },
  ],
  addons: [
    ...clusterView.addons,
    {
      name: 'aws-ebs-csi-driver',
      version: 'v1.30.0-eksbuild.1',
      status: 'DEGRADED',
      issues: ['IRSA role is missing ec2:CreateVolume'],
    },
  ],
  insights: [
    {
      id: 'insight-2',
      name: 'Kubelet version skew',
      category: 'UPGRADE_READINESS',
      status: 'ERROR',
      reason: 'Node kubelet versions are more than one minor version behind',
      kubernetesVersion: '1.32',
      recommendation:
        'Upgrade the application node group before the control plane.',
    },
  ],
};

export const databaseView: DatabaseView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(2),
  stale: false,
  identifier: 'innovate-prod-postgres',
  arn: 'arn:aws:rds:us-east-1:222222222222:db:innovate-prod-postgres',
  status: 'available',
  instanceClass: 'db.t3.medium',
  engine: 'postgres',
  engineVersion: '15.7',
  storageType: 'gp3',
  allocatedStorageGb: 100,
  iops: 3000,
  multiAz: false,
  storageEncrypted: true,
  kmsKeyId:
    'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  backupRetentionDays: 14,
  latestRestorableTime: minutesAgo(5),
  preferredBackupWindow: '03:00-04:00',
  preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
  deletionProtection: true,
  endpoint: 'innovate-prod-postgres.abc123.us-east-1.rds.amazonaws.com',
  pendingMaintenance: [
    {
      action: 'system-update',
      description: 'New Operating System update is available',
      autoAppliedAfter: '2025-07-01T00:00:00.000Z',
    },
  ],
  pendingModifications: {},
};

export const alarmsView: AlarmsView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(1),
  stale: false,
  alarms: [
    {
      name: 'innovate-prod-api-error-rate',
      kind: 'error-rate',
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      state: 'OK',
      threshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
      unit: 'Percent',
      seedThreshold: 1,
      stateReason:
        'Threshold Crossed: 1 datapoint [0.2] was not greater than the threshold (1.0).',
      stateUpdatedAt: '2025-06-17T10:00:00.000Z',
    },
    {
      name: 'innovate-prod-api-p99-latency',
      kind: 'p99-latency',
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      state: 'OK',
      threshold: 2,
      comparisonOperator: 'GreaterThanThreshold',
      unit: 'Seconds',
      seedThreshold: 2,
      stateUpdatedAt: '2025-06-17T10:00:00.000Z',
    },
    {
      name: 'innovate-prod-node-cpu',
      kind: 'node-cpu',
      state: 'OK',
      threshold: 80,
      comparisonOperator: 'GreaterThanThreshold',
      unit: 'Percent',
      seedThreshold: 80,
      stateUpdatedAt: '2025-06-16T08:00:00.000Z',
    },
    {
      name: 'innovate-prod-node-memory',
      kind: 'node-memory',
      state: 'INSUFFICIENT_DATA',
      threshold: 80,
      comparisonOperator: 'GreaterThanThreshold',
      unit: 'Percent',
      seedThreshold: 80,
      stateReason:
        'Insufficient data: Container Insights is not reporting yet.',
      stateUpdatedAt: '2025-06-16T08:00:00.000Z',
    },
    {
      name: 'innovate-prod-db-cpu',
      kind: 'database-cpu',
      state: 'OK',
      threshold: 90,
      comparisonOperator: 'GreaterThanThreshold',
      unit: 'Percent',
      seedThreshold: 80,
      stateUpdatedAt: '2025-06-15T08:00:00.000Z',
    },
  ],
};

/** The same alarms with latency and node CPU firing. */
export const alarmsViewFiring: AlarmsView = {
  ...alarmsView,
  alarms: alarmsView.alarms.map(alarm =>
    alarm.kind === 'p99-latency' || alarm.kind === 'node-cpu'
      ? {
          ...alarm,
          state: 'ALARM' as const,
          stateReason:
            alarm.kind === 'p99-latency'
              ? 'Threshold Crossed: 3 datapoints [2.4, 2.9, 3.1] were greater than the threshold (2.0).'
              : 'Threshold Crossed: 2 datapoints [91.0, 88.5] were greater than the threshold (80.0).',
          stateUpdatedAt: minutesAgo(7),
        }
      : alarm,
  ),
};

/** The day the cost fixtures are for; fixes EKS standard/extended support. */
const AS_OF = '2025-06-18';

/** The cost model's estimate for the seed spec. */
export const seedEstimate: CostEstimate = estimateFromSpec(seedSpec, {
  asOf: AS_OF,
});

/** The seed spec with the application node group scaled to 8 nodes. */
export const scaledOutSpec: EnvironmentSpec = {
  ...seedSpec,
  cluster: {
    ...seedSpec.cluster,
    applicationNodeGroup: {
      ...seedSpec.cluster.applicationNodeGroup,
      desiredSize: 8,
    },
  },
};

/** The model's estimate for {@link scaledOutSpec}: over budget, with suggestions. */
export const scaledOutEstimate: CostEstimate = estimateFromSpec(scaledOutSpec, {
  asOf: AS_OF,
});

function dailySpend(
  daysInMonth: number,
  today: number,
  perDay: number,
): DailySpend[] {
  return Array.from({ length: daysInMonth }, (_, index) => {
    const day = index + 1;
    return {
      date: `2025-06-${String(day).padStart(2, '0')}`,
      // A weekly wobble, as real spend has.
      amountUsd: Math.round((perDay + (day % 7 === 0 ? 2.5 : 0)) * 100) / 100,
      forecast: day > today,
    };
  });
}

export const costView: CostView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(3),
  stale: false,
  currency: 'USD',
  period: { start: '2025-06-01', end: '2025-06-18' },
  monthToDateUsd: 251.4,
  forecastUsd: 418.9,
  budget: { amountUsd: 430, from: 'spec' },
  verdict: 'near',
  byService: [
    {
      service: 'Amazon Elastic Container Service for Kubernetes',
      amountUsd: 43.8,
    },
    { service: 'Amazon Elastic Compute Cloud - Compute', amountUsd: 72.9 },
    { service: 'Amazon Relational Database Service', amountUsd: 38.4 },
    { service: 'EC2 - Other', amountUsd: 59.1 },
    { service: 'Amazon Elastic Load Balancing', amountUsd: 13.4 },
    { service: 'Amazon CloudFront', amountUsd: 6.8 },
    { service: 'AmazonCloudWatch', amountUsd: 17 },
    { service: 'AWS WAF', amountUsd: 7.2 },
    { service: 'Amazon GuardDuty', amountUsd: 8.1 },
  ],
  daily: dailySpend(30, 18, 13.9),
  estimate: seedEstimate,
};

/** Over budget: the application node group scaled out to 8 nodes. */
export const costViewOverBudget: CostView = {
  ...costView,
  monthToDateUsd: 352.2,
  forecastUsd: 587.3,
  verdict: 'over',
  byService: costView.byService.map(line =>
    line.service === 'Amazon Elastic Compute Cloud - Compute'
      ? { ...line, amountUsd: 173.7 }
      : line,
  ),
  daily: dailySpend(30, 18, 19.6),
  estimate: scaledOutEstimate,
};

/** A cost view served from the cache after Cost Explorer failed. */
export const costViewStale: CostView = {
  ...costView,
  source: 'aws',
  stale: true,
  fetchedAt: minutesAgo(95),
  staleReason: 'Cost Explorer: ThrottlingException: Rate exceeded',
};

const SEED_STACKS = [
  'network',
  'database',
  'cluster',
  'observability',
  'budget',
].map(role => `innovate-prod-${role}`);

/** The sandbox's drift view: nothing live, so nothing drifts. */
export const driftViewInSync: DriftView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(2),
  stale: false,
  status: 'IN_SYNC',
  note: "Sandbox: the environment has no live AWS resources, so nothing can drift from its templates. Drift detection (CloudFormation's) runs in 'aws' mode.",
  stacks: SEED_STACKS.map(name => ({ name, status: 'IN_SYNC', resources: [] })),
};

/**
 * Someone scaled the application node group by hand and deleted an alarm
 * in the console; the budget stack could not be checked.
 */
export const driftViewDrifted: DriftView = {
  source: 'aws',
  fetchedAt: minutesAgo(3),
  stale: false,
  status: 'DRIFTED',
  stacks: [
    { name: 'innovate-prod-network', status: 'IN_SYNC', resources: [] },
    {
      name: 'innovate-prod-cluster',
      status: 'DRIFTED',
      detectedAt: minutesAgo(4),
      resources: [
        {
          logicalId: 'ApplicationNodegroup',
          physicalId: 'innovate-prod/innovate-prod-application',
          type: 'AWS::EKS::Nodegroup',
          status: 'MODIFIED',
          differences: [
            {
              path: '/ScalingConfig/DesiredSize',
              expected: '2',
              actual: '4',
              kind: 'NOT_EQUAL',
            },
          ],
        },
      ],
    },
    {
      name: 'innovate-prod-observability',
      status: 'DRIFTED',
      detectedAt: minutesAgo(4),
      resources: [
        {
          logicalId: 'NodeCpuAlarm',
          physicalId: 'innovate-prod-node-cpu',
          type: 'AWS::CloudWatch::Alarm',
          status: 'DELETED',
          differences: [],
        },
      ],
    },
    {
      name: 'innovate-prod-budget',
      status: 'UNKNOWN',
      reason:
        'Access denied: the credentials configured for the management account 111111111111 (us-east-1) may not call cloudformation:DescribeStacks on stack innovate-prod-budget.',
      resources: [],
    },
  ],
};
