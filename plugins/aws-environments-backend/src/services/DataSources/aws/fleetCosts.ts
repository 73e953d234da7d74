import type {
  CostExplorerClient,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { DateTime } from 'luxon';
import { malformed } from '../../../errors';
import { GLOBAL_BILLING_REGION } from '../../AwsClients/types';
import type { AccountSpend, FleetCosts } from '../../Fleet/types';
import { callAws } from './awsErrors';
import { collectPages, paginateGetCostAndUsage } from './pagination';

/**
 * Complete days (before today) of the daily series the forecast's rate is
 * the mean of.
 */
export const FORECAST_RATE_DAYS = 7;

const CALL = 'ce:GetCostAndUsage';

/**
 * Cost Explorer's key of a tag group: `<tag>$<value>`, `<tag>$` for costs
 * without the tag (the untagged remainder, which is no environment's).
 */
function tagValueOf(key: string | undefined, tag: string): string {
  const prefix = `${tag}$`;
  if (!key?.startsWith(prefix)) {
    throw malformed(CALL, `ResultsByTime[].Groups[].Keys[0] (${key})`);
  }
  return key.slice(prefix.length);
}

function amountOf(value: { Amount?: string; Unit?: string } | undefined) {
  const amount = Number(value?.Amount);
  if (value?.Amount === undefined || !Number.isFinite(amount)) {
    throw malformed(CALL, 'ResultsByTime[].Groups[].Metrics.UnblendedCost');
  }
  if (value.Unit !== undefined && value.Unit !== 'USD') {
    throw malformed(
      CALL,
      `ResultsByTime[].Groups[].Metrics.UnblendedCost.Unit (expected USD, got ${value.Unit})`,
    );
  }
  return amount;
}

/** Daily amounts by environment (tag value), then account, then date. */
type DailyByTag = Map<string, Map<string, Map<string, number>>>;

function sumByTag(results: ResultByTime[], tag: string) {
  const byTag: DailyByTag = new Map();
  let untaggedUsd = 0;
  for (const result of results) {
    const date = result.TimePeriod?.Start;
    if (!date || !DateTime.fromISO(date).isValid) {
      throw malformed(CALL, 'ResultsByTime[].TimePeriod.Start');
    }
    for (const group of result.Groups ?? []) {
      const value = tagValueOf(group.Keys?.[0], tag);
      const amount = amountOf(group.Metrics?.UnblendedCost);
      if (value === '') {
        untaggedUsd += amount;
        continue;
      }
      const account = group.Keys?.[1];
      if (!account) {
        throw malformed(CALL, 'ResultsByTime[].Groups[].Keys[1]');
      }
      const accounts = byTag.get(value) ?? new Map();
      byTag.set(value, accounts);
      const days = accounts.get(account) ?? new Map<string, number>();
      accounts.set(account, days);
      days.set(date, (days.get(date) ?? 0) + amount);
    }
  }
  return { byTag, untaggedUsd };
}

/**
 * Month to date (today's partial day included) and the recent rate of one
 * daily series: the spend of the complete days in `[rateStart, today)`.
 * Today is never part of the rate: its day is not over, and Cost
 * Explorer's latest day is still being filled in.
 */
function spendOf(
  days: Map<string, number>,
  rateStart: string,
  today: string,
): Omit<AccountSpend, 'recentDays'> {
  let monthToDateUsd = 0;
  let recentUsd = 0;
  for (const [date, amount] of days) {
    monthToDateUsd += amount;
    if (date >= rateStart && date < today) {
      recentUsd += amount;
    }
  }
  return { monthToDateUsd, recentUsd };
}

/**
 * The month's spend of every environment billed to one management account,
 * in one Cost Explorer request (and its further pages): daily unblended
 * cost from the first of the month up to and including today, grouped by
 * the environment cost-allocation tag and the linked account, and filtered
 * to the environments' accounts, so a tag in another account cannot
 * inflate an environment.
 */
export async function fetchFleetCosts(
  costExplorer: CostExplorerClient,
  options: {
    managementAccount: string;
    /** The linked accounts the environments run in. */
    accounts: string[];
    costAllocationTag: string;
    now: DateTime;
  },
): Promise<FleetCosts> {
  const utc = options.now.setZone('utc');
  const monthStart = utc.startOf('month');
  const today = utc.startOf('day');
  const tag = options.costAllocationTag;
  const results = await callAws(
    {
      action: CALL,
      accountId: options.managementAccount,
      region: GLOBAL_BILLING_REGION,
      accountRole: 'management',
      // Not the accounts: they may be of environments the reader may not see.
      resource: `costs by tag ${tag} of the environments billed to it`,
    },
    () =>
      collectPages(
        paginateGetCostAndUsage(costExplorer, {
          // End is exclusive: up to and including today.
          TimePeriod: {
            Start: monthStart.toISODate()!,
            End: today.plus({ days: 1 }).toISODate()!,
          },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          GroupBy: [
            { Type: 'TAG', Key: tag },
            { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          ],
          Filter: {
            Dimensions: {
              Key: 'LINKED_ACCOUNT',
              Values: options.accounts,
              MatchOptions: ['EQUALS'],
            },
          },
        }),
        page => {
          if (!page.ResultsByTime) {
            throw malformed(CALL, 'ResultsByTime');
          }
          return page.ResultsByTime;
        },
      ),
  );
  const { byTag, untaggedUsd } = sumByTag(results, tag);
  const end = today.toISODate()!;
  // The complete days of the month before today, at most the last
  // FORECAST_RATE_DAYS: none on the 1st (no rate, so no forecast).
  const recentDays = Math.min(
    FORECAST_RATE_DAYS,
    Math.round(today.diff(monthStart, 'days').days),
  );
  const rateStart = today.minus({ days: recentDays }).toISODate()!;
  const byEnvironment: FleetCosts['byEnvironment'] = {};
  for (const [value, accounts] of byTag) {
    byEnvironment[value] = {};
    for (const [account, days] of accounts) {
      byEnvironment[value][account] = {
        ...spendOf(days, rateStart, end),
        recentDays,
      };
    }
  }
  return {
    period: { start: monthStart.toISODate()!, end },
    daysLeft: Math.round(
      monthStart.plus({ months: 1 }).diff(today.plus({ days: 1 }), 'days').days,
    ),
    byEnvironment,
    untaggedUsd,
  };
}
