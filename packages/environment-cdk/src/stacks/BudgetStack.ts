import { Stack } from 'aws-cdk-lib';
import { environmentResourceNames } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Budget } from '../constructs';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * Properties of {@link BudgetStack}.
 *
 * @public
 */
export interface BudgetStackProps extends EnvironmentStackProps {
  /** The spec's `budget`. */
  readonly budget: EnvironmentSpec['budget'];
  /**
   * The workloads account, when the budget lives in another (the
   * management, i.e. payer, account).
   *
   * @defaultValue - all costs of the stack's own account
   */
  readonly linkedAccountId?: string;
}

/**
 * `<name>-budget`: the monthly budget, in the management (payer) account,
 * counting the workloads account's costs.
 *
 * @public
 */
export class BudgetStack extends Stack {
  readonly budget: Budget;

  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, props);
    const { budget, environmentName, linkedAccountId } = props;
    this.budget = new Budget(this, 'Budget', {
      budgetName: environmentResourceNames(environmentName).budget,
      monthlyUsd: budget.monthlyUsd,
      alertEmail: budget.alertEmail,
      linkedAccountId,
    });
  }
}
