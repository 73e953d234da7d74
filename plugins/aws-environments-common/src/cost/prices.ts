import { EXTENDED_SUPPORT_PRICES } from '../lifecycle/calendar';

/**
 * Hours in a month, as AWS's pricing pages count them (365 × 24 / 12).
 *
 * @public
 */
export const HOURS_PER_MONTH = 730;

/**
 * us-east-1 on-demand prices (USD) the cost model uses.
 *
 * These are the prices published on the AWS pricing pages named in `source`,
 * as last known to the author on `date`; they were not fetched live (the
 * build machine has no AWS or internet access). AWS has kept these list
 * prices unchanged for several years, but check the pages before relying on
 * a figure to the cent. Linux, no Savings Plans or Reserved Instances, no
 * free tier except where a line says so.
 *
 * @public
 */
export const PRICE_TABLE = {
  date: '2026-11-26',
  region: 'us-east-1',
  source:
    'AWS public on-demand pricing pages for us-east-1: aws.amazon.com/eks/pricing, /ec2/pricing/on-demand, /ebs/pricing, /rds/postgresql/pricing, /vpc/pricing (NAT gateway), /elasticloadbalancing/pricing, /cloudfront/pricing, /s3/pricing, /waf/pricing, /cloudwatch/pricing, /kms/pricing, /secrets-manager/pricing, /ecr/pricing, /guardduty/pricing, /cloudtrail/pricing, /aws-cost-management/aws-budgets/pricing, /sns/pricing. Prices as published (unchanged list prices) and compiled on the date above, not fetched live.',
  eks: {
    /** Per cluster-hour while the version is in standard support (from the lifecycle calendar). */
    controlPlaneStandardHourly: EXTENDED_SUPPORT_PRICES.eks.standardHourly,
    /** Per cluster-hour once the version is in extended support (from the lifecycle calendar). */
    controlPlaneExtendedHourly: EXTENDED_SUPPORT_PRICES.eks.extendedHourly,
  },
  ebs: {
    gp3PerGbMonth: 0.08,
  },
  rds: {
    /** Per GB-month, single-AZ; Multi-AZ doubles storage. */
    storagePerGbMonth: { gp3: 0.115, gp2: 0.115 } as Record<string, number>,
  },
  natGateway: { hourly: 0.045, perGbProcessed: 0.045 },
  alb: { hourly: 0.0225, perLcuHour: 0.008 },
  cloudFront: {
    /** Always-free tier: 1 TB out and 10 M HTTP(S) requests a month. */
    freeDataOutGb: 1024,
    freeRequestsMillions: 10,
    perGbOutNorthAmerica: 0.085,
    perMillionHttpsRequests: 1.0,
  },
  s3: {
    standardPerGbMonth: 0.023,
    perThousandPut: 0.005,
    perThousandGet: 0.0004,
  },
  waf: { perWebAclMonth: 5, perRuleMonth: 1, perMillionRequests: 0.6 },
  cloudWatch: {
    /** Standard-resolution alarm, per metric in the alarm. */
    perAlarmMetricMonth: 0.1,
    logsIngestedPerGb: 0.5,
    logsStoredPerGbMonth: 0.03,
    /** First 10,000 custom metrics (Container Insights publishes these). */
    perCustomMetricMonth: 0.3,
  },
  kms: { perCustomerKeyMonth: 1, perTenThousandRequests: 0.03 },
  secretsManager: { perSecretMonth: 0.4, perTenThousandApiCalls: 0.05 },
  ecr: { perGbMonth: 0.1 },
  guardDuty: {
    perMillionCloudTrailManagementEvents: 4,
    /** VPC flow log and DNS log analysis, first 500 GB tier. */
    perGbFlowAndDnsLogs: 1,
  },
  cloudTrail: {
    /** The first trail's copy of management events is free. */
    firstTrailManagementEvents: 0,
  },
  route53: {
    perHostedZoneMonth: 0.5,
    /** Standard queries, first billion a month. */
    perMillionStandardQueries: 0.4,
    /** Queries to alias records of a CloudFront distribution are free. */
    perMillionAliasQueriesToCloudFront: 0,
  },
  budgets: {
    /** The first two action-enabled budgets are free; plain budgets are free. */
    perBudgetMonth: 0,
  },
  sns: {
    /** First 1,000 e-mail notifications a month are free. */
    freeEmailNotifications: 1000,
  },
} as const;

/**
 * EC2 on-demand Linux price per instance-hour, us-east-1. Keys are exactly
 * the instance types the spec allows (`EC2_INSTANCE_TYPES`).
 *
 * @public
 */
export const EC2_HOURLY_USD: Readonly<Record<string, number>> = {
  't3.medium': 0.0416,
  't3.large': 0.0832,
  't3.xlarge': 0.1664,
  't3.2xlarge': 0.3328,
  't3a.medium': 0.0376,
  't3a.large': 0.0752,
  't3a.xlarge': 0.1504,
  't4g.medium': 0.0336,
  't4g.large': 0.0672,
  't4g.xlarge': 0.1344,
  'm5.large': 0.096,
  'm5.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm6i.large': 0.096,
  'm6i.xlarge': 0.192,
  'm6i.2xlarge': 0.384,
  'm7i.large': 0.1008,
  'm7i.xlarge': 0.2016,
  'm6g.large': 0.077,
  'm6g.xlarge': 0.154,
  'm7g.large': 0.0816,
  'm7g.xlarge': 0.1632,
  'c6i.large': 0.085,
  'c6i.xlarge': 0.17,
  'r6i.large': 0.126,
  'r6i.xlarge': 0.252,
};

/**
 * RDS for PostgreSQL on-demand price per instance-hour, single-AZ,
 * us-east-1. Multi-AZ (one standby) costs twice this. Keys are exactly the
 * classes the spec allows (`RDS_INSTANCE_CLASSES`).
 *
 * @public
 */
export const RDS_POSTGRES_HOURLY_USD: Readonly<Record<string, number>> = {
  'db.t3.micro': 0.018,
  'db.t3.small': 0.036,
  'db.t3.medium': 0.072,
  'db.t3.large': 0.145,
  'db.t3.xlarge': 0.29,
  'db.t4g.micro': 0.016,
  'db.t4g.small': 0.032,
  'db.t4g.medium': 0.065,
  'db.t4g.large': 0.129,
  'db.m5.large': 0.178,
  'db.m5.xlarge': 0.356,
  'db.m6i.large': 0.178,
  'db.m6i.xlarge': 0.356,
  'db.m6g.large': 0.159,
  'db.m6g.xlarge': 0.318,
  'db.m7g.large': 0.168,
  'db.m7g.xlarge': 0.337,
  'db.r6g.large': 0.225,
  'db.r6i.large': 0.25,
};

/**
 * What the usage-based lines assume about traffic and volumes: a small
 * production API (the seed's starting point, before growth). Every line
 * that uses one of these says so in its `basis`.
 *
 * @public
 */
export const USAGE_ASSUMPTIONS = {
  /** Data through each NAT gateway a month: image pulls, OS updates, APIs. */
  natGbPerGatewayMonth: 30,
  /** Average LCUs an ALB uses around the clock. */
  albAverageLcu: 1,
  /** CloudFront traffic a month: within the always-free tier. */
  cloudFrontDataOutGb: 100,
  cloudFrontRequestsMillions: 5,
  /** Requests the WAF inspects a month (all CloudFront requests). */
  wafRequestsMillions: 5,
  /** SPA bundle and its old versions in S3; access and CloudFront/ALB logs. */
  s3StorageGb: 20,
  s3ThousandGets: 100,
  s3ThousandPuts: 10,
  /** Control-plane logs (all five types; audit dominates) a month. */
  eksControlPlaneLogsGbMonth: 10,
  /** VPC flow logs a month (all traffic, default format). */
  flowLogsGbMonth: 5,
  /** Container Insights custom metrics: per node and per cluster. */
  containerInsightsMetricsPerNode: 10,
  containerInsightsMetricsPerCluster: 20,
  /** KMS API calls a month across all keys. */
  kmsTenThousandRequests: 10,
  /** Secrets Manager API calls a month (pods read at start-up). */
  secretsTenThousandApiCalls: 1,
  /** Images kept in ECR (lifecycle policy keeps the last 30). */
  ecrStorageGb: 10,
  /**
   * Route 53 queries a month that are not to the CloudFront aliases (NS,
   * SOA, CAA and the certificates' validation records).
   */
  route53StandardQueriesMillions: 0.1,
  /** GuardDuty inputs a month. */
  guardDutyCloudTrailEventsMillions: 1,
  guardDutyFlowAndDnsLogsGb: 10,
} as const;
