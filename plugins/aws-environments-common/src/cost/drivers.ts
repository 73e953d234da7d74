import type { EnvironmentSpec } from '../spec/schema';
import { ENVIRONMENT_DESIGN } from '../spec/naming';

/**
 * One managed node group, as far as cost is concerned.
 *
 * @public
 */
export interface NodeGroupCostDriver {
  /** `system` or `application`. */
  role: string;
  instanceType: string;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  /** Root volume per node, gp3. */
  volumeGb: number;
}

/**
 * Everything the estimate depends on, counted from a spec
 * ({@link driversFromSpec}) or from synthesized templates (the CDK package's
 * `driversFromTemplates`). Both paths produce this one shape and the
 * estimate is computed from it alone, so the two estimates agree whenever
 * the drivers do; a test in the CDK package compares the drivers directly.
 *
 * @public
 */
export interface CostDrivers {
  region: string;
  cluster: {
    kubernetesVersion: string;
    /** Control-plane log types sent to CloudWatch Logs. */
    controlPlaneLogTypes: number;
    /** CloudWatch Observability add-on (Container Insights) installed. */
    containerInsights: boolean;
  };
  nodeGroups: NodeGroupCostDriver[];
  natGateways: number;
  /** VPC flow logs delivered to CloudWatch Logs. */
  flowLogs: number;
  database: {
    instanceClass: string;
    multiAz: boolean;
    storageGb: number;
    storageType: string;
  };
  loadBalancers: number;
  cloudFrontDistributions: number;
  /** Rules per WAF web ACL (managed rule groups count as one rule each). */
  webAclRules: number[];
  s3Buckets: number;
  /** Metrics per CloudWatch alarm (metric-math alarms have several). */
  alarmMetrics: number[];
  kmsKeys: number;
  /** Secrets Manager secrets, including the one RDS manages. */
  secrets: number;
  ecrRepositories: number;
  guardDutyDetectors: number;
  trails: number;
  budgets: number;
  snsTopics: number;
  /** Route 53 hosted zones the environment's records are in (0 without a domain). */
  hostedZones: number;
}

/**
 * The number of each kind of resource the CDK app creates for one
 * environment, independent of the spec's values. Kept next to the drivers so
 * that a change to the app that changes a count shows up as a failing
 * spec-vs-template test rather than as a silently wrong estimate.
 *
 * @public
 */
export const ENVIRONMENT_RESOURCE_COUNTS = {
  /** EKS secrets, RDS storage, SNS topic. */
  kmsKeys: 3,
  /** SPA bucket and the edge access-log bucket (the baseline's are in ACCOUNT_BASELINE_RESOURCE_COUNTS). */
  s3Buckets: 2,
  /** The RDS-managed master user secret. */
  secrets: 1,
  /** AWSManagedRulesCommonRuleSet, KnownBadInputs, SQLi, and the rate limit. */
  webAclRules: 4,
  /** error rate (3 metrics), p99 latency, node CPU, node memory, DB CPU. */
  alarmMetrics: [3, 1, 1, 1, 1],
  controlPlaneLogTypes: 5,
} as const;

/**
 * What the account baseline stack adds when the spec's `baseline` is
 * `managed`: one per account and region, shared by its environments.
 *
 * @public
 */
export const ACCOUNT_BASELINE_RESOURCE_COUNTS = {
  guardDutyDetectors: 1,
  trails: 1,
  /** The CloudTrail bucket and its access-log bucket. */
  s3Buckets: 2,
} as const;

/**
 * Cost drivers of the environment a spec describes. Pure and fast: safe to
 * call on every keystroke.
 *
 * @public
 */
export function driversFromSpec(spec: EnvironmentSpec): CostDrivers {
  const { cluster, database, network } = spec;
  const managedBaseline = spec.baseline === 'managed';
  const nodeGroup = (
    role: string,
    group: EnvironmentSpec['cluster']['systemNodeGroup'],
  ): NodeGroupCostDriver => ({
    role,
    instanceType: group.instanceType,
    minSize: group.minSize,
    desiredSize: group.desiredSize,
    maxSize: group.maxSize,
    volumeGb: ENVIRONMENT_DESIGN.nodeRootVolumeGb,
  });
  return {
    region: spec.region,
    cluster: {
      kubernetesVersion: cluster.kubernetesVersion,
      controlPlaneLogTypes: ENVIRONMENT_RESOURCE_COUNTS.controlPlaneLogTypes,
      containerInsights: true,
    },
    nodeGroups: [
      nodeGroup('system', cluster.systemNodeGroup),
      nodeGroup('application', cluster.applicationNodeGroup),
    ],
    natGateways: network.natGateways,
    flowLogs: 1,
    database: {
      instanceClass: database.instanceClass,
      multiAz: database.multiAz,
      storageGb: database.allocatedStorageGb,
      storageType: database.storageType,
    },
    loadBalancers: 1,
    cloudFrontDistributions: 1,
    webAclRules: [ENVIRONMENT_RESOURCE_COUNTS.webAclRules],
    s3Buckets:
      ENVIRONMENT_RESOURCE_COUNTS.s3Buckets +
      (managedBaseline ? ACCOUNT_BASELINE_RESOURCE_COUNTS.s3Buckets : 0),
    alarmMetrics: [...ENVIRONMENT_RESOURCE_COUNTS.alarmMetrics],
    kmsKeys: ENVIRONMENT_RESOURCE_COUNTS.kmsKeys,
    secrets: ENVIRONMENT_RESOURCE_COUNTS.secrets,
    ecrRepositories: 1,
    guardDutyDetectors: managedBaseline
      ? ACCOUNT_BASELINE_RESOURCE_COUNTS.guardDutyDetectors
      : 0,
    trails: managedBaseline ? ACCOUNT_BASELINE_RESOURCE_COUNTS.trails : 0,
    budgets: 1,
    snsTopics: 1,
    hostedZones: hostedZonesOf(spec),
  };
}

/**
 * The named hosted zone and, when it is in the management account, the zone
 * of its own that each served name (the SPA's, the API's) is delegated to.
 */
function hostedZonesOf(spec: EnvironmentSpec): number {
  const { domain } = spec;
  if (!domain) {
    return 0;
  }
  const served = domain.apiSubdomain ? 2 : 1;
  return domain.hostedZoneAccount === 'management' ? 1 + served : 1;
}
