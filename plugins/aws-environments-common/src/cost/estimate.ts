import type { BudgetVerdict, CostEstimate } from '../api/types';
import type { EnvironmentSpec } from '../spec/schema';
import { CostDrivers, driversFromSpec } from './drivers';
import { costLines, total } from './lines';
import { notesFor } from './notes';
import { PRICE_TABLE } from './prices';
import { suggestionsFor } from './suggestions';

/**
 * Budget shares at which the verdict changes: `near` from 80 % (where the
 * budget's first alert e-mails) and `over` above 100 %.
 *
 * @public
 */
export const BUDGET_THRESHOLDS = { near: 0.8, over: 1 } as const;

/**
 * Options of the estimate functions.
 *
 * @public
 */
export interface EstimateOptions {
  /**
   * Day the estimate is for (`YYYY-MM-DD`, UTC). It decides whether the
   * Kubernetes version is in EKS standard or extended support.
   *
   * @defaultValue today
   */
  asOf?: string;
}

/**
 * Spending `amountUsd` against `budgetUsd`, with {@link BUDGET_THRESHOLDS}:
 * the estimate's verdict, and the cost view's for actual spend.
 *
 * @public
 */
export function budgetVerdict(
  amountUsd: number,
  budgetUsd: number,
): BudgetVerdict {
  const share = budgetUsd > 0 ? amountUsd / budgetUsd : Infinity;
  if (share > BUDGET_THRESHOLDS.over) {
    return 'over';
  }
  return share >= BUDGET_THRESHOLDS.near ? 'near' : 'under';
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The monthly estimate for a set of cost drivers against a budget: lines,
 * total, verdict and, over budget, suggestions whose savings come from
 * re-estimating the changed drivers.
 *
 * @public
 */
export function estimateFromDrivers(
  drivers: CostDrivers,
  budgetUsd: number,
  options: EstimateOptions = {},
): CostEstimate {
  const asOf = options.asOf ?? today();
  const lines = costLines(drivers, asOf);
  const totalMonthlyUsd = total(lines);
  const budgetShare = budgetUsd > 0 ? totalMonthlyUsd / budgetUsd : Infinity;
  const verdict = budgetVerdict(totalMonthlyUsd, budgetUsd);
  return {
    currency: 'USD',
    lines,
    totalMonthlyUsd,
    budgetUsd,
    verdict,
    budgetShare: Math.round(budgetShare * 10000) / 10000,
    suggestions:
      verdict === 'over'
        ? suggestionsFor(drivers, totalMonthlyUsd, budgetUsd, asOf)
        : [],
    priceTable: {
      date: PRICE_TABLE.date,
      region: PRICE_TABLE.region,
      source: PRICE_TABLE.source,
    },
    notes: notesFor(drivers, asOf, lines),
  };
}

/**
 * The monthly estimate of the environment a (validated) spec describes,
 * against the spec's budget. Fast enough for every keystroke.
 *
 * @public
 */
export function estimateFromSpec(
  spec: EnvironmentSpec,
  options: EstimateOptions = {},
): CostEstimate {
  return estimateFromDrivers(
    driversFromSpec(spec),
    spec.budget.monthlyUsd,
    options,
  );
}
