import type {
  AlarmsView,
  ClusterView,
  CostView,
  DatabaseView,
  VersionLifecycle,
} from '@innovate/plugin-aws-environments-common';
import type { Finding } from './types';

/*
 * The guardrail rules: pure functions of the views and the time, each
 * returning the findings its rule makes, with the period that deduplicates
 * them (a notification per environment, kind and period).
 */

/** Month-to-date shares of the budget that are notified when crossed. */
export const BUDGET_THRESHOLDS = [0.8, 1] as const;
/** Days of history a day's spend is compared with. */
export const ANOMALY_WINDOW_DAYS = 14;
/** How many standard deviations above the trailing mean make an anomaly. */
export const ANOMALY_SIGMAS = 3;
/** The least a day must exceed the trailing mean by to count (USD). */
export const ANOMALY_MIN_EXCESS_USD = 10;
/** Days before extended support starts that a version is notified. */
export const LIFECYCLE_NOTICE_DAYS = 30;
/** How long an alarm must stay in ALARM to be notified. */
export const ALARM_MIN_MINUTES = 15;

const usd = (amount: number) => `$${amount.toFixed(2)}`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Forecast over budget, and month-to-date crossing 80 % and 100 % of it. */
export function budgetFindings(cost: CostView): Finding[] {
  const findings: Finding[] = [];
  const budget = cost.budget.amountUsd;
  const month = cost.period.start.slice(0, 7);
  if (budget <= 0) {
    return findings;
  }
  if (cost.forecastUsd !== null && cost.forecastUsd > budget) {
    findings.push({
      kind: 'forecast-over-budget',
      period: month,
      severity: 'high',
      title: `Forecast ${usd(cost.forecastUsd)} is over the ${usd(
        budget,
      )} budget`,
      description: `The forecast for ${month} is ${usd(
        cost.forecastUsd,
      )}, ${percent(
        cost.forecastUsd / budget,
      )} of the budget; month to date ${usd(
        cost.monthToDateUsd,
      )}. The cost view lists suggestions.`,
      view: 'cost',
    });
  }
  for (const threshold of BUDGET_THRESHOLDS) {
    if (cost.monthToDateUsd >= budget * threshold) {
      findings.push({
        kind: `budget-${Math.round(threshold * 100)}`,
        period: month,
        severity: threshold >= 1 ? 'critical' : 'high',
        title: `Month-to-date spend reached ${percent(
          threshold,
        )} of the budget`,
        description: `${usd(cost.monthToDateUsd)} spent in ${month} of a ${usd(
          budget,
        )} budget (${percent(cost.monthToDateUsd / budget)}).`,
        view: 'cost',
      });
    }
  }
  return findings;
}

function meanAndDeviation(values: number[]) {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance =
    values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, deviation: Math.sqrt(variance) };
}

/**
 * Days whose spend is above the trailing 14-day mean by more than three
 * standard deviations and by at least $10. Only complete days (before
 * `today`) with 14 days of history in the view are judged.
 */
export function anomalyFindings(cost: CostView, today: string): Finding[] {
  const actual = cost.daily.filter(d => !d.forecast && d.date < today);
  const findings: Finding[] = [];
  for (let i = ANOMALY_WINDOW_DAYS; i < actual.length; i++) {
    const day = actual[i];
    const trailing = actual
      .slice(i - ANOMALY_WINDOW_DAYS, i)
      .map(d => d.amountUsd);
    const { mean, deviation } = meanAndDeviation(trailing);
    const excess = day.amountUsd - mean;
    if (
      excess > ANOMALY_SIGMAS * deviation &&
      excess >= ANOMALY_MIN_EXCESS_USD
    ) {
      findings.push({
        kind: 'spend-anomaly',
        period: day.date,
        severity: 'high',
        title: `Unusual spend on ${day.date}: ${usd(day.amountUsd)}`,
        description: `${usd(day.amountUsd)} on ${day.date} is ${usd(
          excess,
        )} above the trailing ${ANOMALY_WINDOW_DAYS}-day mean of ${usd(
          mean,
        )} (standard deviation ${usd(deviation)}).`,
        view: 'cost',
      });
    }
  }
  return findings;
}

function lifecycleFinding(
  lifecycle: VersionLifecycle | null | undefined,
  view: 'cluster' | 'database',
  today: string,
): Finding[] {
  if (!lifecycle) {
    return [];
  }
  const product = lifecycle.kind === 'eks' ? 'Kubernetes' : 'PostgreSQL';
  const name = `${product} ${lifecycle.version}`;
  const cost =
    lifecycle.extendedExtraMonthlyUsd === null
      ? 'an extra charge per vCPU-hour'
      : `about ${usd(lifecycle.extendedExtraMonthlyUsd)} a month extra`;
  const next = lifecycle.nextVersion
    ? ` Next step: upgrade to ${product} ${lifecycle.nextVersion}.`
    : '';
  if (lifecycle.support === 'unsupported') {
    return [
      {
        kind: `${lifecycle.kind}-unsupported`,
        period: `${lifecycle.version}:${lifecycle.extendedSupportEnds}`,
        severity: 'critical',
        title: `${name} is past the end of extended support`,
        description: `${name}'s extended support ended on ${lifecycle.extendedSupportEnds}: AWS upgrades it on its own schedule.${next}`,
        view,
      },
    ];
  }
  if (lifecycle.support === 'extended') {
    return [
      {
        kind: `${lifecycle.kind}-extended-support`,
        period: `${lifecycle.version}:${lifecycle.standardSupportEnds}`,
        severity: 'high',
        title: `${name} is in extended support`,
        description: `${name} left standard support on ${lifecycle.standardSupportEnds} and costs ${cost} until upgraded (extended support ends ${lifecycle.extendedSupportEnds}).${next}`,
        view,
      },
    ];
  }
  const daysLeft = Math.round(
    (Date.parse(`${lifecycle.standardSupportEnds}T00:00:00Z`) -
      Date.parse(`${today}T00:00:00Z`)) /
      86_400_000,
  );
  if (
    lifecycle.support === 'ending-soon' &&
    daysLeft <= LIFECYCLE_NOTICE_DAYS
  ) {
    return [
      {
        kind: `${lifecycle.kind}-extended-support-soon`,
        period: `${lifecycle.version}:${lifecycle.standardSupportEnds}`,
        severity: 'normal',
        title: `${name} enters extended support within ${LIFECYCLE_NOTICE_DAYS} days`,
        description: `${name} leaves standard support on ${lifecycle.standardSupportEnds} (in ${daysLeft} days); after that it costs ${cost}.${next}`,
        view,
      },
    ];
  }
  return [];
}

/** Versions in extended support, or entering it within 30 days. */
export function lifecycleFindings(
  views: { cluster?: ClusterView; database?: DatabaseView },
  today: string,
): Finding[] {
  return [
    ...lifecycleFinding(views.cluster?.lifecycle, 'cluster', today),
    ...lifecycleFinding(views.database?.lifecycle, 'database', today),
  ];
}

/** Alarms in ALARM for longer than 15 minutes, once per ALARM episode. */
export function alarmFindings(alarms: AlarmsView, now: Date): Finding[] {
  return alarms.alarms.flatMap(alarm => {
    if (alarm.state !== 'ALARM' || !alarm.stateUpdatedAt) {
      return [];
    }
    const minutes = (now.getTime() - Date.parse(alarm.stateUpdatedAt)) / 60_000;
    if (!(minutes > ALARM_MIN_MINUTES)) {
      return [];
    }
    return [
      {
        kind: 'alarm',
        period: `${alarm.name}:${alarm.stateUpdatedAt}`,
        severity: 'critical',
        title: `Alarm ${alarm.name} has been in ALARM for ${Math.floor(
          minutes,
        )} minutes`,
        description: `${alarm.name} (${alarm.kind}) entered ALARM at ${
          alarm.stateUpdatedAt
        }${alarm.stateReason ? `: ${alarm.stateReason}` : ''}.`,
        view: 'alarms',
      },
    ];
  });
}
