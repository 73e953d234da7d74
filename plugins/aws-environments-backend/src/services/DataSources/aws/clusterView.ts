import {
  Addon,
  Cluster,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  EKSClient,
  Insight,
  InsightSummary,
  InvalidParameterException,
  InvalidRequestException,
  Nodegroup,
  paginateListAddons,
  paginateListInsights,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import {
  type AddonView,
  type ClusterView,
  literalString,
  type NodeGroupView,
  type UpgradeInsightView,
} from '@innovate/plugin-aws-environments-common';
import { DataSourceError, malformed } from '../../../errors';
import {
  addonResources,
  deployedCluster,
  isBehind,
  nodegroupName,
  nodegroupResources,
  TARGET_KUBERNETES_VERSION,
} from '../environmentParts';
import type { DeployedEnvironment, ViewData } from '../types';
import {
  awsErrorName,
  callAws,
  callAwsOptional,
  isAccessDenied,
} from './awsErrors';
import { clusterLifecycle } from '../lifecycle';
import { collectPages } from './pagination';
import { workloadsScope, WorkloadsScope } from './workloadsScope';

/**
 * Whether a ListInsights error means "not offered here" rather than
 * "broken": EKS's own invalid-request answers, and the generic codes of an
 * endpoint that lacks the operation (not modeled by the client).
 */
function isInsightsUnsupported(error: unknown): boolean {
  return (
    error instanceof InvalidRequestException ||
    error instanceof InvalidParameterException ||
    ['UnknownOperationException', 'UnsupportedOperationException'].includes(
      awsErrorName(error),
    )
  );
}

const INSIGHT_STATUSES = new Set(['PASSING', 'WARNING', 'ERROR', 'UNKNOWN']);

/** The EKS calls of one cluster's view, each with its error context. */
function clusterCalls(eks: EKSClient, name: string, scope: WorkloadsScope) {
  const ofCluster = `EKS cluster ${name}`;
  return {
    describeCluster: () =>
      callAws(scope.context('eks:DescribeCluster', ofCluster), () =>
        eks.send(new DescribeClusterCommand({ name })),
      ).then(out => out.cluster),
    describeNodegroup: (nodegroup: string) =>
      callAws(
        scope.context(
          'eks:DescribeNodegroup',
          `node group ${nodegroup} of ${ofCluster}`,
        ),
        () =>
          eks.send(
            new DescribeNodegroupCommand({
              clusterName: name,
              nodegroupName: nodegroup,
            }),
          ),
      ).then(out => out.nodegroup, ignoreNotFound),
    describeAddon: (addonName: string) =>
      callAws(
        scope.context(
          'eks:DescribeAddon',
          `add-on ${addonName} of ${ofCluster}`,
        ),
        () =>
          eks.send(new DescribeAddonCommand({ clusterName: name, addonName })),
      ).then(out => out.addon, ignoreNotFound),
    listNodegroups: () =>
      callAws(scope.context('eks:ListNodegroups', ofCluster), () =>
        collectPages(
          paginateListNodegroups({ client: eks }, { clusterName: name }),
          out => out.nodegroups,
        ),
      ),
    listAddons: () =>
      callAws(scope.context('eks:ListAddons', ofCluster), () =>
        collectPages(
          paginateListAddons({ client: eks }, { clusterName: name }),
          out => out.addons,
        ),
      ),
    // Insights are optional: missing permission or an unsupported region
    // leaves them out (null); any other failure fails the view like the rest.
    listInsights: () =>
      callAwsOptional(
        scope.context('eks:ListInsights', ofCluster),
        () =>
          collectPages(
            paginateListInsights(
              { client: eks },
              {
                clusterName: name,
                filter: { categories: ['UPGRADE_READINESS'] },
              },
            ),
            out => out.insights,
          ),
        error => isAccessDenied(error) || isInsightsUnsupported(error),
      ).then(insights => (insights ? insights.map(toInsightView) : null)),
    // The recommendation of a failing insight is only in its details.
    describeInsight: (id: string) =>
      callAwsOptional(
        scope.context('eks:DescribeInsight', `insight ${id} of ${ofCluster}`),
        () =>
          eks
            .send(new DescribeInsightCommand({ clusterName: name, id }))
            .then(out => out.insight),
        error =>
          isAccessDenied(error) ||
          isInsightsUnsupported(error) ||
          awsErrorName(error) === 'ResourceNotFoundException',
      ),
  };
}

/** Insights that need attention get the recommendation of their details. */
async function withRecommendations(
  insights: UpgradeInsightView[] | null,
  describe: (id: string) => Promise<Insight | undefined>,
): Promise<UpgradeInsightView[] | null> {
  if (!insights) {
    return null;
  }
  return Promise.all(
    insights.map(async insight => {
      if (insight.status === 'PASSING') {
        return insight;
      }
      const details = await describe(insight.id);
      return details?.recommendation
        ? { ...insight, recommendation: details.recommendation }
        : insight;
    }),
  );
}

export async function fetchClusterView(
  environment: DeployedEnvironment,
  eks: EKSClient,
  now: Date = new Date(),
): Promise<ViewData<ClusterView>> {
  const { name } = deployedCluster(environment);
  const scope = workloadsScope(environment);
  const calls = clusterCalls(eks, name, scope);

  // Names known from the template are described at once, in parallel with
  // the listings, so a cold view costs about one round trip.
  const knownNodegroups = nodegroupResources(environment).flatMap(r => {
    const n = nodegroupName(r);
    return n ? [n] : [];
  });
  const knownAddons = addonResources(environment).flatMap(r => {
    const n = literalString(r.properties.AddonName);
    return n ? [n] : [];
  });

  const [
    cluster,
    listedNodegroups,
    knownNodegroupDetails,
    listedAddons,
    knownAddonDetails,
    insights,
  ] = await Promise.all([
    calls.describeCluster(),
    calls.listNodegroups(),
    Promise.all(knownNodegroups.map(calls.describeNodegroup)),
    calls.listAddons(),
    Promise.all(knownAddons.map(calls.describeAddon)),
    calls.listInsights(),
  ]);
  const checked = checkCluster(cluster, name, scope);

  const nodegroups = await describeListed(
    listedNodegroups,
    knownNodegroupDetails,
    n => n.nodegroupName,
    calls.describeNodegroup,
  );
  const addons = await describeListed(
    listedAddons,
    knownAddonDetails,
    a => a.addonName,
    calls.describeAddon,
  );

  return {
    ...toClusterSummary(checked),
    nodeGroups: nodegroups.map(n => {
      scope.owned(
        n.nodegroupArn,
        'eks:DescribeNodegroup nodegroup.nodegroupArn',
        'node group',
      );
      return toNodeGroupView(n, name);
    }),
    addons: addons.map(a => {
      scope.owned(a.addonArn, 'eks:DescribeAddon addon.addonArn', 'add-on');
      return toAddonView(a, name);
    }),
    insights: await withRecommendations(insights, calls.describeInsight),
    lifecycle: clusterLifecycle(checked.version, now),
  };
}

type CheckedCluster = Cluster & {
  name: string;
  version: string;
  status: NonNullable<Cluster['status']>;
};

/** The described cluster, checked to be the environment's and complete. */
function checkCluster(
  cluster: Cluster | undefined,
  name: string,
  scope: WorkloadsScope,
): CheckedCluster {
  if (!cluster) {
    throw malformed('eks:DescribeCluster', 'cluster');
  }
  scope.owned(cluster.arn, 'eks:DescribeCluster cluster.arn', 'cluster');
  if (cluster.name !== name) {
    throw malformed('eks:DescribeCluster', 'cluster.name');
  }
  if (!cluster.version) {
    throw malformed('eks:DescribeCluster', 'cluster.version');
  }
  if (!cluster.status) {
    throw malformed('eks:DescribeCluster', 'cluster.status');
  }
  return cluster as CheckedCluster;
}

function toClusterSummary(
  cluster: CheckedCluster,
): Omit<
  ViewData<ClusterView>,
  'nodeGroups' | 'addons' | 'insights' | 'lifecycle'
> {
  const vpc = cluster.resourcesVpcConfig ?? {};
  return {
    name: cluster.name,
    arn: cluster.arn,
    version: cluster.version,
    targetVersion: TARGET_KUBERNETES_VERSION,
    behindTarget: isBehind(cluster.version, TARGET_KUBERNETES_VERSION),
    status: cluster.status,
    ...(cluster.platformVersion
      ? { platformVersion: cluster.platformVersion }
      : {}),
    ...(cluster.endpoint ? { endpoint: cluster.endpoint } : {}),
    endpointPublicAccess: vpc.endpointPublicAccess ?? false,
    endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
    publicAccessCidrs: vpc.publicAccessCidrs ?? [],
    secretsEncryption: (cluster.encryptionConfig ?? []).some(c =>
      (c.resources ?? []).includes('secrets'),
    ),
    enabledLogTypes: (cluster.logging?.clusterLogging ?? [])
      .filter(setup => setup.enabled)
      .flatMap(setup => setup.types ?? []),
  };
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof DataSourceError && error.failure === 'not-found') {
    return undefined;
  }
  throw error;
}

/**
 * The listed items, using the details already fetched for names known from
 * the template and describing the others (created outside the template).
 */
async function describeListed<T>(
  listed: string[],
  known: Array<T | undefined>,
  nameOf: (item: T) => string | undefined,
  describe: (name: string) => Promise<T | undefined>,
): Promise<T[]> {
  const byName = new Map<string, T>();
  for (const item of known) {
    const name = item && nameOf(item);
    if (item && name) {
      byName.set(name, item);
    }
  }
  const details: Array<T | undefined> = await Promise.all(
    listed.map(name => byName.get(name) ?? describe(name)),
  );
  return details.filter((item): item is T => item !== undefined);
}

function toNodeGroupView(nodegroup: Nodegroup, cluster: string): NodeGroupView {
  if (!nodegroup.nodegroupName) {
    throw malformed('eks:DescribeNodegroup', 'nodegroup.nodegroupName');
  }
  if (nodegroup.clusterName !== cluster) {
    throw malformed('eks:DescribeNodegroup', 'nodegroup.clusterName');
  }
  const scaling = nodegroup.scalingConfig;
  if (
    !scaling ||
    typeof scaling.minSize !== 'number' ||
    typeof scaling.maxSize !== 'number' ||
    typeof scaling.desiredSize !== 'number'
  ) {
    throw malformed('eks:DescribeNodegroup', 'nodegroup.scalingConfig');
  }
  return {
    name: nodegroup.nodegroupName,
    status: nodegroup.status ?? 'UNKNOWN',
    instanceTypes: nodegroup.instanceTypes ?? [],
    ...(nodegroup.capacityType ? { capacityType: nodegroup.capacityType } : {}),
    ...(nodegroup.amiType ? { amiType: nodegroup.amiType } : {}),
    ...(nodegroup.version ? { kubernetesVersion: nodegroup.version } : {}),
    minSize: scaling.minSize,
    desiredSize: scaling.desiredSize,
    maxSize: scaling.maxSize,
    healthIssues: (nodegroup.health?.issues ?? []).map(issue => ({
      code: issue.code ?? 'Unknown',
      message: issue.message ?? '',
      ...(issue.resourceIds ? { resourceIds: issue.resourceIds } : {}),
    })),
  };
}

function toAddonView(addon: Addon, cluster: string): AddonView {
  if (!addon.addonName) {
    throw malformed('eks:DescribeAddon', 'addon.addonName');
  }
  if (addon.clusterName !== cluster) {
    throw malformed('eks:DescribeAddon', 'addon.clusterName');
  }
  return {
    name: addon.addonName,
    ...(addon.addonVersion ? { version: addon.addonVersion } : {}),
    status: addon.status ?? 'UNKNOWN',
    issues: (addon.health?.issues ?? []).map(issue =>
      [issue.code, issue.message].filter(Boolean).join(': '),
    ),
  };
}

function toInsightView(insight: InsightSummary): UpgradeInsightView {
  if (!insight.id || !insight.name) {
    throw malformed('eks:ListInsights', 'insights[].id');
  }
  const status = insight.insightStatus?.status ?? 'UNKNOWN';
  return {
    id: insight.id,
    name: insight.name,
    category: insight.category ?? 'UPGRADE_READINESS',
    status: (INSIGHT_STATUSES.has(status)
      ? status
      : 'UNKNOWN') as UpgradeInsightView['status'],
    ...(insight.insightStatus?.reason
      ? { reason: insight.insightStatus.reason }
      : {}),
    ...(insight.kubernetesVersion
      ? { kubernetesVersion: insight.kubernetesVersion }
      : {}),
    ...(insight.description ? { description: insight.description } : {}),
  };
}
