import type { DailySpend } from '@innovate/plugin-aws-environments-common';

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
