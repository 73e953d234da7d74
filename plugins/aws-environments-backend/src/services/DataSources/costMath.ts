import {
  BUDGET_THRESHOLDS,
  BudgetVerdict,
} from '@innovate/plugin-aws-environments-common';

/** Rounds to whole cents. */
export function roundUsd(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * Spend against a budget, with the cost model's thresholds: `near` from
 * 80 % (the budget's first alert), `over` above 100 %.
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
