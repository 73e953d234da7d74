import { DateTime } from 'luxon';

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

/** `May 3, 2025, 2:05 PM` in the viewer's zone, for titles and tooltips. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return 'never';
  }
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** `May 3` for a `YYYY-MM-DD` day. */
export function formatDay(isoDate: string): string {
  const time = DateTime.fromISO(isoDate);
  return time.isValid
    ? time.toLocaleString({ month: 'short', day: 'numeric' })
    : isoDate;
}
