import {
  Budget,
  BudgetsClient,
  DescribeBudgetCommand,
  NotFoundException,
} from '@aws-sdk/client-budgets';
import {
  CostExplorerClient,
  DataUnavailableException,
  Expression,
  GetCostForecastCommand,
  GetCostForecastCommandOutput,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import {
  budgetVerdict,
  CostEstimate,
  CostView,
  DailySpend,
} from '@innovate/plugin-aws-environments-common';
import { DateTime } from 'luxon';
import { malformed } from '../../../errors';
import { GLOBAL_BILLING_REGION } from '../../AwsClients/types';
import { budgetName } from '../environmentParts';
import { roundUsd } from '../costMath';
import type { DeployedEnvironment, ViewData } from '../types';
import {
  AwsCallContext,
  awsErrorName,
  callAws,
  callAwsOptional,
} from './awsErrors';
import { collectPages, paginateGetCostAndUsage } from './pagination';

/** Cost Explorer's answers when an account has too little history to forecast. */
function isNoForecast(error: unknown): boolean {
  return (
    error instanceof DataUnavailableException ||
    // Not modeled by the Cost Explorer client: matched by name and message.
    (awsErrorName(error) === 'ValidationException' &&
      /insufficient|not enough|no data/i.test(
        String((error as Error | null)?.message),
      ))
  );
}

export interface CostViewOptions {
  now: DateTime;
  /** Cost allocation tag carrying the environment name. */
  costAllocationTag: string;
  estimate: CostEstimate;
}

function amountOf(
  value: { Amount?: string; Unit?: string } | undefined,
  call: string,
  field: string,
): number {
  const amount = Number(value?.Amount);
  if (value?.Amount === undefined || !Number.isFinite(amount)) {
    throw malformed(call, `${field}.Amount`);
  }
  if (value.Unit !== undefined && value.Unit !== 'USD') {
    throw malformed(call, `${field}.Unit (expected USD, got ${value.Unit})`);
  }
  return amount;
}

/** The month of the view: from its first day up to and including today. */
function monthOf(now: DateTime) {
  const utc = now.setZone('utc');
  const monthStart = utc.startOf('month');
  const today = utc.startOf('day');
  return {
    monthStart,
    today,
    tomorrow: today.plus({ days: 1 }),
    nextMonth: monthStart.plus({ months: 1 }),
  };
}

type Month = ReturnType<typeof monthOf>;

/** The Cost Explorer and Budgets calls of one environment's cost view. */
function costCalls(
  environment: DeployedEnvironment,
  clients: { costExplorer: CostExplorerClient; budgets: BudgetsClient },
  costAllocationTag: string,
  month: Month,
) {
  const accountId = environment.spec.accounts.management;
  const context = (action: string, resource: string): AwsCallContext => ({
    action,
    accountId,
    region: GLOBAL_BILLING_REGION,
    accountRole: 'management',
    resource,
  });
  const filter: Expression = {
    Tags: {
      Key: costAllocationTag,
      Values: [environment.name],
      MatchOptions: ['EQUALS'],
    },
  };
  const costsOf = `costs tagged ${costAllocationTag}=${environment.name}`;
  const name = budgetName(environment);
  const { monthStart, tomorrow, nextMonth } = month;
  return {
    budgetName: name,
    costAndUsage: (): Promise<ResultByTime[]> =>
      callAws(context('ce:GetCostAndUsage', costsOf), () =>
        collectPages(
          paginateGetCostAndUsage(clients.costExplorer, {
            // End is exclusive: up to and including today.
            TimePeriod: {
              Start: monthStart.toISODate()!,
              End: tomorrow.toISODate()!,
            },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
            GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
            Filter: filter,
          }),
          page => {
            if (!page.ResultsByTime) {
              throw malformed('ce:GetCostAndUsage', 'ResultsByTime');
            }
            return page.ResultsByTime;
          },
        ),
      ),
    // On the last day of the month there is nothing left to forecast
    // (undefined); null when Cost Explorer has too little history.
    forecast: async (): Promise<
      GetCostForecastCommandOutput | null | undefined
    > =>
      tomorrow < nextMonth
        ? callAwsOptional(
            context('ce:GetCostForecast', costsOf),
            () =>
              clients.costExplorer.send(
                new GetCostForecastCommand({
                  TimePeriod: {
                    Start: tomorrow.toISODate()!,
                    End: nextMonth.toISODate()!,
                  },
                  Metric: 'UNBLENDED_COST',
                  Granularity: 'DAILY',
                  Filter: filter,
                }),
              ),
            isNoForecast,
          ).then(out => out ?? null)
        : undefined,
    // No budget in AWS Budgets: the spec's amount is the budget.
    budget: async (): Promise<Budget | undefined> =>
      callAwsOptional(
        context('budgets:ViewBudget', `budget ${name}`),
        () =>
          clients.budgets.send(
            new DescribeBudgetCommand({
              AccountId: accountId,
              BudgetName: name,
            }),
          ),
        error => error instanceof NotFoundException,
      ).then(out => out?.Budget),
  };
}

export async function fetchCostView(
  environment: DeployedEnvironment,
  clients: { costExplorer: CostExplorerClient; budgets: BudgetsClient },
  options: CostViewOptions,
): Promise<ViewData<CostView>> {
  const month = monthOf(options.now);
  const calls = costCalls(
    environment,
    clients,
    options.costAllocationTag,
    month,
  );
  const [results, forecast, budget] = await Promise.all([
    calls.costAndUsage(),
    calls.forecast(),
    calls.budget(),
  ]);

  const actual = sumActuals(results, month);
  const daily: DailySpend[] = [...actual.daily.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, amount]) => ({
      date,
      amountUsd: roundUsd(amount),
      forecast: false,
    }));
  const monthToDateUsd = roundUsd(
    [...actual.daily.values()].reduce((sum, amount) => sum + amount, 0),
  );
  const forecastUsd = forecastTotal(forecast, monthToDateUsd, daily);
  const budgetAmount = budget
    ? budgetLimit(budget, calls.budgetName)
    : environment.spec.budget.monthlyUsd;

  return {
    currency: 'USD',
    period: {
      start: month.monthStart.toISODate()!,
      end: month.today.toISODate()!,
    },
    monthToDateUsd,
    forecastUsd,
    budget: { amountUsd: budgetAmount, from: budget ? 'budgets' : 'spec' },
    verdict: budgetVerdict(forecastUsd ?? monthToDateUsd, budgetAmount),
    byService: [...actual.byService.entries()]
      .map(([service, amount]) => ({ service, amountUsd: roundUsd(amount) }))
      .sort((a, b) => b.amountUsd - a.amountUsd),
    daily,
    estimate: options.estimate,
  };
}

/** The month's costs so far, per service and per day. */
function sumActuals(results: ResultByTime[], month: Month) {
  const byService = new Map<string, number>();
  const daily = new Map<string, number>();
  for (const result of results) {
    const date = result.TimePeriod?.Start;
    if (!date || !DateTime.fromISO(date).isValid) {
      throw malformed('ce:GetCostAndUsage', 'ResultsByTime[].TimePeriod.Start');
    }
    if (
      date < month.monthStart.toISODate()! ||
      date > month.today.toISODate()!
    ) {
      throw malformed(
        'ce:GetCostAndUsage',
        `ResultsByTime[].TimePeriod.Start (${date} is outside the month asked for)`,
      );
    }
    let day = 0;
    for (const group of result.Groups ?? []) {
      const service = group.Keys?.[0];
      if (!service) {
        throw malformed('ce:GetCostAndUsage', 'ResultsByTime[].Groups[].Keys');
      }
      const amount = amountOf(
        group.Metrics?.UnblendedCost,
        'ce:GetCostAndUsage',
        'ResultsByTime[].Groups[].Metrics.UnblendedCost',
      );
      day += amount;
      byService.set(service, (byService.get(service) ?? 0) + amount);
    }
    daily.set(date, (daily.get(date) ?? 0) + day);
  }
  return { byService, daily };
}

/**
 * The month's forecast total (null without a forecast; the month to date
 * on its last day), adding the forecast days to `daily`.
 */
function forecastTotal(
  forecast: GetCostForecastCommandOutput | null | undefined,
  monthToDateUsd: number,
  daily: DailySpend[],
): number | null {
  if (forecast === null) {
    return null;
  }
  if (forecast === undefined) {
    return monthToDateUsd;
  }
  for (const result of forecast.ForecastResultsByTime ?? []) {
    const date = result.TimePeriod?.Start;
    const mean = Number(result.MeanValue);
    if (!date || !Number.isFinite(mean)) {
      throw malformed(
        'ce:GetCostForecast',
        'ForecastResultsByTime[].MeanValue',
      );
    }
    daily.push({ date, amountUsd: roundUsd(mean), forecast: true });
  }
  return roundUsd(
    monthToDateUsd + amountOf(forecast.Total, 'ce:GetCostForecast', 'Total'),
  );
}

function budgetLimit(budget: Budget, name: string): number {
  if (budget.BudgetName !== name) {
    throw malformed('budgets:DescribeBudget', 'Budget.BudgetName');
  }
  return amountOf(
    budget.BudgetLimit,
    'budgets:DescribeBudget',
    'Budget.BudgetLimit',
  );
}
