import type {
  BudgetVerdict,
  CostEstimate,
  CostLine,
  CostSuggestion,
} from '../api/types';
import {
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  EksKubernetesVersionInfo,
  RDS_INSTANCE_CLASSES,
} from '../spec/catalogs';
import { ENVIRONMENT_DESIGN } from '../spec/naming';
import type { EnvironmentSpec } from '../spec/schema';
import { CostDrivers, driversFromSpec, NodeGroupCostDriver } from './drivers';
import {
  EC2_HOURLY_USD,
  HOURS_PER_MONTH,
  PRICE_TABLE,
  RDS_POSTGRES_HOURLY_USD,
  USAGE_ASSUMPTIONS,
} from './prices';

/**
 * Budget shares at which the verdict changes: `near` from 80 % (where the
 * budget's first alert e-mails) and `over` above 100 %.
 *
 * @public
 */
export const BUDGET_THRESHOLDS = { near: 0.8, over: 1 } as const;

/**
 * Options of the estimate functions.
 *
 * @public
 */
export interface EstimateOptions {
  /**
   * Day the estimate is for (`YYYY-MM-DD`, UTC). It decides whether the
   * Kubernetes version is in EKS standard or extended support.
   *
   * @defaultValue today
   */
  asOf?: string;
}

const usd = (value: number) => `$${value.toFixed(2)}`;
const round = (value: number) => Math.round(value * 100) / 100;
const hourly = (price: number) => price * HOURS_PER_MONTH;

function eksVersionInfo(version: string): EksKubernetesVersionInfo | undefined {
  return EKS_KUBERNETES_VERSIONS.find(info => info.version === version);
}

function isExtendedSupport(version: string, asOf: string): boolean {
  const info = eksVersionInfo(version);
  return info !== undefined && asOf >= info.endOfStandardSupport;
}

function priceOf(table: Readonly<Record<string, number>>, key: string) {
  const price = table[key];
  if (price === undefined) {
    throw new Error(`No price for "${key}" in the cost model's price table`);
  }
  return price;
}

function nodeGroupLine(group: NodeGroupCostDriver): CostLine {
  const price = priceOf(EC2_HOURLY_USD, group.instanceType);
  return {
    id: `node-group-${group.role}`,
    label: `EKS ${group.role} node group (${group.desiredSize} × ${group.instanceType})`,
    service: 'Amazon Elastic Compute Cloud - Compute',
    monthlyUsd: round(group.desiredSize * hourly(price)),
    basis: `${group.desiredSize} × ${group.instanceType} × ${HOURS_PER_MONTH} h × $${price} (desired size; scales between ${group.minSize} and ${group.maxSize})`,
  };
}

/** The estimate's lines, in a stable order. */
function costLines(drivers: CostDrivers, asOf: string): CostLine[] {
  const lines: CostLine[] = [];
  const P = PRICE_TABLE;
  const A = USAGE_ASSUMPTIONS;

  const version = drivers.cluster.kubernetesVersion;
  const extended = isExtendedSupport(version, asOf);
  const controlPlaneRate = extended
    ? P.eks.controlPlaneExtendedHourly
    : P.eks.controlPlaneStandardHourly;
  lines.push({
    id: 'eks-control-plane',
    label: `EKS control plane (Kubernetes ${version}, ${
      extended ? 'extended' : 'standard'
    } support)`,
    service: 'Amazon Elastic Container Service for Kubernetes',
    monthlyUsd: round(hourly(controlPlaneRate)),
    basis: `1 cluster × ${HOURS_PER_MONTH} h × $${controlPlaneRate} (${
      extended ? 'extended' : 'standard'
    } support on ${asOf})`,
  });

  for (const group of drivers.nodeGroups) {
    lines.push(nodeGroupLine(group));
  }
  const nodes = drivers.nodeGroups.reduce((n, g) => n + g.desiredSize, 0);
  const volumeGb = drivers.nodeGroups.reduce(
    (gb, g) => gb + g.desiredSize * g.volumeGb,
    0,
  );
  lines.push({
    id: 'node-volumes',
    label: 'EBS root volumes of the nodes',
    service: 'EC2 - Other',
    monthlyUsd: round(volumeGb * P.ebs.gp3PerGbMonth),
    basis: `${nodes} nodes × ${volumeGb / Math.max(nodes, 1)} GB gp3 × $${
      P.ebs.gp3PerGbMonth
    }/GB-month`,
  });

  const db = drivers.database;
  const dbRate = priceOf(RDS_POSTGRES_HOURLY_USD, db.instanceClass);
  const azFactor = db.multiAz ? 2 : 1;
  lines.push({
    id: 'rds-instance',
    label: `RDS PostgreSQL ${db.instanceClass} (${
      db.multiAz ? 'Multi-AZ' : 'single-AZ'
    })`,
    service: 'Amazon Relational Database Service',
    monthlyUsd: round(azFactor * hourly(dbRate)),
    basis: `${azFactor === 2 ? '2 (Multi-AZ) × ' : ''}${
      db.instanceClass
    } × ${HOURS_PER_MONTH} h × $${dbRate}`,
  });
  const storageRate = priceOf(P.rds.storagePerGbMonth, db.storageType);
  lines.push({
    id: 'rds-storage',
    label: `RDS storage (${db.storageGb} GB ${db.storageType})`,
    service: 'Amazon Relational Database Service',
    monthlyUsd: round(azFactor * db.storageGb * storageRate),
    basis: `${azFactor === 2 ? '2 (Multi-AZ) × ' : ''}${
      db.storageGb
    } GB × $${storageRate}/GB-month; automated backups up to the provisioned size are free`,
  });

  const natHours = drivers.natGateways * hourly(P.natGateway.hourly);
  const natGb = drivers.natGateways * A.natGbPerGatewayMonth;
  lines.push({
    id: 'nat-gateways',
    label: `NAT gateways (${drivers.natGateways})`,
    service: 'EC2 - Other',
    monthlyUsd: round(natHours + natGb * P.natGateway.perGbProcessed),
    basis: `${drivers.natGateways} × ${HOURS_PER_MONTH} h × $${P.natGateway.hourly} + assumed ${natGb} GB processed × $${P.natGateway.perGbProcessed}`,
  });

  lines.push({
    id: 'load-balancer',
    label: 'Application Load Balancer',
    service: 'Amazon Elastic Load Balancing',
    monthlyUsd: round(
      drivers.loadBalancers *
        (hourly(P.alb.hourly) + A.albAverageLcu * hourly(P.alb.perLcuHour)),
    ),
    basis: `${drivers.loadBalancers} × ${HOURS_PER_MONTH} h × ($${P.alb.hourly} + assumed ${A.albAverageLcu} LCU × $${P.alb.perLcuHour})`,
  });

  const cfBillableGb = Math.max(
    0,
    A.cloudFrontDataOutGb - P.cloudFront.freeDataOutGb,
  );
  const cfBillableRequests = Math.max(
    0,
    A.cloudFrontRequestsMillions - P.cloudFront.freeRequestsMillions,
  );
  lines.push({
    id: 'cloudfront',
    label: 'CloudFront distribution',
    service: 'Amazon CloudFront',
    monthlyUsd: round(
      drivers.cloudFrontDistributions *
        (cfBillableGb * P.cloudFront.perGbOutNorthAmerica +
          cfBillableRequests * P.cloudFront.perMillionHttpsRequests),
    ),
    basis: `assumed ${A.cloudFrontDataOutGb} GB out and ${A.cloudFrontRequestsMillions} M requests a month: within the always-free ${P.cloudFront.freeDataOutGb} GB / ${P.cloudFront.freeRequestsMillions} M requests; beyond it $${P.cloudFront.perGbOutNorthAmerica}/GB and $${P.cloudFront.perMillionHttpsRequests}/M requests`,
  });
  lines.push({
    id: 's3',
    label: `S3 (${drivers.s3Buckets} buckets: SPA, logs, CloudTrail)`,
    service: 'Amazon Simple Storage Service',
    monthlyUsd: round(
      A.s3StorageGb * P.s3.standardPerGbMonth +
        A.s3ThousandGets * P.s3.perThousandGet +
        A.s3ThousandPuts * P.s3.perThousandPut,
    ),
    basis: `assumed ${A.s3StorageGb} GB × $${P.s3.standardPerGbMonth} + ${A.s3ThousandGets}k GET × $${P.s3.perThousandGet} + ${A.s3ThousandPuts}k PUT × $${P.s3.perThousandPut}`,
  });

  const wafRules = drivers.webAclRules.reduce((n, rules) => n + rules, 0);
  const acls = drivers.webAclRules.length;
  lines.push({
    id: 'waf',
    label: `AWS WAF (${acls} web ACL, ${wafRules} rules)`,
    service: 'AWS WAF',
    monthlyUsd: round(
      acls * P.waf.perWebAclMonth +
        wafRules * P.waf.perRuleMonth +
        (acls > 0 ? A.wafRequestsMillions * P.waf.perMillionRequests : 0),
    ),
    basis: `${acls} × $${P.waf.perWebAclMonth} + ${wafRules} rules × $${P.waf.perRuleMonth} + assumed ${A.wafRequestsMillions} M requests × $${P.waf.perMillionRequests}`,
  });

  const alarmMetricCount = drivers.alarmMetrics.reduce((n, m) => n + m, 0);
  const logsGb =
    (drivers.cluster.controlPlaneLogTypes > 0
      ? A.eksControlPlaneLogsGbMonth
      : 0) +
    drivers.flowLogs * A.flowLogsGbMonth;
  const retentionMonths = ENVIRONMENT_DESIGN.logRetentionDays / 30;
  const insightMetrics = drivers.cluster.containerInsights
    ? A.containerInsightsMetricsPerCluster +
      nodes * A.containerInsightsMetricsPerNode
    : 0;
  lines.push({
    id: 'cloudwatch',
    label: `CloudWatch (${drivers.alarmMetrics.length} alarms, logs, Container Insights)`,
    service: 'AmazonCloudWatch',
    monthlyUsd: round(
      alarmMetricCount * P.cloudWatch.perAlarmMetricMonth +
        logsGb * P.cloudWatch.logsIngestedPerGb +
        logsGb * retentionMonths * P.cloudWatch.logsStoredPerGbMonth +
        insightMetrics * P.cloudWatch.perCustomMetricMonth,
    ),
    basis: `${alarmMetricCount} alarm metrics × $${
      P.cloudWatch.perAlarmMetricMonth
    } + assumed ${logsGb} GB logs ingested × $${
      P.cloudWatch.logsIngestedPerGb
    } and ${round(logsGb * retentionMonths)} GB kept (${
      ENVIRONMENT_DESIGN.logRetentionDays
    } days) × $${
      P.cloudWatch.logsStoredPerGbMonth
    } + assumed ${insightMetrics} Container Insights metrics × $${
      P.cloudWatch.perCustomMetricMonth
    }`,
  });

  lines.push({
    id: 'kms',
    label: `KMS customer managed keys (${drivers.kmsKeys})`,
    service: 'AWS Key Management Service',
    monthlyUsd: round(
      drivers.kmsKeys * P.kms.perCustomerKeyMonth +
        A.kmsTenThousandRequests * P.kms.perTenThousandRequests,
    ),
    basis: `${drivers.kmsKeys} keys × $${P.kms.perCustomerKeyMonth} + assumed ${A.kmsTenThousandRequests}×10k requests × $${P.kms.perTenThousandRequests}`,
  });
  lines.push({
    id: 'secrets-manager',
    label: `Secrets Manager (${drivers.secrets} secret)`,
    service: 'AWS Secrets Manager',
    monthlyUsd: round(
      drivers.secrets * P.secretsManager.perSecretMonth +
        A.secretsTenThousandApiCalls * P.secretsManager.perTenThousandApiCalls,
    ),
    basis: `${drivers.secrets} × $${P.secretsManager.perSecretMonth} + assumed ${A.secretsTenThousandApiCalls}×10k API calls × $${P.secretsManager.perTenThousandApiCalls}`,
  });
  lines.push({
    id: 'ecr',
    label: `ECR (${drivers.ecrRepositories} repository, management account)`,
    service: 'Amazon EC2 Container Registry (ECR)',
    monthlyUsd: round(
      drivers.ecrRepositories * A.ecrStorageGb * P.ecr.perGbMonth,
    ),
    basis: `assumed ${A.ecrStorageGb} GB of images × $${P.ecr.perGbMonth}/GB-month`,
  });
  lines.push({
    id: 'guardduty',
    label: 'GuardDuty',
    service: 'Amazon GuardDuty',
    monthlyUsd: round(
      drivers.guardDutyDetectors *
        (A.guardDutyCloudTrailEventsMillions *
          P.guardDuty.perMillionCloudTrailManagementEvents +
          A.guardDutyFlowAndDnsLogsGb * P.guardDuty.perGbFlowAndDnsLogs),
    ),
    basis: `assumed ${A.guardDutyCloudTrailEventsMillions} M CloudTrail events × $${P.guardDuty.perMillionCloudTrailManagementEvents} + ${A.guardDutyFlowAndDnsLogsGb} GB flow/DNS logs × $${P.guardDuty.perGbFlowAndDnsLogs} (after the 30-day trial)`,
  });
  lines.push({
    id: 'cloudtrail',
    label: `CloudTrail (${drivers.trails} trail)`,
    service: 'AWS CloudTrail',
    monthlyUsd: 0,
    basis:
      "the first trail's management events are free; its S3 storage is in the S3 line",
  });
  lines.push({
    id: 'budgets-and-sns',
    label: `AWS Budgets (${drivers.budgets}) and SNS (${drivers.snsTopics} topic)`,
    service: 'AWS Budgets',
    monthlyUsd: 0,
    basis: `budgets without actions are free; SNS e-mail is free up to ${P.sns.freeEmailNotifications} notifications a month`,
  });
  return lines;
}

/**
 * Spending `amountUsd` against `budgetUsd`, with {@link BUDGET_THRESHOLDS}:
 * the estimate's verdict, and the cost view's for actual spend.
 *
 * @public
 */
export function budgetVerdict(
  amountUsd: number,
  budgetUsd: number,
): BudgetVerdict {
  const share = budgetUsd > 0 ? amountUsd / budgetUsd : Infinity;
  if (share > BUDGET_THRESHOLDS.over) {
    return 'over';
  }
  return share >= BUDGET_THRESHOLDS.near ? 'near' : 'under';
}

function total(lines: CostLine[]): number {
  return round(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const ARM_FAMILY: Record<string, string> = {
  t3: 't4g',
  t3a: 't4g',
  m5: 'm7g',
  m6i: 'm7g',
  m7i: 'm7g',
};

function armEquivalent(instanceType: string): string | undefined {
  const [family, size] = instanceType.split('.');
  const candidate = ARM_FAMILY[family] && `${ARM_FAMILY[family]}.${size}`;
  return candidate && EC2_INSTANCE_TYPES.some(t => t.name === candidate)
    ? candidate
    : undefined;
}

function armDatabaseEquivalent(instanceClass: string): string | undefined {
  const candidate = instanceClass
    .replace(/^db\.t3\./, 'db.t4g.')
    .replace(/^db\.m[56]i?\./, 'db.m7g.');
  return candidate !== instanceClass &&
    RDS_INSTANCE_CLASSES.some(c => c.name === candidate)
    ? candidate
    : undefined;
}

interface Modification {
  id: string;
  description: string;
  apply: (drivers: CostDrivers) => CostDrivers;
}

function newestStandardSupportVersion(asOf: string) {
  return [...EKS_KUBERNETES_VERSIONS]
    .filter(v => v.eksRelease <= asOf && v.endOfStandardSupport > asOf)
    .sort((a, b) => b.eksRelease.localeCompare(a.eksRelease))[0];
}

function withNodeGroup(
  drivers: CostDrivers,
  role: string,
  change: Partial<NodeGroupCostDriver>,
): CostDrivers {
  return {
    ...drivers,
    nodeGroups: drivers.nodeGroups.map(group =>
      group.role === role ? { ...group, ...change } : group,
    ),
  };
}

/** Changes worth suggesting for these drivers; each one a spec change. */
function candidateModifications(
  drivers: CostDrivers,
  asOf: string,
): Modification[] {
  const modifications: Modification[] = [];
  const version = drivers.cluster.kubernetesVersion;
  const target = newestStandardSupportVersion(asOf);
  if (isExtendedSupport(version, asOf) && target) {
    const info = eksVersionInfo(version);
    modifications.push({
      id: 'kubernetes-standard-support',
      description: `Upgrade cluster.kubernetesVersion from ${version} (in EKS extended support since ${info?.endOfStandardSupport}) to ${target.version} (standard support until ${target.endOfStandardSupport}).`,
      apply: d => ({
        ...d,
        cluster: { ...d.cluster, kubernetesVersion: target.version },
      }),
    });
  }
  if (drivers.natGateways > 1) {
    modifications.push({
      id: 'single-nat-gateway',
      description: `Set network.natGateways to 1 (from ${drivers.natGateways}): the AZs share one NAT gateway, so an outage of its AZ cuts egress for all.`,
      apply: d => ({ ...d, natGateways: 1 }),
    });
  }
  for (const group of drivers.nodeGroups) {
    const field = `cluster.${group.role}NodeGroup`;
    if (group.desiredSize > group.minSize) {
      modifications.push({
        id: `${group.role}-node-group-desired-to-min`,
        description: `Set ${field}.desiredSize to ${group.minSize} (from ${group.desiredSize}); the Cluster Autoscaler still adds nodes up to ${group.maxSize} under load.`,
        apply: d =>
          withNodeGroup(d, group.role, { desiredSize: group.minSize }),
      });
    }
    const arm = armEquivalent(group.instanceType);
    if (arm) {
      modifications.push({
        id: `${group.role}-node-group-graviton`,
        description: `Set ${field}.instanceType to ${arm} (from ${group.instanceType}): Graviton (arm64) with the same vCPUs and memory; container images must be built for linux/arm64.`,
        apply: d => withNodeGroup(d, group.role, { instanceType: arm }),
      });
    }
  }
  const db = drivers.database;
  const armDb = armDatabaseEquivalent(db.instanceClass);
  if (armDb) {
    modifications.push({
      id: 'database-graviton',
      description: `Set database.instanceClass to ${armDb} (from ${db.instanceClass}): Graviton with the same vCPUs and memory; PostgreSQL runs unchanged.`,
      apply: d => ({ ...d, database: { ...d.database, instanceClass: armDb } }),
    });
  }
  if (db.multiAz) {
    modifications.push({
      id: 'database-single-az',
      description:
        'Set database.multiAz to false: no standby, so an AZ outage means restoring from backup (the seed starts single-AZ).',
      apply: d => ({ ...d, database: { ...d.database, multiAz: false } }),
    });
  }
  return modifications;
}

function suggestionsFor(
  drivers: CostDrivers,
  totalUsd: number,
  budgetUsd: number,
  asOf: string,
): CostSuggestion[] {
  return candidateModifications(drivers, asOf)
    .map(modification => {
      const modifiedTotal = total(costLines(modification.apply(drivers), asOf));
      const savings = round(totalUsd - modifiedTotal);
      return {
        id: modification.id,
        description: `${modification.description} New total ${usd(
          modifiedTotal,
        )} (${Math.round((modifiedTotal / budgetUsd) * 100)} % of budget).`,
        monthlySavingsUsd: savings,
      };
    })
    .filter(suggestion => suggestion.monthlySavingsUsd > 0)
    .sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd);
}

function notesFor(
  drivers: CostDrivers,
  asOf: string,
  lines: CostLine[],
): string[] {
  const notes: string[] = [];
  if (drivers.region !== PRICE_TABLE.region) {
    notes.push(
      `Prices are ${PRICE_TABLE.region} on-demand prices; ${drivers.region} prices differ (usually somewhat higher).`,
    );
  }
  const version = eksVersionInfo(drivers.cluster.kubernetesVersion);
  if (version && asOf >= version.endOfStandardSupport) {
    notes.push(
      `Kubernetes ${version.version} left EKS standard support on ${version.endOfStandardSupport}: the control plane costs $${PRICE_TABLE.eks.controlPlaneExtendedHourly}/h instead of $${PRICE_TABLE.eks.controlPlaneStandardHourly}/h until it is upgraded (extended support ends ${version.endOfExtendedSupport}).`,
    );
  } else if (version) {
    notes.push(
      `Kubernetes ${version.version} is in EKS standard support until ${version.endOfStandardSupport}; after that the control plane costs $${PRICE_TABLE.eks.controlPlaneExtendedHourly}/h unless upgraded.`,
    );
  }
  const usageLines = lines
    .filter(line => line.basis.includes('assumed'))
    .map(line => line.id);
  notes.push(
    `Usage-based lines (${usageLines.join(
      ', ',
    )}) rest on stated assumptions for a small production API; see each line's basis.`,
  );
  for (const group of drivers.nodeGroups) {
    if (group.maxSize > group.desiredSize) {
      const atMax = nodeGroupLine({ ...group, desiredSize: group.maxSize });
      notes.push(
        `At its maximum of ${group.maxSize} nodes the ${
          group.role
        } node group would cost ${usd(atMax.monthlyUsd)} a month.`,
      );
    }
  }
  const burstable =
    drivers.nodeGroups.some(g =>
      EC2_INSTANCE_TYPES.find(t => t.name === g.instanceType && t.burstable),
    ) ||
    RDS_INSTANCE_CLASSES.some(
      c => c.name === drivers.database.instanceClass && c.burstable,
    );
  if (burstable) {
    notes.push(
      'Burstable (T) instances run in unlimited mode: sustained CPU above their baseline adds $0.05 per vCPU-hour on EC2 and $0.075 on RDS, not included.',
    );
  }
  notes.push(
    'On-demand prices: Compute Savings Plans or Reserved Instances (1 or 3 years) lower the EC2 and RDS lines; AWS advertises up to 66 % for Compute Savings Plans. Not modelled.',
  );
  notes.push(
    'Not included: data transfer between AZs and to the internet beyond CloudFront, RDS snapshots beyond the free backup storage, EKS add-on compute, taxes.',
  );
  return notes;
}

/**
 * The monthly estimate for a set of cost drivers against a budget: lines,
 * total, verdict and, over budget, suggestions whose savings come from
 * re-estimating the changed drivers.
 *
 * @public
 */
export function estimateFromDrivers(
  drivers: CostDrivers,
  budgetUsd: number,
  options: EstimateOptions = {},
): CostEstimate {
  const asOf = options.asOf ?? today();
  const lines = costLines(drivers, asOf);
  const totalMonthlyUsd = total(lines);
  const budgetShare = budgetUsd > 0 ? totalMonthlyUsd / budgetUsd : Infinity;
  const verdict = budgetVerdict(totalMonthlyUsd, budgetUsd);
  return {
    currency: 'USD',
    lines,
    totalMonthlyUsd,
    budgetUsd,
    verdict,
    budgetShare: Math.round(budgetShare * 10000) / 10000,
    suggestions:
      verdict === 'over'
        ? suggestionsFor(drivers, totalMonthlyUsd, budgetUsd, asOf)
        : [],
    priceTable: {
      date: PRICE_TABLE.date,
      region: PRICE_TABLE.region,
      source: PRICE_TABLE.source,
    },
    notes: notesFor(drivers, asOf, lines),
  };
}

/**
 * The monthly estimate of the environment a (validated) spec describes,
 * against the spec's budget. Fast enough for every keystroke.
 *
 * @public
 */
export function estimateFromSpec(
  spec: EnvironmentSpec,
  options: EstimateOptions = {},
): CostEstimate {
  return estimateFromDrivers(
    driversFromSpec(spec),
    spec.budget.monthlyUsd,
    options,
  );
}
