import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import {
  defaultEnvironmentSpec,
  ENVIRONMENT_COST_ALLOCATION_TAG,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import type { EnvironmentListItem } from '../../EnvironmentRegistry/types';
import { spendOf } from '../../Fleet/fleetEntries';
import { SandboxDataSource } from '../sandbox/SandboxDataSource';
import { SandboxFleetSource } from '../sandbox/sandboxFleet';
import { fetchFleetCosts, FORECAST_RATE_DAYS } from './fleetCosts';

const TAG = ENVIRONMENT_COST_ALLOCATION_TAG;
const MANAGEMENT = '111111111111';
const WORKLOADS = '222222222222';

const prod: EnvironmentListItem = {
  name: 'prod',
  owner: 'group:default/platform-team',
  source: 'aws',
  status: 'deployed',
  spec: {
    ...defaultEnvironmentSpec(),
    name: 'prod',
    accounts: { workloads: WORKLOADS, management: MANAGEMENT },
  },
  outputs: {},
  lastDeploymentId: 'd-prod',
  createdAt: '2025-10-01T00:00:00.000Z',
  updatedAt: '2025-10-01T00:00:00.000Z',
};

/** One day of GetCostAndUsage grouped by TAG and LINKED_ACCOUNT: prod's spend. */
function day(date: string, amount: number): ResultByTime {
  const end = DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 });
  return {
    TimePeriod: { Start: date, End: end.toISODate()! },
    Total: {},
    Groups: [
      {
        Keys: [`${TAG}$prod`, WORKLOADS],
        Metrics: {
          UnblendedCost: { Amount: amount.toFixed(2), Unit: 'USD' },
        },
      },
    ],
    Estimated: true,
  };
}

/** The month's days from the 1st up to and including `today`, by `amountOn`. */
function monthUpTo(today: string, amountOn: (date: string) => number) {
  const end = DateTime.fromISO(today, { zone: 'utc' });
  const days: ResultByTime[] = [];
  for (let d = end.startOf('month'); d <= end; d = d.plus({ days: 1 })) {
    days.push(day(d.toISODate()!, amountOn(d.toISODate()!)));
  }
  return days;
}

async function readAt(now: string, results: ResultByTime[]) {
  const ce = mockClient(CostExplorerClient);
  ce.on(GetCostAndUsageCommand).resolves({
    ResultsByTime: results,
    DimensionValueAttributes: [],
  });
  const costs = await fetchFleetCosts(new CostExplorerClient({}), {
    managementAccount: MANAGEMENT,
    accounts: [MANAGEMENT, WORKLOADS],
    costAllocationTag: TAG,
    now: DateTime.fromISO(now),
  });
  return { ce, costs };
}

describe('fetchFleetCosts: the forecast rate', () => {
  it('on the 1st reads today for the month to date but has no rate and no forecast', async () => {
    // Only today's first hours are in Cost Explorer.
    const { ce, costs } = await readAt('2025-12-01T10:00:00Z', [
      day('2025-12-01', 3),
    ]);

    expect(
      ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input,
    ).toMatchObject({
      TimePeriod: { Start: '2025-12-01', End: '2025-12-02' },
      Granularity: 'DAILY',
    });
    expect(costs.period).toEqual({ start: '2025-12-01', end: '2025-12-01' });
    expect(costs.daysLeft).toBe(30);
    expect(costs.byEnvironment.prod[WORKLOADS]).toEqual({
      monthToDateUsd: 3,
      recentUsd: 0,
      recentDays: 0,
    });
    // Not 3 + 3 * 30 (ten hours' spend as a day's rate): no forecast yet.
    expect(spendOf(costs, prod)).toEqual({
      monthToDateUsd: 3,
      forecastUsd: null,
    });
  });

  it('on the 2nd takes the rate from the 1st only', async () => {
    const { costs } = await readAt('2025-12-02T06:00:00Z', [
      day('2025-12-01', 24),
      day('2025-12-02', 6),
    ]);

    expect(costs.byEnvironment.prod[WORKLOADS]).toEqual({
      monthToDateUsd: 30,
      recentUsd: 24,
      recentDays: 1,
    });
    // 30 so far + 24 a day for the 29 days after today.
    expect(spendOf(costs, prod).forecastUsd).toBe(30 + 24 * 29);
  });

  it('mid-month takes the rate from the 7 complete days before today, not today', async () => {
    // 1 a day until the 12th, 10 a day from the 13th to the 19th, and
    // today (the 20th) 2 so far.
    const amountOn = (date: string) => {
      if (date === '2025-11-20') return 2;
      return date >= '2025-11-13' ? 10 : 1;
    };
    const { ce, costs } = await readAt(
      '2025-11-20T12:00:00Z',
      monthUpTo('2025-11-20', amountOn),
    );

    expect(
      ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input.TimePeriod,
    ).toEqual({ Start: '2025-11-01', End: '2025-11-21' });
    expect(costs.daysLeft).toBe(10);
    expect(costs.byEnvironment.prod[WORKLOADS]).toEqual({
      monthToDateUsd: 12 * 1 + 7 * 10 + 2,
      recentUsd: 7 * 10,
      recentDays: FORECAST_RATE_DAYS,
    });
    // 84 so far + 10 a day for the 10 days left (today's 2 would pull the
    // rate down to 62 / 7).
    expect(spendOf(costs, prod)).toEqual({
      monthToDateUsd: 84,
      forecastUsd: 184,
    });
  });

  it('counts a complete day without spend in the rate', async () => {
    // Cost Explorer answers the 18th with no groups: nothing was spent.
    const results = monthUpTo('2025-11-20', () => 7).map(result =>
      result.TimePeriod?.Start === '2025-11-18'
        ? { ...result, Groups: [] }
        : result,
    );
    const { costs } = await readAt('2025-11-20T12:00:00Z', results);

    expect(costs.byEnvironment.prod[WORKLOADS].recentUsd).toBe(6 * 7);
    expect(costs.byEnvironment.prod[WORKLOADS].recentDays).toBe(7);
  });

  it('on the last day of the month the forecast is the month to date', async () => {
    const { costs } = await readAt(
      '2025-11-30T23:00:00Z',
      monthUpTo('2025-11-30', () => 5),
    );

    expect(costs.daysLeft).toBe(0);
    expect(spendOf(costs, prod)).toEqual({
      monthToDateUsd: 150,
      forecastUsd: 150,
    });
  });
});

describe('SandboxFleetSource: the same rule', () => {
  const sandboxProd: EnvironmentListItem = { ...prod, source: 'sandbox' };
  const estimate = (e: { spec: EnvironmentListItem['spec'] }) =>
    estimateFromSpec(e.spec);

  async function readSandboxAt(now: string) {
    const at = () => new Date(now);
    const costs = await new SandboxFleetSource({ now: at, estimate }).costs(
      MANAGEMENT,
      [sandboxProd],
    );
    const view = await new SandboxDataSource({ now: at, estimate }).getView(
      'cost',
      { ...sandboxProd, stacks: [], entities: null, checks: null },
    );
    return { costs, view };
  }

  it.each([['2025-12-01T10:00:00Z'], ['2025-11-20T12:00:00Z']])(
    'at %s rates complete days only and forecasts as the single cost view',
    async now => {
      const { costs, view } = await readSandboxAt(now);
      const actual = view.daily.filter(d => !d.forecast);
      const before = actual.slice(0, -1).slice(-FORECAST_RATE_DAYS);

      expect(actual[actual.length - 1].date).toBe(now.slice(0, 10));
      expect(costs.byEnvironment.prod[WORKLOADS].recentDays).toBe(
        before.length,
      );
      expect(costs.byEnvironment.prod[WORKLOADS].recentUsd).toBeCloseTo(
        before.reduce((sum, d) => sum + d.amountUsd, 0),
        6,
      );
      expect(spendOf(costs, sandboxProd)).toEqual({
        monthToDateUsd: view.monthToDateUsd,
        forecastUsd: view.forecastUsd,
      });
    },
  );

  it('has no complete day on the 1st', async () => {
    const { costs } = await readSandboxAt('2025-12-01T10:00:00Z');
    expect(costs.byEnvironment.prod[WORKLOADS].recentDays).toBe(0);
  });
});
