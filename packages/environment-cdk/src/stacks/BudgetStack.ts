import { Stack } from 'aws-cdk-lib';
import { environmentResourceNames } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Budget } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * `<name>-budget`: the monthly budget, in the management (payer) account,
 * counting the workloads account's costs.
 *
 * @public
 */
export class BudgetStack extends Stack {
  readonly budget: Budget;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const { accounts, budget, name } = props.spec;
    this.budget = new Budget(this, 'Budget', {
      budgetName: environmentResourceNames(name).budget,
      monthlyUsd: budget.monthlyUsd,
      alertEmail: budget.alertEmail,
      linkedAccountId:
        accounts.workloads === accounts.management
          ? undefined
          : accounts.workloads,
    });
  }
}
