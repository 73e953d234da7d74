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

function cost(
  overrides: Partial<Pick<CostView, 'monthToDateUsd' | 'forecastUsd'>> & {
    daily?: number[];
  } = {},
): CostView {
  const daily = (overrides.daily ?? []).map((amountUsd, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, '0')}`,
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

  it('judges only complete days with 14 days of history', () => {
    expect(
      anomalyFindings(cost({ daily: [...flat.slice(1), 100] }), '2026-11-30'),
    ).toEqual([]);
    // 2026-11-15 is today: not complete yet.
    expect(
      anomalyFindings(cost({ daily: [...flat, 100] }), '2026-11-15'),
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
          period: 'innovate-prod-api-error-rate:2026-11-30T11:44:59Z',
          view: 'alarms',
          severity: 'critical',
        }),
      ],
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
