import type { BudgetVerdict } from '@innovate/plugin-aws-environments-common';
import { formatPercent, formatUsd } from '../../format';

/** The share of the budget an amount takes (0 without a budget). */
export function budgetShare(amountUsd: number, budgetUsd: number): number {
  return budgetUsd > 0 ? amountUsd / budgetUsd : 0;
}

/** "$120 of $430 (28%)": an amount against the budget in words. */
export function amountOfBudget(amountUsd: number, budgetUsd: number): string {
  return `${formatUsd(amountUsd)} of ${formatUsd(budgetUsd)} (${formatPercent(
    budgetShare(amountUsd, budgetUsd),
  )})`;
}

/**
 * The attributes that make an element the `meter` of an amount against a
 * budget for assistive technology, with the verdict for styling and tests.
 */
export function budgetMeterProps(options: {
  label: string;
  amountUsd: number;
  budgetUsd: number;
  verdict: BudgetVerdict;
  /** The value in words. */
  text: string;
}) {
  const { label, amountUsd, budgetUsd, verdict, text } = options;
  return {
    role: 'meter',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': Math.max(budgetUsd, amountUsd),
    'aria-valuenow': amountUsd,
    'aria-valuetext': text,
    'data-verdict': verdict,
  };
}
