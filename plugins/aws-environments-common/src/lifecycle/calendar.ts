/**
 * The version lifecycle calendar: when EKS Kubernetes versions and RDS for
 * PostgreSQL major versions leave standard support, when extended support
 * ends, and what extended support costs. Compiled by hand from the pages in
 * `source`; it is not fetched live, so `yarn env check` and the backend warn
 * once it is older than {@link LIFECYCLE_CALENDAR_MAX_AGE_DAYS}.
 *
 * Dates are UTC calendar days, `YYYY-MM-DD`.
 */

/**
 * The day the calendar was compiled.
 *
 * @public
 */
export const LIFECYCLE_CALENDAR_COMPILED = '2026-11-30';

/**
 * After this many days the calendar counts as stale (a warning, not an error).
 *
 * @public
 */
export const LIFECYCLE_CALENDAR_MAX_AGE_DAYS = 180;

/**
 * Where each part of the calendar comes from.
 *
 * @public
 */
export const LIFECYCLE_CALENDAR_SOURCES = {
  eks: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar',
  eksThirdParty: 'https://endoflife.date/amazon-eks',
  eksPricing: 'https://aws.amazon.com/eks/pricing/',
  rdsPostgres:
    'https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html',
  rdsExtendedSupportCharges:
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-charges.html',
  rdsPostgresPricing: 'https://aws.amazon.com/rds/postgresql/pricing/',
} as const;

/**
 * A Kubernetes minor version on Amazon EKS.
 *
 * @public
 */
export interface EksVersionLifecycleEntry {
  version: string;
  /** The day Amazon EKS released the version. */
  eksRelease: string;
  /** Extended-support billing starts at the beginning of this day (UTC). */
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  /** The page the dates were read from. */
  source: string;
  /** False when the dates could not be confirmed on AWS's own page. */
  confirmed: boolean;
}

/**
 * A PostgreSQL major version on Amazon RDS.
 *
 * @public
 */
export interface RdsPostgresVersionLifecycleEntry {
  version: string;
  /** RDS Extended Support charges start the day after this day. */
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  source: string;
  /** False when the dates could not be confirmed on AWS's own page. */
  confirmed: boolean;
  /** Why the row is not confirmed, when it is not. */
  note?: string;
}

/**
 * EKS Kubernetes versions. 1.29–1.34 are from AWS's "Amazon EKS Kubernetes
 * release calendar" (EKS user guide, as published in awsdocs/amazon-eks-user-guide
 * `latest/ug/versioning/kubernetes-versions.adoc`). 1.35 was not yet in the
 * stored copy of AWS's page: its dates are from endoflife.date and agree
 * with AWS's rule (14 months of standard support, then 12 of extended).
 *
 * @public
 */
export const EKS_VERSION_CALENDAR: readonly EksVersionLifecycleEntry[] = [
  {
    version: '1.29',
    eksRelease: '2024-01-23',
    endOfStandardSupport: '2025-03-23',
    endOfExtendedSupport: '2026-03-23',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    version: '1.30',
    eksRelease: '2024-05-23',
    endOfStandardSupport: '2025-07-23',
    endOfExtendedSupport: '2026-07-23',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    version: '1.31',
    eksRelease: '2024-09-26',
    endOfStandardSupport: '2025-11-26',
    endOfExtendedSupport: '2026-11-26',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    version: '1.32',
    eksRelease: '2025-01-23',
    endOfStandardSupport: '2026-03-23',
    endOfExtendedSupport: '2027-03-23',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    version: '1.33',
    eksRelease: '2025-05-29',
    endOfStandardSupport: '2026-07-29',
    endOfExtendedSupport: '2027-07-29',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    version: '1.34',
    eksRelease: '2025-10-02',
    endOfStandardSupport: '2026-12-02',
    endOfExtendedSupport: '2027-12-02',
    source: LIFECYCLE_CALENDAR_SOURCES.eks,
    confirmed: true,
  },
  {
    // Not confirmed on AWS's page (the stored copy predates 1.35);
    // endoflife.date gives these dates.
    version: '1.35',
    eksRelease: '2026-01-27',
    endOfStandardSupport: '2027-03-27',
    endOfExtendedSupport: '2028-03-27',
    source: LIFECYCLE_CALENDAR_SOURCES.eksThirdParty,
    confirmed: false,
  },
];

const RDS_UNCONFIRMED_NOTE =
  'AWS\u2019s RDS for PostgreSQL release calendar could not be read when this table was compiled; the dates follow RDS\u2019s pattern (standard support to the end of February after the community\u2019s November end of life, then three years of RDS Extended Support). Check them against the calendar page.';

/**
 * RDS for PostgreSQL major versions. None of these rows could be checked
 * against AWS's release calendar page (no stored copy of it was available);
 * PostgreSQL 15's end of standard support (2028-02-29) is the date this
 * project's issue 15 states. Each row says so (`confirmed: false`).
 *
 * @public
 */
export const RDS_POSTGRES_VERSION_CALENDAR: readonly RdsPostgresVersionLifecycleEntry[] =
  [
    {
      version: '14',
      endOfStandardSupport: '2027-02-28',
      endOfExtendedSupport: '2030-02-28',
      source: LIFECYCLE_CALENDAR_SOURCES.rdsPostgres,
      confirmed: false,
      note: RDS_UNCONFIRMED_NOTE,
    },
    {
      version: '15',
      endOfStandardSupport: '2028-02-29',
      endOfExtendedSupport: '2031-02-28',
      source: LIFECYCLE_CALENDAR_SOURCES.rdsPostgres,
      confirmed: false,
      note: RDS_UNCONFIRMED_NOTE,
    },
    {
      version: '16',
      endOfStandardSupport: '2029-02-28',
      endOfExtendedSupport: '2032-02-29',
      source: LIFECYCLE_CALENDAR_SOURCES.rdsPostgres,
      confirmed: false,
      note: RDS_UNCONFIRMED_NOTE,
    },
    {
      version: '17',
      endOfStandardSupport: '2030-02-28',
      endOfExtendedSupport: '2033-02-28',
      source: LIFECYCLE_CALENDAR_SOURCES.rdsPostgres,
      confirmed: false,
      note: RDS_UNCONFIRMED_NOTE,
    },
  ];

/**
 * What extended support costs, us-east-1, USD.
 *
 * EKS: $0.10 per cluster-hour in standard support, $0.60 in extended
 * support (EKS pricing page; the figures the cost model has used since
 * its price table was compiled).
 *
 * RDS Extended Support: per vCPU-hour, the same rate in years 1 and 2 and
 * a higher rate from year 3; standby instances of Multi-AZ deployments are
 * charged too. The rates ($0.100 and $0.200) are as reported by several
 * third-party write-ups (usage.ai, CloudYali, Vantage) citing the RDS
 * pricing page; not confirmed on AWS's page itself.
 *
 * @public
 */
export const EXTENDED_SUPPORT_PRICES = {
  region: 'us-east-1',
  eks: {
    standardHourly: 0.1,
    extendedHourly: 0.6,
    source: LIFECYCLE_CALENDAR_SOURCES.eksPricing,
  },
  rdsPostgres: {
    perVcpuHourYears1And2: 0.1,
    perVcpuHourYear3: 0.2,
    source: LIFECYCLE_CALENDAR_SOURCES.rdsPostgresPricing,
    confirmed: false,
  },
} as const;
