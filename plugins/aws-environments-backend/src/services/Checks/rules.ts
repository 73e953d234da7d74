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
/** Days of history a day's spend is compared with (at most). */
export const ANOMALY_WINDOW_DAYS = 14;
/**
 * The fewest days of history a day is judged with: a cost view of this
 * month only judges from its 8th day.
 */
export const ANOMALY_MIN_HISTORY_DAYS = 7;
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

const DAY_MS = 86_400_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * Whether the latest complete day's spend (the last day before `today` in
 * the view) is above the mean of the days before it by more than three
 * standard deviations and by at least $10. The history is the view's days
 * in the 14 calendar days before the judged day (across the month boundary
 * when the view has them); with fewer than
 * {@link ANOMALY_MIN_HISTORY_DAYS} of them the day is not judged, so a view
 * of this month only judges from the 8th. Only the latest complete day is
 * judged: each run reports what is new, not the month's history again.
 */
export function anomalyFindings(cost: CostView, today: string): Finding[] {
  const actual = cost.daily
    .filter(d => !d.forecast && d.date < today)
    .sort((a, b) => a.date.localeCompare(b.date));
  const day = actual[actual.length - 1];
  if (!day) {
    return [];
  }
  const from = addDays(day.date, -ANOMALY_WINDOW_DAYS);
  const trailing = actual
    .filter(d => d.date >= from && d.date < day.date)
    .map(d => d.amountUsd);
  if (trailing.length < ANOMALY_MIN_HISTORY_DAYS) {
    return [];
  }
  const { mean, deviation } = meanAndDeviation(trailing);
  const excess = day.amountUsd - mean;
  if (
    !(excess > ANOMALY_SIGMAS * deviation && excess >= ANOMALY_MIN_EXCESS_USD)
  ) {
    return [];
  }
  return [
    {
      kind: 'spend-anomaly',
      period: day.date,
      severity: 'high',
      title: `Unusual spend on ${day.date}: ${usd(day.amountUsd)}`,
      description: `${usd(day.amountUsd)} on ${day.date} is ${usd(
        excess,
      )} above the mean of the ${trailing.length} days before it, ${usd(
        mean,
      )} (standard deviation ${usd(deviation)}).`,
      view: 'cost',
    },
  ];
}

/**
 * The first day extended support is charged: EKS charges from the start of
 * its end-of-standard-support day, RDS from the day after it (as in
 * common's `lifecycleOf`).
 */
export function extendedSupportStarts(lifecycle: VersionLifecycle): string {
  return lifecycle.kind === 'rds-postgres'
    ? addDays(lifecycle.standardSupportEnds, 1)
    : lifecycle.standardSupportEnds;
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
  const charged = extendedSupportStarts(lifecycle);
  const daysLeft = Math.round(
    (Date.parse(`${charged}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      DAY_MS,
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
        description: `${name}'s standard support ends ${lifecycle.standardSupportEnds}; extended support is charged from ${charged} (in ${daysLeft} days) at ${cost}.${next}`,
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

/**
 * Alarms in ALARM for longer than 15 minutes, once per ALARM episode. The
 * episode is the alarm and the moment it entered its state (CloudWatch's
 * `StateTransitionedTimestamp`, as the alarms view's `stateUpdatedAt`, which
 * does not move while the alarm stays in ALARM), written in one form so that
 * the same episode keeps the same deduplication key.
 */
export function alarmFindings(alarms: AlarmsView, now: Date): Finding[] {
  return alarms.alarms.flatMap(alarm => {
    const since = alarm.stateUpdatedAt ? Date.parse(alarm.stateUpdatedAt) : NaN;
    if (alarm.state !== 'ALARM' || Number.isNaN(since)) {
      return [];
    }
    const minutes = (now.getTime() - since) / 60_000;
    if (!(minutes > ALARM_MIN_MINUTES)) {
      return [];
    }
    const enteredAt = new Date(since).toISOString();
    return [
      {
        kind: 'alarm',
        period: `${alarm.name}:${enteredAt}`,
        severity: 'critical',
        title: `Alarm ${alarm.name} has been in ALARM for ${Math.floor(
          minutes,
        )} minutes`,
        description: `${alarm.name} (${
          alarm.kind
        }) entered ALARM at ${enteredAt}${
          alarm.stateReason ? `: ${alarm.stateReason}` : ''
        }.`,
        view: 'alarms',
      },
    ];
  });
}
