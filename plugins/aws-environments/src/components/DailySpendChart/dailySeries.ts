import type { DailySpend } from '@innovate/plugin-aws-environments-common';
import { formatDay, formatUsd } from '../../format';

/** One day of the chart: actual or forecast spend, and the running total. */
export interface DailyPoint {
  date: string;
  actualUsd: number | null;
  forecastUsd: number | null;
  cumulativeUsd: number;
}

/** Daily amounts with their running total for the month. */
export function dailySeries(daily: DailySpend[]): DailyPoint[] {
  let cumulative = 0;
  return [...daily]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(day => {
      cumulative += day.amountUsd;
      return {
        date: day.date,
        actualUsd: day.forecast ? null : day.amountUsd,
        forecastUsd: day.forecast ? day.amountUsd : null,
        cumulativeUsd: Math.round(cumulative * 100) / 100,
      };
    });
}

/** The chart in words: spend so far and the running total with the forecast. */
export function spendSummary(points: DailyPoint[], budgetUsd: number): string {
  if (points.length === 0) return 'No daily spend recorded yet.';
  const lastActual = [...points].reverse().find(p => p.actualUsd !== null);
  const last = points[points.length - 1];
  const spent = lastActual
    ? `Spend to ${formatDay(lastActual.date)}: ${formatUsd(
        lastActual.cumulativeUsd,
      )}.`
    : 'No spend recorded yet this month.';
  return `${spent} Running total with the forecast by ${formatDay(
    last.date,
  )}: ${formatUsd(last.cumulativeUsd)}, against a budget of ${formatUsd(
    budgetUsd,
  )}.`;
}
