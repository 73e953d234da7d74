import type { CostLine } from '../api/types';
import { ENVIRONMENT_DESIGN } from '../spec/naming';
import { CostDrivers, NodeGroupCostDriver } from './drivers';
import {
  EC2_HOURLY_USD,
  HOURS_PER_MONTH,
  PRICE_TABLE as P,
  RDS_POSTGRES_HOURLY_USD,
  USAGE_ASSUMPTIONS as A,
} from './prices';
import { hourly, isExtendedSupport, priceOf, round } from './pricing';

/**
 * The estimate's lines, one builder per cost area. Each line says what it
 * costs a month and on what basis (counts, prices and usage assumptions).
 */

function controlPlaneLine(drivers: CostDrivers, asOf: string): CostLine {
  const version = drivers.cluster.kubernetesVersion;
  const extended = isExtendedSupport(version, asOf);
  const controlPlaneRate = extended
    ? P.eks.controlPlaneExtendedHourly
    : P.eks.controlPlaneStandardHourly;
  return {
    id: 'eks-control-plane',
    label: `EKS control plane (Kubernetes ${version}, ${
      extended ? 'extended' : 'standard'
    } support)`,
    service: 'Amazon Elastic Container Service for Kubernetes',
    monthlyUsd: round(hourly(controlPlaneRate)),
    basis: `1 cluster × ${HOURS_PER_MONTH} h × $${controlPlaneRate} (${
      extended ? 'extended' : 'standard'
    } support on ${asOf})`,
  };
}

export function nodeGroupLine(group: NodeGroupCostDriver): CostLine {
  const price = priceOf(EC2_HOURLY_USD, group.instanceType);
  return {
    id: `node-group-${group.role}`,
    label: `EKS ${group.role} node group (${group.desiredSize} × ${group.instanceType})`,
    service: 'Amazon Elastic Compute Cloud - Compute',
    monthlyUsd: round(group.desiredSize * hourly(price)),
    basis: `${group.desiredSize} × ${group.instanceType} × ${HOURS_PER_MONTH} h × $${price} (desired size; scales between ${group.minSize} and ${group.maxSize})`,
  };
}

/** Nodes running at the desired sizes. */
function nodeCount(drivers: CostDrivers): number {
  return drivers.nodeGroups.reduce((n, g) => n + g.desiredSize, 0);
}

function nodeVolumesLine(drivers: CostDrivers): CostLine {
  const nodes = nodeCount(drivers);
  const volumeGb = drivers.nodeGroups.reduce(
    (gb, g) => gb + g.desiredSize * g.volumeGb,
    0,
  );
  return {
    id: 'node-volumes',
    label: 'EBS root volumes of the nodes',
    service: 'EC2 - Other',
    monthlyUsd: round(volumeGb * P.ebs.gp3PerGbMonth),
    basis: `${nodes} nodes × ${volumeGb / Math.max(nodes, 1)} GB gp3 × $${
      P.ebs.gp3PerGbMonth
    }/GB-month`,
  };
}

function databaseLines({ database: db }: CostDrivers): CostLine[] {
  const dbRate = priceOf(RDS_POSTGRES_HOURLY_USD, db.instanceClass);
  const azFactor = db.multiAz ? 2 : 1;
  const storageRate = priceOf(P.rds.storagePerGbMonth, db.storageType);
  return [
    {
      id: 'rds-instance',
      label: `RDS PostgreSQL ${db.instanceClass} (${
        db.multiAz ? 'Multi-AZ' : 'single-AZ'
      })`,
      service: 'Amazon Relational Database Service',
      monthlyUsd: round(azFactor * hourly(dbRate)),
      basis: `${azFactor === 2 ? '2 (Multi-AZ) × ' : ''}${
        db.instanceClass
      } × ${HOURS_PER_MONTH} h × $${dbRate}`,
    },
    {
      id: 'rds-storage',
      label: `RDS storage (${db.storageGb} GB ${db.storageType})`,
      service: 'Amazon Relational Database Service',
      monthlyUsd: round(azFactor * db.storageGb * storageRate),
      basis: `${azFactor === 2 ? '2 (Multi-AZ) × ' : ''}${
        db.storageGb
      } GB × $${storageRate}/GB-month; automated backups up to the provisioned size are free`,
    },
  ];
}

function natGatewaysLine(drivers: CostDrivers): CostLine {
  const natHours = drivers.natGateways * hourly(P.natGateway.hourly);
  const natGb = drivers.natGateways * A.natGbPerGatewayMonth;
  return {
    id: 'nat-gateways',
    label: `NAT gateways (${drivers.natGateways})`,
    service: 'EC2 - Other',
    monthlyUsd: round(natHours + natGb * P.natGateway.perGbProcessed),
    basis: `${drivers.natGateways} × ${HOURS_PER_MONTH} h × $${P.natGateway.hourly} + assumed ${natGb} GB processed × $${P.natGateway.perGbProcessed}`,
  };
}

function loadBalancerLine(drivers: CostDrivers): CostLine {
  return {
    id: 'load-balancer',
    label: 'Application Load Balancer',
    service: 'Amazon Elastic Load Balancing',
    monthlyUsd: round(
      drivers.loadBalancers *
        (hourly(P.alb.hourly) + A.albAverageLcu * hourly(P.alb.perLcuHour)),
    ),
    basis: `${drivers.loadBalancers} × ${HOURS_PER_MONTH} h × ($${P.alb.hourly} + assumed ${A.albAverageLcu} LCU × $${P.alb.perLcuHour})`,
  };
}

function cloudFrontLine(drivers: CostDrivers): CostLine {
  const cfBillableGb = Math.max(
    0,
    A.cloudFrontDataOutGb - P.cloudFront.freeDataOutGb,
  );
  const cfBillableRequests = Math.max(
    0,
    A.cloudFrontRequestsMillions - P.cloudFront.freeRequestsMillions,
  );
  return {
    id: 'cloudfront',
    label: 'CloudFront distribution',
    service: 'Amazon CloudFront',
    monthlyUsd: round(
      drivers.cloudFrontDistributions *
        (cfBillableGb * P.cloudFront.perGbOutNorthAmerica +
          cfBillableRequests * P.cloudFront.perMillionHttpsRequests),
    ),
    basis: `assumed ${A.cloudFrontDataOutGb} GB out and ${A.cloudFrontRequestsMillions} M requests a month: within the always-free ${P.cloudFront.freeDataOutGb} GB / ${P.cloudFront.freeRequestsMillions} M requests; beyond it $${P.cloudFront.perGbOutNorthAmerica}/GB and $${P.cloudFront.perMillionHttpsRequests}/M requests`,
  };
}

function s3Line(drivers: CostDrivers): CostLine {
  return {
    id: 's3',
    label: `S3 (${drivers.s3Buckets} buckets: SPA, logs${
      drivers.trails > 0 ? ', CloudTrail' : ''
    })`,
    service: 'Amazon Simple Storage Service',
    monthlyUsd: round(
      A.s3StorageGb * P.s3.standardPerGbMonth +
        A.s3ThousandGets * P.s3.perThousandGet +
        A.s3ThousandPuts * P.s3.perThousandPut,
    ),
    basis: `assumed ${A.s3StorageGb} GB × $${P.s3.standardPerGbMonth} + ${A.s3ThousandGets}k GET × $${P.s3.perThousandGet} + ${A.s3ThousandPuts}k PUT × $${P.s3.perThousandPut}`,
  };
}

function wafLine(drivers: CostDrivers): CostLine {
  const wafRules = drivers.webAclRules.reduce((n, rules) => n + rules, 0);
  const acls = drivers.webAclRules.length;
  return {
    id: 'waf',
    label: `AWS WAF (${acls} web ACL, ${wafRules} rules)`,
    service: 'AWS WAF',
    monthlyUsd: round(
      acls * P.waf.perWebAclMonth +
        wafRules * P.waf.perRuleMonth +
        (acls > 0 ? A.wafRequestsMillions * P.waf.perMillionRequests : 0),
    ),
    basis: `${acls} × $${P.waf.perWebAclMonth} + ${wafRules} rules × $${P.waf.perRuleMonth} + assumed ${A.wafRequestsMillions} M requests × $${P.waf.perMillionRequests}`,
  };
}

function cloudWatchLine(drivers: CostDrivers): CostLine {
  const alarmMetricCount = drivers.alarmMetrics.reduce((n, m) => n + m, 0);
  const logsGb =
    (drivers.cluster.controlPlaneLogTypes > 0
      ? A.eksControlPlaneLogsGbMonth
      : 0) +
    drivers.flowLogs * A.flowLogsGbMonth;
  const retentionMonths = ENVIRONMENT_DESIGN.logRetentionDays / 30;
  const insightMetrics = drivers.cluster.containerInsights
    ? A.containerInsightsMetricsPerCluster +
      nodeCount(drivers) * A.containerInsightsMetricsPerNode
    : 0;
  return {
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
  };
}

function keysAndSecretsLines(drivers: CostDrivers): CostLine[] {
  return [
    {
      id: 'kms',
      label: `KMS customer managed keys (${drivers.kmsKeys})`,
      service: 'AWS Key Management Service',
      monthlyUsd: round(
        drivers.kmsKeys * P.kms.perCustomerKeyMonth +
          A.kmsTenThousandRequests * P.kms.perTenThousandRequests,
      ),
      basis: `${drivers.kmsKeys} keys × $${P.kms.perCustomerKeyMonth} + assumed ${A.kmsTenThousandRequests}×10k requests × $${P.kms.perTenThousandRequests}`,
    },
    {
      id: 'secrets-manager',
      label: `Secrets Manager (${drivers.secrets} secret)`,
      service: 'AWS Secrets Manager',
      monthlyUsd: round(
        drivers.secrets * P.secretsManager.perSecretMonth +
          A.secretsTenThousandApiCalls *
            P.secretsManager.perTenThousandApiCalls,
      ),
      basis: `${drivers.secrets} × $${P.secretsManager.perSecretMonth} + assumed ${A.secretsTenThousandApiCalls}×10k API calls × $${P.secretsManager.perTenThousandApiCalls}`,
    },
  ];
}

function ecrLine(drivers: CostDrivers): CostLine {
  return {
    id: 'ecr',
    label: `ECR (${drivers.ecrRepositories} repository, management account)`,
    service: 'Amazon EC2 Container Registry (ECR)',
    monthlyUsd: round(
      drivers.ecrRepositories * A.ecrStorageGb * P.ecr.perGbMonth,
    ),
    basis: `assumed ${A.ecrStorageGb} GB of images × $${P.ecr.perGbMonth}/GB-month`,
  };
}

/** Said of the account baseline's lines: what they are shared by. */
const SHARED_BASIS =
  'account baseline, shared by every environment in the workloads account and region and counted once per account';

function guardDutyLine(drivers: CostDrivers): CostLine {
  if (drivers.guardDutyDetectors === 0) {
    return {
      id: 'guardduty',
      label: 'GuardDuty (the account’s existing detector)',
      service: 'Amazon GuardDuty',
      scope: 'account',
      monthlyUsd: 0,
      basis:
        'spec.baseline is existing: the account already pays for its own detector; this environment adds only its share of the events it analyses',
    };
  }
  return {
    id: 'guardduty',
    label: 'GuardDuty (account baseline)',
    service: 'Amazon GuardDuty',
    scope: 'account',
    monthlyUsd: round(
      drivers.guardDutyDetectors *
        (A.guardDutyCloudTrailEventsMillions *
          P.guardDuty.perMillionCloudTrailManagementEvents +
          A.guardDutyFlowAndDnsLogsGb * P.guardDuty.perGbFlowAndDnsLogs),
    ),
    basis: `${SHARED_BASIS}; assumed ${A.guardDutyCloudTrailEventsMillions} M CloudTrail events × $${P.guardDuty.perMillionCloudTrailManagementEvents} + ${A.guardDutyFlowAndDnsLogsGb} GB flow/DNS logs × $${P.guardDuty.perGbFlowAndDnsLogs} (after the 30-day trial)`,
  };
}

/** The domain's hosted zone, when the spec has a domain. */
function route53Lines(drivers: CostDrivers): CostLine[] {
  if (drivers.hostedZones === 0) {
    return [];
  }
  return [
    {
      id: 'route53',
      label: `Route 53 (${drivers.hostedZones} hosted zone${
        drivers.hostedZones === 1 ? '' : 's'
      }, alias records to CloudFront)`,
      service: 'Amazon Route 53',
      monthlyUsd: round(
        drivers.hostedZones * P.route53.perHostedZoneMonth +
          A.route53StandardQueriesMillions *
            P.route53.perMillionStandardQueries,
      ),
      basis: `$${P.route53.perHostedZoneMonth}/hosted zone-month (the named zone, billed to its account, and with the zone in the management account one delegated zone per served name in the workloads account) + assumed ${A.route53StandardQueriesMillions} M standard queries × $${P.route53.perMillionStandardQueries}/M; queries to the A/AAAA aliases of CloudFront are free; ACM public certificates are free`,
    },
  ];
}

/** Resources that cost nothing at the environment's usage, listed all the same. */
function freeLines(drivers: CostDrivers): CostLine[] {
  return [
    {
      id: 'cloudtrail',
      label:
        drivers.trails > 0
          ? `CloudTrail (${drivers.trails} trail, account baseline)`
          : 'CloudTrail (the account’s existing trail)',
      service: 'AWS CloudTrail',
      scope: 'account',
      monthlyUsd: 0,
      basis:
        drivers.trails > 0
          ? `${SHARED_BASIS}; the first trail's management events are free; its S3 storage is in the S3 line`
          : "spec.baseline is existing: the account's own trail, billed to the account",
    },
    {
      id: 'budgets-and-sns',
      label: `AWS Budgets (${drivers.budgets}) and SNS (${drivers.snsTopics} topic)`,
      service: 'AWS Budgets',
      monthlyUsd: 0,
      basis: `budgets without actions are free; SNS e-mail is free up to ${P.sns.freeEmailNotifications} notifications a month`,
    },
  ];
}

/** The estimate's lines, in a stable order. */
export function costLines(drivers: CostDrivers, asOf: string): CostLine[] {
  return [
    controlPlaneLine(drivers, asOf),
    ...drivers.nodeGroups.map(nodeGroupLine),
    nodeVolumesLine(drivers),
    ...databaseLines(drivers),
    natGatewaysLine(drivers),
    loadBalancerLine(drivers),
    cloudFrontLine(drivers),
    s3Line(drivers),
    wafLine(drivers),
    cloudWatchLine(drivers),
    ...keysAndSecretsLines(drivers),
    ecrLine(drivers),
    guardDutyLine(drivers),
    ...route53Lines(drivers),
    ...freeLines(drivers),
  ];
}

/** The sum of the lines, to the cent. */
export function total(lines: CostLine[]): number {
  return round(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
}
