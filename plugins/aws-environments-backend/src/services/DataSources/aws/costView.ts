import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import {
  CostExplorerClient,
  Expression,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
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
import { budgetName } from '../environmentParts';
import { roundUsd } from '../costMath';
import type { DeployedEnvironment, ViewData } from '../types';
import {
  AwsCallContext,
  awsErrorName,
  callAws,
  callAwsOptional,
} from './awsErrors';

/** Cost Explorer's answers when an account has too little history to forecast. */
function isNoForecast(error: unknown): boolean {
  const name = awsErrorName(error);
  return (
    name === 'DataUnavailableException' ||
    (name === 'ValidationException' &&
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

export async function fetchCostView(
  environment: DeployedEnvironment,
  clients: { costExplorer: CostExplorerClient; budgets: BudgetsClient },
  options: CostViewOptions,
): Promise<ViewData<CostView>> {
  const accountId = environment.spec.accounts.management;
  const context = (action: string, resource: string): AwsCallContext => ({
    action,
    accountId,
    region: 'us-east-1',
    accountRole: 'management',
    resource,
  });
  const now = options.now.setZone('utc');
  const monthStart = now.startOf('month');
  const today = now.startOf('day');
  const tomorrow = today.plus({ days: 1 });
  const nextMonth = monthStart.plus({ months: 1 });
  const filter: Expression = {
    Tags: {
      Key: options.costAllocationTag,
      Values: [environment.name],
      MatchOptions: ['EQUALS'],
    },
  };
  const costsOf = `costs tagged ${options.costAllocationTag}=${environment.name}`;
  const name = budgetName(environment);

  const [results, forecast, budget] = await Promise.all([
    (async () => {
      const pages: ResultByTime[] = [];
      let token: string | undefined;
      do {
        const pageToken = token;
        const out = await callAws(context('ce:GetCostAndUsage', costsOf), () =>
          clients.costExplorer.send(
            new GetCostAndUsageCommand({
              // End is exclusive: up to and including today.
              TimePeriod: {
                Start: monthStart.toISODate()!,
                End: tomorrow.toISODate()!,
              },
              Granularity: 'DAILY',
              Metrics: ['UnblendedCost'],
              GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
              Filter: filter,
              NextPageToken: pageToken,
            }),
          ),
        );
        if (!out.ResultsByTime) {
          throw malformed('ce:GetCostAndUsage', 'ResultsByTime');
        }
        pages.push(...out.ResultsByTime);
        token = out.NextPageToken;
      } while (token);
      return pages;
    })(),
    // On the last day of the month there is nothing left to forecast
    // (undefined); null when Cost Explorer has too little history.
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
      : Promise.resolve(undefined),
    // No budget in AWS Budgets: the spec's amount is the budget.
    callAwsOptional(
      context('budgets:ViewBudget', `budget ${name}`),
      () =>
        clients.budgets.send(
          new DescribeBudgetCommand({ AccountId: accountId, BudgetName: name }),
        ),
      error => awsErrorName(error) === 'NotFoundException',
    ).then(out => out?.Budget),
  ]);

  const byService = new Map<string, number>();
  const dailyActual = new Map<string, number>();
  for (const result of results) {
    const date = result.TimePeriod?.Start;
    if (!date || !DateTime.fromISO(date).isValid) {
      throw malformed('ce:GetCostAndUsage', 'ResultsByTime[].TimePeriod.Start');
    }
    if (date < monthStart.toISODate()! || date > today.toISODate()!) {
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
    dailyActual.set(date, (dailyActual.get(date) ?? 0) + day);
  }

  const daily: DailySpend[] = [...dailyActual.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, amount]) => ({
      date,
      amountUsd: roundUsd(amount),
      forecast: false,
    }));
  const monthToDateUsd = roundUsd(
    [...dailyActual.values()].reduce((sum, amount) => sum + amount, 0),
  );

  let forecastUsd: number | null;
  if (forecast === null) {
    forecastUsd = null;
  } else if (forecast === undefined) {
    forecastUsd = monthToDateUsd;
  } else {
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
    forecastUsd = roundUsd(
      monthToDateUsd + amountOf(forecast.Total, 'ce:GetCostForecast', 'Total'),
    );
  }

  let budgetAmount = environment.spec.budget.monthlyUsd;
  let budgetFrom: 'budgets' | 'spec' = 'spec';
  if (budget) {
    if (budget.BudgetName !== name) {
      throw malformed('budgets:DescribeBudget', 'Budget.BudgetName');
    }
    budgetAmount = amountOf(
      budget.BudgetLimit,
      'budgets:DescribeBudget',
      'Budget.BudgetLimit',
    );
    budgetFrom = 'budgets';
  }

  return {
    currency: 'USD',
    period: { start: monthStart.toISODate()!, end: today.toISODate()! },
    monthToDateUsd,
    forecastUsd,
    budget: { amountUsd: budgetAmount, from: budgetFrom },
    verdict: budgetVerdict(forecastUsd ?? monthToDateUsd, budgetAmount),
    byService: [...byService.entries()]
      .map(([service, amount]) => ({ service, amountUsd: roundUsd(amount) }))
      .sort((a, b) => b.amountUsd - a.amountUsd),
    daily,
    estimate: options.estimate,
  };
}
