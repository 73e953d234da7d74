import {
  Addon,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  InsightSummary,
  ListAddonsCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
  Nodegroup,
} from '@aws-sdk/client-eks';
import { NotFoundError } from '@backstage/errors';
import type {
  ClusterView,
  NodeGroupView,
  AddonView,
  UpgradeInsightView,
} from '@innovate/plugin-aws-environments-common';
import { DataSourceError, malformed } from '../../../errors';
import { literalString } from '../../../lib/templates';
import {
  addonResources,
  clusterName,
  clusterResource,
  isBehind,
  nodegroupName,
  nodegroupResources,
  TARGET_KUBERNETES_VERSION,
} from '../environmentParts';
import type { DeployedEnvironment, ViewData } from '../types';
import {
  AwsCallContext,
  awsErrorName,
  callAws,
  callAwsOptional,
  isAccessDenied,
} from './awsErrors';
import { assertOwnedArn } from './ownership';

/** ListInsights errors that mean "not offered here" rather than "broken". */
const INSIGHTS_UNSUPPORTED = new Set([
  'InvalidRequestException',
  'InvalidParameterException',
  'UnknownOperationException',
  'UnsupportedOperationException',
]);

const INSIGHT_STATUSES = new Set(['PASSING', 'WARNING', 'ERROR', 'UNKNOWN']);

export async function fetchClusterView(
  environment: DeployedEnvironment,
  eks: EKSClient,
): Promise<ViewData<ClusterView>> {
  const resource = clusterResource(environment);
  if (!resource) {
    throw new NotFoundError(
      `Environment '${environment.name}' has no deployed EKS cluster (status ${environment.status})`,
    );
  }
  const name = clusterName(environment, resource);
  const accountId = environment.spec.accounts.workloads;
  const region = environment.spec.region;
  const context = (action: string, what: string): AwsCallContext => ({
    action,
    accountId,
    region,
    accountRole: 'workloads',
    resource: what,
  });
  const owned = (arn: string | undefined, field: string, what: string) =>
    assertOwnedArn(arn, {
      accountId,
      region,
      environment: environment.name,
      field,
      what,
    });

  const describeNodegroup = (nodegroupNameToDescribe: string) =>
    callAws(
      context(
        'eks:DescribeNodegroup',
        `node group ${nodegroupNameToDescribe} of EKS cluster ${name}`,
      ),
      () =>
        eks.send(
          new DescribeNodegroupCommand({
            clusterName: name,
            nodegroupName: nodegroupNameToDescribe,
          }),
        ),
    ).then(out => out.nodegroup, ignoreNotFound);
  const describeAddon = (addonName: string) =>
    callAws(
      context(
        'eks:DescribeAddon',
        `add-on ${addonName} of EKS cluster ${name}`,
      ),
      () =>
        eks.send(new DescribeAddonCommand({ clusterName: name, addonName })),
    ).then(out => out.addon, ignoreNotFound);

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
    callAws(context('eks:DescribeCluster', `EKS cluster ${name}`), () =>
      eks.send(new DescribeClusterCommand({ name })),
    ).then(out => out.cluster),
    listAll(
      token =>
        callAws(context('eks:ListNodegroups', `EKS cluster ${name}`), () =>
          eks.send(
            new ListNodegroupsCommand({ clusterName: name, nextToken: token }),
          ),
        ),
      out => out.nodegroups,
    ),
    Promise.all(knownNodegroups.map(describeNodegroup)),
    listAll(
      token =>
        callAws(context('eks:ListAddons', `EKS cluster ${name}`), () =>
          eks.send(
            new ListAddonsCommand({ clusterName: name, nextToken: token }),
          ),
        ),
      out => out.addons,
    ),
    Promise.all(knownAddons.map(describeAddon)),
    listInsights(eks, name, context),
  ]);

  if (!cluster) {
    throw malformed('eks:DescribeCluster', 'cluster');
  }
  owned(cluster.arn, 'eks:DescribeCluster cluster.arn', 'cluster');
  if (cluster.name !== name) {
    throw malformed('eks:DescribeCluster', 'cluster.name');
  }
  if (!cluster.version) {
    throw malformed('eks:DescribeCluster', 'cluster.version');
  }
  if (!cluster.status) {
    throw malformed('eks:DescribeCluster', 'cluster.status');
  }

  const nodegroups = await describeListed(
    listedNodegroups,
    knownNodegroupDetails,
    n => n.nodegroupName,
    describeNodegroup,
  );
  const addons = await describeListed(
    listedAddons,
    knownAddonDetails,
    a => a.addonName,
    describeAddon,
  );

  const vpc = cluster.resourcesVpcConfig ?? {};
  return {
    name,
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
    nodeGroups: nodegroups.map(n => {
      owned(
        n.nodegroupArn,
        'eks:DescribeNodegroup nodegroup.nodegroupArn',
        'node group',
      );
      return toNodeGroupView(n, name);
    }),
    addons: addons.map(a => {
      owned(a.addonArn, 'eks:DescribeAddon addon.addonArn', 'add-on');
      return toAddonView(a, name);
    }),
    insights,
  };
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof DataSourceError && error.failure === 'not-found') {
    return undefined;
  }
  throw error;
}

async function listAll<Out>(
  page: (token: string | undefined) => Promise<Out & { nextToken?: string }>,
  items: (out: Out) => string[] | undefined,
): Promise<string[]> {
  const all: string[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    all.push(...(items(out) ?? []));
    token = out.nextToken;
  } while (token);
  return all;
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

/** Upgrade insights, or null where the account or region does not offer them. */
async function listInsights(
  eks: EKSClient,
  name: string,
  context: (action: string, what: string) => AwsCallContext,
): Promise<UpgradeInsightView[] | null> {
  const insights: InsightSummary[] = [];
  let nextToken: string | undefined;
  do {
    const pageToken = nextToken;
    // Insights are optional: missing permission or an unsupported region
    // leaves them out; any other failure fails the view like the rest.
    const out = await callAwsOptional(
      context('eks:ListInsights', `EKS cluster ${name}`),
      () =>
        eks.send(
          new ListInsightsCommand({
            clusterName: name,
            filter: { categories: ['UPGRADE_READINESS'] },
            nextToken: pageToken,
          }),
        ),
      error =>
        isAccessDenied(error) || INSIGHTS_UNSUPPORTED.has(awsErrorName(error)),
    );
    if (!out) {
      return null;
    }
    insights.push(...(out.insights ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return insights.map(insight => {
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
  });
}
