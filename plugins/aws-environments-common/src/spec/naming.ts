/**
 * The stacks of an environment. Each is deployed as the CloudFormation stack
 * `<environment name>-<role>` (see {@link environmentStackName}), except the
 * account baseline.
 *
 * - `network`, `database`, `cluster`, `edge`, `observability`:
 *   workloads account, the spec's region.
 * - `baseline`: the account baseline (GuardDuty, CloudTrail), one stack named
 *   {@link ACCOUNT_BASELINE_STACK_NAME} per workloads account and region,
 *   shared by every environment there and never deleted by a destroy; only
 *   present when the spec's `baseline` is `managed`.
 * - `edge-waf`: workloads account, always us-east-1 (CloudFront's WAF web ACL
 *   must live there); only present when the spec's region is not us-east-1,
 *   otherwise the web ACL is in `edge`.
 * - `registry`, `budget`: management account, the spec's region.
 *
 * @public
 */
export type EnvironmentStackRole =
  | 'network'
  | 'database'
  | 'edge-waf'
  | 'edge'
  | 'cluster'
  | 'observability'
  | 'baseline'
  | 'registry'
  | 'budget';

/**
 * Stack roles in deployment order (dependencies first).
 *
 * @public
 */
export const ENVIRONMENT_STACK_ROLES: readonly EnvironmentStackRole[] = [
  'network',
  'database',
  'edge-waf',
  'edge',
  'cluster',
  'observability',
  'baseline',
  'registry',
  'budget',
];

/**
 * The CloudFormation stack name of the account baseline: one stack per
 * account and region, shared by the environments there.
 *
 * @public
 */
export const ACCOUNT_BASELINE_STACK_NAME = 'innovate-account-baseline';

/**
 * The CloudFormation stack name of one of an environment's stacks, e.g.
 * `innovate-prod-network`. The backend, the catalog and the dashboards rely on
 * this pattern.
 *
 * @public
 */
export function environmentStackName(
  environmentName: string,
  role: EnvironmentStackRole,
): string {
  return role === 'baseline'
    ? ACCOUNT_BASELINE_STACK_NAME
    : `${environmentName}-${role}`;
}

/**
 * Stack roles shared by the environments of an account and region: deployed
 * by the first, reused by the others, never deleted by a destroy.
 *
 * @public
 */
export const SHARED_STACK_ROLES: readonly EnvironmentStackRole[] = ['baseline'];

/**
 * Physical names of the account baseline's resources in a region (the same
 * for every environment, so every environment synthesizes the same
 * baseline template).
 *
 * @public
 */
export function accountBaselineResourceNames(region: string) {
  return {
    /** Multi-region trail; one name per home region, so two regions' baselines never collide. */
    trail: `innovate-account-trail-${region}`,
  } as const;
}

/**
 * Physical names the CDK app gives to resources that people and dashboards
 * look up by name. Everything else gets a CloudFormation-generated name.
 *
 * @public
 */
export function environmentResourceNames(environmentName: string) {
  return {
    /** EKS cluster name; also the Kubernetes plugin's cluster id. */
    cluster: environmentName,
    systemNodeGroup: `${environmentName}-system`,
    applicationNodeGroup: `${environmentName}-application`,
    /** RDS DB instance identifier. */
    database: `${environmentName}-db`,
    /** ALB name (at most 32 characters). */
    loadBalancer: `${environmentName}-alb`,
    /** Target group the API pods register in (at most 32 characters). */
    apiTargetGroup: `${environmentName}-api`,
    alarmTopic: `${environmentName}-alarms`,
    webAcl: `${environmentName}-edge`,
    budget: `${environmentName}-monthly`,
    controlPlaneLogGroup: `/aws/eks/${environmentName}/cluster`,
    flowLogGroup: `/innovate/${environmentName}/vpc-flow-logs`,
    alarms: {
      errorRate: `${environmentName}-api-error-rate`,
      p99Latency: `${environmentName}-api-p99-latency`,
      nodeCpu: `${environmentName}-node-cpu`,
      nodeMemory: `${environmentName}-node-memory`,
      databaseCpu: `${environmentName}-db-cpu`,
    },
  } as const;
}

/**
 * Kubernetes service accounts that assume IAM roles (IRSA), as
 * `namespace/name`. The API's role may read only the database secret.
 *
 * @public
 */
export const IRSA_SERVICE_ACCOUNTS = {
  api: { namespace: 'innovate', name: 'flask-api' },
  clusterAutoscaler: { namespace: 'kube-system', name: 'cluster-autoscaler' },
  loadBalancerController: {
    namespace: 'kube-system',
    name: 'aws-load-balancer-controller',
  },
  cloudWatchAgent: {
    namespace: 'amazon-cloudwatch',
    name: 'cloudwatch-agent',
  },
} as const;

/**
 * Design constants of the CDK app that the cost model also needs.
 *
 * @public
 */
export const ENVIRONMENT_DESIGN = {
  /** Root volume of every node (gp3, encrypted), set in the launch template. */
  nodeRootVolumeGb: 20,
  /** Retention of the control-plane and VPC flow log groups. */
  logRetentionDays: 90,
  /** Requests per 5 minutes per client IP before the WAF blocks it. */
  wafRateLimitPer5Minutes: 2000,
  /** Port the API pods listen on; the ALB's target group sends here. */
  apiPort: 8080,
  /** Health check path of the API target group. */
  apiHealthCheckPath: '/healthz',
  /** ECR keeps this many images; older ones expire. */
  ecrImagesKept: 30,
} as const;
