import { HOURS_PER_MONTH } from '../cost/prices';
import {
  EKS_VERSION_CALENDAR,
  EXTENDED_SUPPORT_PRICES,
  LIFECYCLE_CALENDAR_COMPILED,
  LIFECYCLE_CALENDAR_MAX_AGE_DAYS,
  RDS_POSTGRES_VERSION_CALENDAR,
} from './calendar';

/**
 * What the calendar covers: EKS Kubernetes minor versions (`1.33`) and
 * RDS for PostgreSQL major versions (`15`).
 *
 * @public
 */
export type LifecycleKind = 'eks' | 'rds-postgres';

/**
 * Where a version stands: `ending-soon` is standard support within the
 * warning window of its end.
 *
 * @public
 */
export type SupportStatus =
  | 'standard'
  | 'ending-soon'
  | 'extended'
  | 'unsupported';

/**
 * A version's place in the lifecycle calendar on a given day.
 *
 * @public
 */
export interface VersionLifecycle {
  kind: LifecycleKind;
  version: string;
  support: SupportStatus;
  standardSupportEnds: string;
  extendedSupportEnds: string;
  /**
   * What extended support adds to the monthly bill now (0 outside extended
   * support). `null` for a database when its vCPUs were not given.
   */
  extraMonthlyUsd: number | null;
  /** What extended support adds per month once (or while) it applies. */
  extendedExtraMonthlyUsd: number | null;
  /**
   * The next upgrade step: EKS one minor version at a time; RDS straight to
   * the newest version in standard support.
   */
  nextVersion?: string;
  /** The newest version in standard support on that day. */
  newestStandardVersion?: string;
  /** The day the calendar was compiled. */
  calendarCompiled: string;
  /** False when the calendar's row is not confirmed against AWS's page. */
  confirmed: boolean;
}

/**
 * Options of {@link lifecycleOf}.
 *
 * @public
 */
export interface LifecycleOptions {
  /** Days before the end of standard support that count as ending soon. @defaultValue 90 */
  warningDays?: number;
  /** vCPUs of one database instance (RDS Extended Support is per vCPU-hour). */
  vcpus?: number;
  /** Instances billed (2 for a Multi-AZ instance with its standby). @defaultValue 1 */
  instances?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of a moment, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}

function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

const round = (value: number) => Math.round(value * 100) / 100;

function status(
  day: string,
  extendedStarts: string,
  unsupportedFrom: string,
  warningDays: number,
): SupportStatus {
  if (day >= unsupportedFrom) return 'unsupported';
  if (day >= extendedStarts) return 'extended';
  return daysBetween(day, extendedStarts) <= warningDays
    ? 'ending-soon'
    : 'standard';
}

function eksLifecycle(
  version: string,
  day: string,
  warningDays: number,
): VersionLifecycle | undefined {
  const entry = EKS_VERSION_CALENDAR.find(e => e.version === version);
  if (!entry) return undefined;
  // EKS bills extended support from the start of the end-of-standard day.
  const support = status(
    day,
    entry.endOfStandardSupport,
    entry.endOfExtendedSupport,
    warningDays,
  );
  const { standardHourly, extendedHourly } = EXTENDED_SUPPORT_PRICES.eks;
  const extended = round((extendedHourly - standardHourly) * HOURS_PER_MONTH);
  const [major, minor] = version.split('.').map(Number);
  const next = `${major}.${minor + 1}`;
  const newest = [...EKS_VERSION_CALENDAR]
    .filter(e => e.eksRelease <= day && e.endOfStandardSupport > day)
    .sort((a, b) => b.eksRelease.localeCompare(a.eksRelease))[0];
  return {
    kind: 'eks',
    version,
    support,
    standardSupportEnds: entry.endOfStandardSupport,
    extendedSupportEnds: entry.endOfExtendedSupport,
    extraMonthlyUsd: support === 'extended' ? extended : 0,
    extendedExtraMonthlyUsd: extended,
    nextVersion: EKS_VERSION_CALENDAR.some(
      e => e.version === next && e.eksRelease <= day,
    )
      ? next
      : undefined,
    newestStandardVersion: newest?.version,
    calendarCompiled: LIFECYCLE_CALENDAR_COMPILED,
    confirmed: entry.confirmed,
  };
}

function rdsPostgresLifecycle(
  version: string,
  day: string,
  options: LifecycleOptions,
): VersionLifecycle | undefined {
  const major = version.split('.')[0];
  const entry = RDS_POSTGRES_VERSION_CALENDAR.find(e => e.version === major);
  if (!entry) return undefined;
  // RDS charges Extended Support from the day after the end of standard
  // support, to the end of the end-of-extended-support day.
  const extendedStarts = addDays(entry.endOfStandardSupport, 1);
  const support = status(
    day,
    extendedStarts,
    addDays(entry.endOfExtendedSupport, 1),
    options.warningDays ?? 90,
  );
  const { perVcpuHourYears1And2, perVcpuHourYear3 } =
    EXTENDED_SUPPORT_PRICES.rdsPostgres;
  const rate =
    day >= addYears(extendedStarts, 2)
      ? perVcpuHourYear3
      : perVcpuHourYears1And2;
  const extended =
    options.vcpus === undefined
      ? null
      : round(
          rate * options.vcpus * (options.instances ?? 1) * HOURS_PER_MONTH,
        );
  const newest = [...RDS_POSTGRES_VERSION_CALENDAR]
    .filter(e => e.endOfStandardSupport >= day)
    .sort((a, b) => Number(b.version) - Number(a.version))[0];
  return {
    kind: 'rds-postgres',
    version: major,
    support,
    standardSupportEnds: entry.endOfStandardSupport,
    extendedSupportEnds: entry.endOfExtendedSupport,
    extraMonthlyUsd: support === 'extended' ? extended : 0,
    extendedExtraMonthlyUsd: extended,
    nextVersion:
      newest && Number(newest.version) > Number(major)
        ? newest.version
        : undefined,
    newestStandardVersion: newest?.version,
    calendarCompiled: LIFECYCLE_CALENDAR_COMPILED,
    confirmed: entry.confirmed,
  };
}

/**
 * Where `version` stands in the lifecycle calendar at `at`, with what
 * extended support costs and the next upgrade step; `undefined` for a
 * version the calendar does not know.
 *
 * @public
 */
export function lifecycleOf(
  kind: LifecycleKind,
  version: string,
  at: Date,
  opts: LifecycleOptions = {},
): VersionLifecycle | undefined {
  const day = utcDay(at);
  return kind === 'eks'
    ? eksLifecycle(version, day, opts.warningDays ?? 90)
    : rdsPostgresLifecycle(version, day, opts);
}

/**
 * How many days old the calendar is at `at`.
 *
 * @public
 */
export function lifecycleCalendarAgeDays(at: Date): number {
  return daysBetween(LIFECYCLE_CALENDAR_COMPILED, utcDay(at));
}

/**
 * A warning to show when the calendar is older than
 * {@link LIFECYCLE_CALENDAR_MAX_AGE_DAYS} at `at`, else `undefined`.
 *
 * @public
 */
export function lifecycleCalendarStaleWarning(at: Date): string | undefined {
  const age = lifecycleCalendarAgeDays(at);
  return age > LIFECYCLE_CALENDAR_MAX_AGE_DAYS
    ? `The version lifecycle calendar was compiled on ${LIFECYCLE_CALENDAR_COMPILED} (${age} days ago, more than ${LIFECYCLE_CALENDAR_MAX_AGE_DAYS}): support dates and extended-support prices may have changed. Update plugins/aws-environments-common/src/lifecycle/calendar.ts from its sources.`
    : undefined;
}
