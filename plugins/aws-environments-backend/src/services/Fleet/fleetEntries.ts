import {
  environmentResourceNames,
  type FleetEntry,
  type FleetGroup,
  type FleetQuery,
  type FleetSortKey,
  type FleetTotals,
} from '@innovate/plugin-aws-environments-common';
import { roundUsd } from '../DataSources/costMath';
import { clusterLifecycle, databaseLifecycle } from '../DataSources/lifecycle';
import type { EnvironmentListItem } from '../EnvironmentRegistry/types';
import type { FleetAlarms, FleetCosts, FleetRead } from './types';

/**
 * Whether an environment has parts whose spend and alarms can be read: not
 * before its first deployment, and not after it was destroyed.
 */
export function isLive(environment: EnvironmentListItem): boolean {
  return (
    environment.status !== 'pending' &&
    environment.status !== 'destroyed' &&
    environment.lastDeploymentId !== null
  );
}

/** Whether an environment passes the query's filters. */
export function matchesFilters(
  environment: EnvironmentListItem,
  query: FleetQuery,
): boolean {
  const { accounts, region } = environment.spec;
  return (
    (!query.owner || environment.owner === query.owner) &&
    (!query.source || environment.source === query.source) &&
    (!query.status || environment.status === query.status) &&
    (!query.region || region === query.region) &&
    (!query.account ||
      accounts.workloads === query.account ||
      accounts.management === query.account)
  );
}

/**
 * Which environment each firing alarm of one account and region belongs
 * to: by the names the CDK app gives each environment's alarms, else by
 * the longest environment name the alarm name starts with (`prod-eu-…` is
 * `prod-eu`'s, not `prod`'s). `known` are every environment's names, so an
 * alarm of an environment in another account is nobody's here.
 */
export function firingByEnvironment(
  alarms: FleetAlarms,
  environments: EnvironmentListItem[],
  known: string[],
): Map<string, number> {
  const byName = new Map<string, string>();
  for (const name of known) {
    for (const alarm of Object.values(environmentResourceNames(name).alarms)) {
      byName.set(alarm, name);
    }
  }
  const byLength = [...known].sort((a, b) => b.length - a.length);
  const here = new Set(environments.map(e => e.name));
  const counts = new Map<string, number>();
  for (const alarm of alarms.firing) {
    const owner =
      byName.get(alarm) ?? byLength.find(name => alarm.startsWith(`${name}-`));
    if (owner && here.has(owner)) {
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * An environment's month to date and forecast: its tag's spend in its own
 * accounts only; the forecast adds the recent daily rate (of complete days)
 * for the days left (the sandbox's is the cost model's). No forecast while
 * the month has no complete day (its 1st: the period is today only).
 */
export function spendOf(
  costs: FleetCosts,
  environment: EnvironmentListItem,
): { monthToDateUsd: number; forecastUsd: number | null } {
  const byAccount = costs.byEnvironment[environment.name] ?? {};
  const accounts = new Set([
    environment.spec.accounts.workloads,
    environment.spec.accounts.management,
  ]);
  let monthToDate = 0;
  let recent = 0;
  let recentDays = 0;
  for (const account of accounts) {
    const spend = byAccount[account];
    if (spend) {
      monthToDate += spend.monthToDateUsd;
      recent += spend.recentUsd;
      recentDays = Math.max(recentDays, spend.recentDays);
    }
  }
  const modeled = costs.forecastByEnvironment?.[environment.name];
  const noRate = costs.daysLeft > 0 && costs.period.start >= costs.period.end;
  const rate = recentDays > 0 ? recent / recentDays : 0;
  let forecastUsd: number | null = modeled ?? null;
  if (modeled === undefined && !noRate) {
    forecastUsd = monthToDate + rate * costs.daysLeft;
  }
  return {
    monthToDateUsd: roundUsd(monthToDate),
    forecastUsd: forecastUsd === null ? null : roundUsd(forecastUsd),
  };
}

/** Lifecycles by versions and day: most environments share a few versions. */
const lifecycles = new Map<string, NonNullable<FleetEntry['lifecycle']>>();
const MAX_LIFECYCLES = 1_000;

/** Where the spec's versions stand in the lifecycle calendar on `at`'s day. */
export function lifecycleOfSpec(
  environment: EnvironmentListItem,
  at: Date,
): NonNullable<FleetEntry['lifecycle']> {
  const { cluster, database } = environment.spec;
  const key = [
    at.toISOString().slice(0, 10),
    cluster.kubernetesVersion,
    database.engineVersion,
    database.instanceClass,
    database.multiAz,
  ].join('|');
  const known = lifecycles.get(key);
  if (known) {
    return known;
  }
  const lifecycle = {
    cluster: clusterLifecycle(cluster.kubernetesVersion, at),
    database: databaseLifecycle(
      {
        engine: 'postgres',
        engineVersion: database.engineVersion,
        instanceClass: database.instanceClass,
        multiAz: database.multiAz,
      },
      at,
    ),
  };
  if (lifecycles.size >= MAX_LIFECYCLES) {
    lifecycles.clear();
  }
  lifecycles.set(key, lifecycle);
  return lifecycle;
}

/** One entry: the environment with its part of the scopes' reads. */
export function toEntry(
  environment: EnvironmentListItem,
  costs: FleetRead<FleetCosts> | undefined,
  firing: { read: FleetRead<unknown>; counts: Map<string, number> } | undefined,
  at: Date,
): FleetEntry {
  const spend = costs?.value ? spendOf(costs.value, environment) : undefined;
  const reads = [costs, firing?.read].filter(
    (read): read is FleetRead<unknown> => read !== undefined,
  );
  const fetched = reads
    .map(read => read.fetchedAt)
    .filter((time): time is string => time !== undefined)
    .sort();
  const reasons = reads.flatMap(read =>
    read.staleReason ? [read.staleReason] : [],
  );
  return {
    name: environment.name,
    owner: environment.owner ?? '',
    source: environment.source,
    status: environment.status,
    region: environment.spec.region,
    accounts: environment.spec.accounts,
    budgetUsd: environment.spec.budget.monthlyUsd,
    monthToDateUsd: spend?.monthToDateUsd ?? null,
    forecastUsd: spend?.forecastUsd ?? null,
    firingAlarms: firing?.read.value
      ? firing.counts.get(environment.name) ?? 0
      : null,
    lifecycle: lifecycleOfSpec(environment, at),
    fetchedAt: fetched[0] ?? null,
    stale: reads.some(read => read.stale),
    ...(reasons.length > 0 ? { staleReason: reasons.join('; ') } : {}),
  };
}

/** Sums of entries (missing spend and alarms count as none). */
export function totalsOf(entries: FleetEntry[]): FleetTotals {
  let budget = 0;
  let monthToDate = 0;
  let forecast = 0;
  let firingAlarms = 0;
  for (const entry of entries) {
    budget += entry.budgetUsd;
    monthToDate += entry.monthToDateUsd ?? 0;
    forecast += entry.forecastUsd ?? 0;
    firingAlarms += entry.firingAlarms ?? 0;
  }
  return {
    environments: entries.length,
    budgetUsd: roundUsd(budget),
    monthToDateUsd: roundUsd(monthToDate),
    forecastUsd: roundUsd(forecast),
    firingAlarms,
  };
}

/** Totals by workloads account and region, in account then region order. */
export function groupsOf(entries: FleetEntry[]): FleetGroup[] {
  const groups = new Map<string, FleetEntry[]>();
  for (const entry of entries) {
    const key = `${entry.accounts.workloads}/${entry.region}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, members]) => ({
      account: members[0].accounts.workloads,
      region: members[0].region,
      totals: totalsOf(members),
    }));
}

const SORT_VALUES: Record<
  FleetSortKey,
  (entry: FleetEntry) => string | number | null
> = {
  name: e => e.name,
  owner: e => e.owner,
  status: e => e.status,
  region: e => e.region,
  account: e => e.accounts.workloads,
  monthToDate: e => e.monthToDateUsd,
  forecast: e => e.forecastUsd,
  budget: e => e.budgetUsd,
  budgetUsed: e =>
    e.budgetUsd > 0 && e.forecastUsd !== null
      ? e.forecastUsd / e.budgetUsd
      : null,
  firingAlarms: e => e.firingAlarms,
};

/** Sorted by `sort` (then name); entries without a value last either way. */
export function sortEntries(
  entries: FleetEntry[],
  sort: FleetSortKey = 'name',
  order: 'asc' | 'desc' = 'asc',
): FleetEntry[] {
  const valueOf = SORT_VALUES[sort];
  const sign = order === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) {
      if (x !== y) {
        return x === null ? 1 : -1;
      }
    } else if (x !== y) {
      const cmp =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y));
      if (cmp !== 0) {
        return sign * cmp;
      }
    }
    return a.name.localeCompare(b.name);
  });
}
