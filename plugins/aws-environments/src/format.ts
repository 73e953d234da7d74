import { DateTime } from 'luxon';
import type { BudgetVerdict } from '@innovate/plugin-aws-environments-common';

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

const usdCents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 0,
});

/** `$430`: whole dollars, for budgets and monthly totals. */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** `$12.34`: dollars and cents, for daily amounts and small lines. */
export function formatUsdCents(amount: number): string {
  return usdCents.format(amount);
}

/** `92%` for a share of 0.92. */
export function formatPercent(share: number): string {
  return percent.format(share);
}

/** `3 minutes ago`, or `never` for a missing time. */
export function formatRelative(iso: string | null | undefined): string {
  if (!iso) {
    return 'never';
  }
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return iso;
  }
  return time.toRelative() ?? iso;
}

/**
 * `May 3, 2025, 2:05 PM EDT`: in the viewer's zone, named, because the
 * same pages show AWS's maintenance and backup windows in UTC.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return 'never';
  }
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' })
    : iso;
}

/**
 * `May 3` (or `May 3, 2025` with the year) for a `YYYY-MM-DD` day. It is a
 * calendar day (Cost Explorer's days are UTC days), so it is read and
 * written in UTC: the viewer's zone must not shift it to the day before.
 */
export function formatDay(isoDate: string, options: { year?: boolean } = {}) {
  const time = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (!time.isValid) {
    return isoDate;
  }
  return options.year
    ? time.toLocaleString(DateTime.DATE_MED)
    : time.toLocaleString({ month: 'short', day: 'numeric' });
}

/** `1 alarm`, `3 alarms`: a count with its noun in the right number. */
export function plural(count: number, noun: string, nounPlural = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}

const VERDICTS: Record<BudgetVerdict, string> = {
  under: 'within the budget',
  near: 'close to the budget',
  over: 'over the budget',
};

/** `over the budget`: a budget verdict in words, so no view says it by colour alone. */
export function formatVerdict(verdict: BudgetVerdict): string {
  return VERDICTS[verdict];
}
