import {
  CostDrivers,
  CostEstimate,
  estimateFromDrivers,
  EstimateOptions,
  NodeGroupCostDriver,
} from '@innovate/plugin-aws-environments-common';
import {
  EnvironmentStackTemplate,
  findResources,
  literalNumber,
  literalTrue,
  NODE_GROUP_ROLE_LABEL,
  referencedResource,
  resolveReference,
  stackOfRole,
} from './templates';

/** Node groups in the order `driversFromSpec` lists them. */
const NODE_GROUP_ORDER = ['system', 'application'];

function count(stacks: readonly EnvironmentStackTemplate[], type: string) {
  return findResources(stacks, type).length;
}

function single(
  stacks: readonly EnvironmentStackTemplate[],
  type: string,
): Record<string, unknown> {
  const found = findResources(stacks, type);
  if (found.length !== 1) {
    throw new Error(
      `Expected one ${type} in the environment's templates, found ${found.length}`,
    );
  }
  return found[0].properties;
}

function nodeGroupDrivers(
  stacks: readonly EnvironmentStackTemplate[],
): NodeGroupCostDriver[] {
  return findResources(stacks, 'AWS::EKS::Nodegroup')
    .map(({ stack, properties }) => {
      const scaling = properties.ScalingConfig as Record<string, unknown>;
      const labels = (properties.Labels ?? {}) as Record<string, string>;
      const launchTemplate = referencedResource(
        resolveReference(
          stacks,
          stack,
          (properties.LaunchTemplate as Record<string, unknown> | undefined)
            ?.Id,
        ),
      );
      const rootVolume = (
        launchTemplate?.Properties?.LaunchTemplateData as
          | { BlockDeviceMappings?: Array<{ Ebs?: { VolumeSize?: unknown } }> }
          | undefined
      )?.BlockDeviceMappings?.[0]?.Ebs?.VolumeSize;
      return {
        role: labels[NODE_GROUP_ROLE_LABEL] ?? String(properties.NodegroupName),
        instanceType: String((properties.InstanceTypes as unknown[])[0]),
        minSize: literalNumber(scaling.MinSize) ?? 0,
        desiredSize: literalNumber(scaling.DesiredSize) ?? 0,
        maxSize: literalNumber(scaling.MaxSize) ?? 0,
        // Managed node groups default to 20 GiB without a launch template.
        volumeGb: literalNumber(rootVolume ?? properties.DiskSize) ?? 20,
      };
    })
    .sort(
      (a, b) =>
        NODE_GROUP_ORDER.indexOf(a.role) - NODE_GROUP_ORDER.indexOf(b.role),
    );
}

function alarmMetricCounts(stacks: readonly EnvironmentStackTemplate[]) {
  return findResources(stacks, 'AWS::CloudWatch::Alarm').map(
    ({ properties }) => {
      const metrics = properties.Metrics as
        | Array<{ MetricStat?: unknown }>
        | undefined;
      return metrics ? metrics.filter(metric => metric.MetricStat).length : 1;
    },
  );
}

/**
 * Cost drivers counted from the synthesized templates of an environment:
 * the same shape `driversFromSpec` computes from the spec, so that
 * `estimateFromTemplates` and `estimateFromSpec` agree.
 *
 * @public
 */
export function driversFromTemplates(
  stacks: readonly EnvironmentStackTemplate[],
): CostDrivers {
  const network = stackOfRole(stacks, 'network');
  if (!network) {
    throw new Error("The environment's templates have no network stack");
  }
  const cluster = single(stacks, 'AWS::EKS::Cluster');
  const database = single(stacks, 'AWS::RDS::DBInstance');
  const logTypes =
    (
      cluster.Logging as
        | { ClusterLogging?: { EnabledTypes?: unknown[] } }
        | undefined
    )?.ClusterLogging?.EnabledTypes?.length ?? 0;
  const addons = findResources(stacks, 'AWS::EKS::Addon').map(
    addon => addon.properties.AddonName,
  );
  return {
    region: network.region,
    cluster: {
      kubernetesVersion: String(cluster.Version),
      controlPlaneLogTypes: logTypes,
      containerInsights: addons.includes('amazon-cloudwatch-observability'),
    },
    nodeGroups: nodeGroupDrivers(stacks),
    natGateways: count(stacks, 'AWS::EC2::NatGateway'),
    flowLogs: findResources(stacks, 'AWS::EC2::FlowLog').filter(
      ({ properties }) =>
        (properties.LogDestinationType ?? 'cloud-watch-logs') ===
        'cloud-watch-logs',
    ).length,
    database: {
      instanceClass: String(database.DBInstanceClass),
      multiAz: literalTrue(database.MultiAZ),
      storageGb: literalNumber(database.AllocatedStorage) ?? 0,
      storageType: String(database.StorageType ?? 'gp2'),
    },
    loadBalancers: findResources(
      stacks,
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    ).filter(
      ({ properties }) => (properties.Type ?? 'application') === 'application',
    ).length,
    cloudFrontDistributions: count(stacks, 'AWS::CloudFront::Distribution'),
    webAclRules: findResources(stacks, 'AWS::WAFv2::WebACL').map(
      ({ properties }) => ((properties.Rules as unknown[]) ?? []).length,
    ),
    s3Buckets: count(stacks, 'AWS::S3::Bucket'),
    alarmMetrics: alarmMetricCounts(stacks),
    kmsKeys: count(stacks, 'AWS::KMS::Key'),
    secrets:
      count(stacks, 'AWS::SecretsManager::Secret') +
      findResources(stacks, 'AWS::RDS::DBInstance').filter(
        ({ properties }) => properties.ManageMasterUserPassword === true,
      ).length,
    ecrRepositories: count(stacks, 'AWS::ECR::Repository'),
    guardDutyDetectors: count(stacks, 'AWS::GuardDuty::Detector'),
    trails: count(stacks, 'AWS::CloudTrail::Trail'),
    budgets: count(stacks, 'AWS::Budgets::Budget'),
    snsTopics: count(stacks, 'AWS::SNS::Topic'),
    // The zones records are written to, and the management account's zone
    // that delegates names to zones of the environment's own.
    hostedZones: new Set([
      ...findResources(stacks, 'AWS::Route53::RecordSet').map(
        ({ properties }) => JSON.stringify(properties.HostedZoneId),
      ),
      ...findResources(stacks, 'Custom::CrossAccountZoneDelegation').map(
        ({ properties }) => JSON.stringify(properties.ParentZoneId),
      ),
    ]).size,
  };
}

/**
 * The monthly estimate of a synthesized environment, from its templates.
 *
 * @public
 */
export function estimateFromTemplates(
  stacks: readonly EnvironmentStackTemplate[],
  budgetUsd: number,
  options: EstimateOptions = {},
): CostEstimate {
  return estimateFromDrivers(driversFromTemplates(stacks), budgetUsd, options);
}
