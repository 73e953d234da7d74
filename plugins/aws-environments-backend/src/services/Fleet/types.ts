import type { DataSourceKind } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentListItem } from '../EnvironmentRegistry/types';

/**
 * Month-to-date spend of one environment in one account, with what the
 * forecast is made from.
 */
export interface AccountSpend {
  monthToDateUsd: number;
  /** Spend of the last `recentDays` days with data (the forecast's rate). */
  recentUsd: number;
  recentDays: number;
}

/**
 * The month's spend of every environment billed to one management account,
 * from one grouped read: by environment name (the cost-allocation tag's
 * value), then by linked account. Spend without the tag is `untaggedUsd`
 * and belongs to no environment.
 */
export interface FleetCosts {
  /** The first and the last day read (ISO dates). */
  period: { start: string; end: string };
  /** Days left in the month after `period.end`. */
  daysLeft: number;
  byEnvironment: Record<string, Record<string, AccountSpend>>;
  untaggedUsd: number;
  /**
   * Sandbox only: the month's forecast by environment, from the cost model
   * (the single cost view's number).
   */
  forecastByEnvironment?: Record<string, number>;
}

/** The alarms in ALARM in one workloads account and region. */
export interface FleetAlarms {
  /** Names of the alarms in ALARM (with the environments' common prefix). */
  firing: string[];
}

/**
 * Where the fleet's spend and alarms come from: one read per management
 * account (costs) and per workloads account and region (alarms), whatever
 * the number of environments in it.
 */
export interface FleetDataSource {
  readonly kind: DataSourceKind;
  /**
   * The month's spend of the environments billed to `managementAccount`.
   * `environments` are every live environment of this source billed there
   * (they name the linked accounts to read).
   */
  costs(
    managementAccount: string,
    environments: EnvironmentListItem[],
  ): Promise<FleetCosts>;
  /**
   * The alarms in ALARM of the environments in one workloads account and
   * region (every live environment of this source there).
   */
  firingAlarms(
    scope: { accountId: string; region: string },
    environments: EnvironmentListItem[],
  ): Promise<FleetAlarms>;
}

/** A scope's data with when it was read and whether it is a last good value. */
export interface FleetRead<T> {
  value?: T;
  fetchedAt?: string;
  stale: boolean;
  staleReason?: string;
}
