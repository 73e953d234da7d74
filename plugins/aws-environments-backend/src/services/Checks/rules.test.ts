import {
  lifecycleOf,
  type AlarmsView,
  type CostView,
} from '@innovate/plugin-aws-environments-common';
import {
  alarmFindings,
  anomalyFindings,
  budgetFindings,
  lifecycleFindings,
} from './rules';

const dayAfter = (from: string, offset: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);

function cost(
  overrides: Partial<Pick<CostView, 'monthToDateUsd' | 'forecastUsd'>> & {
    daily?: number[];
    /** The first day of `daily`; the view's month starts on 2026-11-01. */
    dailyFrom?: string;
  } = {},
): CostView {
  const daily = (overrides.daily ?? []).map((amountUsd, i) => ({
    date: dayAfter(overrides.dailyFrom ?? '2026-11-01', i),
    amountUsd,
    forecast: false,
  }));
  // Only the fields the rules read matter; the rest is the view's shape.
  return {
    source: 'sandbox',
    fetchedAt: '2026-11-30T12:00:00Z',
    stale: false,
    currency: 'USD',
    period: { start: '2026-11-01', end: '2026-11-30' },
    monthToDateUsd: overrides.monthToDateUsd ?? 100,
    forecastUsd: overrides.forecastUsd ?? 200,
    budget: { amountUsd: 430, from: 'spec' },
    byService: [],
    daily,
  } as unknown as CostView;
}

const kinds = (findings: { kind: string }[]) => findings.map(f => f.kind);

describe('budget rules', () => {
  it('notifies a forecast above the budget, not one equal to it', () => {
    expect(kinds(budgetFindings(cost({ forecastUsd: 430 })))).toEqual([]);
    expect(budgetFindings(cost({ forecastUsd: 430.01 }))).toEqual([
      expect.objectContaining({
        kind: 'forecast-over-budget',
        period: '2026-11',
        view: 'cost',
        severity: 'high',
      }),
    ]);
  });

  it('notifies month-to-date at 80 % and at 100 % of the budget', () => {
    expect(kinds(budgetFindings(cost({ monthToDateUsd: 343.99 })))).toEqual([]);
    expect(kinds(budgetFindings(cost({ monthToDateUsd: 344 })))).toEqual([
      'budget-80',
    ]);
    expect(kinds(budgetFindings(cost({ monthToDateUsd: 429.99 })))).toEqual([
      'budget-80',
    ]);
    expect(
      kinds(budgetFindings(cost({ monthToDateUsd: 430, forecastUsd: 430 }))),
    ).toEqual(['budget-80', 'budget-100']);
  });

  it('ignores a forecast that is unknown', () => {
    expect(kinds(budgetFindings(cost({ forecastUsd: null })))).toEqual([]);
  });
});

describe('the anomaly rule', () => {
  const flat = Array.from({ length: 14 }, () => 10);

  it('needs at least $10 above the trailing 14-day mean', () => {
    expect(
      anomalyFindings(cost({ daily: [...flat, 19.99] }), '2026-11-30'),
    ).toEqual([]);
    expect(
      anomalyFindings(cost({ daily: [...flat, 20] }), '2026-11-30'),
    ).toEqual([
      expect.objectContaining({ kind: 'spend-anomaly', period: '2026-11-15' }),
    ]);
  });

  it('needs more than three standard deviations', () => {
    // Mean 20, standard deviation 10: the bar is above 50.
    const swinging = Array.from({ length: 14 }, (_, i) => (i % 2 ? 30 : 10));
    expect(
      anomalyFindings(cost({ daily: [...swinging, 50] }), '2026-11-30'),
    ).toEqual([]);
    expect(
      kinds(
        anomalyFindings(cost({ daily: [...swinging, 50.01] }), '2026-11-30'),
      ),
    ).toEqual(['spend-anomaly']);
  });

  it('judges only the latest complete day', () => {
    // 2026-11-15 is today: not complete yet.
    expect(
      anomalyFindings(cost({ daily: [...flat, 100] }), '2026-11-15'),
    ).toEqual([]);
    // The spike of the 15th was the latest complete day on the 16th, not on the 17th.
    expect(
      kinds(anomalyFindings(cost({ daily: [...flat, 100] }), '2026-11-16')),
    ).toEqual(['spend-anomaly']);
    expect(
      anomalyFindings(cost({ daily: [...flat, 100, 10] }), '2026-11-17'),
    ).toEqual([]);
  });

  it('needs 7 days of history when the view has this month only: judges from the 8th', () => {
    // On the 8th, the 7th has 6 days before it.
    expect(
      anomalyFindings(cost({ daily: [...flat.slice(8), 100] }), '2026-11-08'),
    ).toEqual([]);
    // On the 9th, the 8th has 7: judged with those.
    const [finding] = anomalyFindings(
      cost({ daily: [...flat.slice(7), 100] }),
      '2026-11-09',
    );
    expect(finding).toMatchObject({ period: '2026-11-08' });
    expect(finding.description).toContain('mean of the 7 days before it');
  });

  it('on day 3, judges nothing with this month only, and the 2nd with last month’s days', () => {
    expect(anomalyFindings(cost({ daily: [10, 100] }), '2026-11-03')).toEqual(
      [],
    );
    // The view carries 2026-10-19 … 2026-11-02: the 2nd has 14 days before it.
    const [finding] = anomalyFindings(
      cost({ daily: [...flat, 100], dailyFrom: '2026-10-19' }),
      '2026-11-03',
    );
    expect(finding).toMatchObject({
      kind: 'spend-anomaly',
      period: '2026-11-02',
    });
    expect(finding.description).toContain('mean of the 14 days before it');
  });

  it('on day 20, judges the 19th with the 14 days before it, not older ones', () => {
    // The 1st–4th are outside the window of the 19th: their swings do not count.
    const month = [500, 0, 500, 0, ...flat, 20];
    const [finding] = anomalyFindings(cost({ daily: month }), '2026-11-20');
    expect(finding).toMatchObject({
      period: '2026-11-19',
      title: 'Unusual spend on 2026-11-19: $20.00',
    });
    expect(finding.description).toContain(
      '$10.00 above the mean of the 14 days before it, $10.00',
    );
    expect(
      anomalyFindings(
        cost({ daily: [...month.slice(0, -1), 19.99] }),
        '2026-11-20',
      ),
    ).toEqual([]);
  });
});

describe('the lifecycle rule', () => {
  const cluster = (day: string) => ({
    cluster: {
      lifecycle: lifecycleOf('eks', '1.34', new Date(`${day}T12:00:00Z`)),
    } as never,
  });

  it('notifies a version 30 days before it enters extended support, not 31', () => {
    // 1.34 leaves standard support on 2026-12-02.
    expect(lifecycleFindings(cluster('2026-11-01'), '2026-11-01')).toEqual([]);
    expect(lifecycleFindings(cluster('2026-11-02'), '2026-11-02')).toEqual([
      expect.objectContaining({
        kind: 'eks-extended-support-soon',
        period: '1.34:2026-12-02',
        view: 'cluster',
      }),
    ]);
  });

  it('notifies a version in extended support with its extra cost', () => {
    const [finding] = lifecycleFindings(cluster('2026-12-02'), '2026-12-02');
    expect(finding).toMatchObject({
      kind: 'eks-extended-support',
      period: '1.34:2026-12-02',
      severity: 'high',
    });
    expect(finding.description).toContain('about $365.00 a month extra');
    expect(finding.description).toContain(
      'Next step: upgrade to Kubernetes 1.35',
    );
  });

  it('notifies a version past the end of extended support as critical', () => {
    expect(lifecycleFindings(cluster('2027-12-01'), '2027-12-01')).toEqual([
      expect.objectContaining({ kind: 'eks-extended-support' }),
    ]);
    expect(lifecycleFindings(cluster('2027-12-02'), '2027-12-02')).toEqual([
      expect.objectContaining({
        kind: 'eks-unsupported',
        period: '1.34:2027-12-02',
        severity: 'critical',
      }),
    ]);
  });

  it('counts an RDS version’s days to the day its Extended Support is charged', () => {
    // PostgreSQL 15's standard support ends 2028-02-29; RDS charges from 2028-03-01.
    const database = (on: string) => ({
      database: {
        lifecycle: lifecycleOf(
          'rds-postgres',
          '15',
          new Date(`${on}T12:00:00Z`),
          { vcpus: 2 },
        ),
      } as never,
    });
    expect(lifecycleFindings(database('2028-01-30'), '2028-01-30')).toEqual([]);
    const [soon] = lifecycleFindings(database('2028-01-31'), '2028-01-31');
    expect(soon).toMatchObject({
      kind: 'rds-postgres-extended-support-soon',
      period: '15:2028-02-29',
      view: 'database',
    });
    expect(soon.description).toContain(
      'extended support is charged from 2028-03-01 (in 30 days)',
    );
    expect(lifecycleFindings(database('2028-02-29'), '2028-02-29')).toEqual([
      expect.objectContaining({ kind: 'rds-postgres-extended-support-soon' }),
    ]);
    expect(lifecycleFindings(database('2028-03-01'), '2028-03-01')).toEqual([
      expect.objectContaining({ kind: 'rds-postgres-extended-support' }),
    ]);
  });

  it('says nothing of versions the calendar does not know', () => {
    expect(
      lifecycleFindings(
        { cluster: { lifecycle: null } as never },
        '2026-11-30',
      ),
    ).toEqual([]);
  });
});

describe('the alarm rule', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const alarms = (state: string, stateUpdatedAt: string): AlarmsView =>
    ({
      alarms: [
        {
          name: 'innovate-prod-api-error-rate',
          kind: 'error-rate',
          state,
          threshold: 1,
          comparisonOperator: 'GreaterThanThreshold',
          stateUpdatedAt,
        },
      ],
    } as unknown as AlarmsView);

  it('notifies an alarm in ALARM for more than 15 minutes', () => {
    expect(alarmFindings(alarms('ALARM', '2026-11-30T11:45:00Z'), now)).toEqual(
      [],
    );
    expect(alarmFindings(alarms('ALARM', '2026-11-30T11:44:59Z'), now)).toEqual(
      [
        expect.objectContaining({
          kind: 'alarm',
          period: 'innovate-prod-api-error-rate:2026-11-30T11:44:59.000Z',
          view: 'alarms',
          severity: 'critical',
        }),
      ],
    );
  });

  it('keeps one key for an episode, however its start is written', () => {
    const periods = [
      '2026-11-30T11:00:00Z',
      '2026-11-30T11:00:00.000Z',
      '2026-11-30T12:00:00.000+01:00',
    ].map(at => alarmFindings(alarms('ALARM', at), now)[0].period);
    expect(new Set(periods)).toEqual(
      new Set(['innovate-prod-api-error-rate:2026-11-30T11:00:00.000Z']),
    );
  });

  it('ignores alarms that are OK or lack data', () => {
    expect(alarmFindings(alarms('OK', '2026-11-30T10:00:00Z'), now)).toEqual(
      [],
    );
    expect(
      alarmFindings(alarms('INSUFFICIENT_DATA', '2026-11-30T10:00:00Z'), now),
    ).toEqual([]);
  });
});
