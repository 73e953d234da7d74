/**
 * Properties of {@link Budget}.
 *
 * @public
 */
export interface BudgetProps {
  readonly budgetName: string;
  readonly monthlyUsd: number;
  readonly alertEmail: string;
  /**
   * Account whose costs the budget counts (the workloads account), when the
   * budget lives in another (the management, i.e. payer, account).
   *
   * @defaultValue - all costs of the account the budget is in
   */
  readonly linkedAccountId?: string;
}
