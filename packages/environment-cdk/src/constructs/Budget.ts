import * as budgets from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';
import type { BudgetProps } from './BudgetProps';

/**
 * Actual spend share that triggers the first alert e-mail (80 %) and the
 * forecast share that triggers the second (100 %).
 *
 * @public
 */
export const BUDGET_ALERTS = { actualPercent: 80, forecastPercent: 100 };

/**
 * A monthly cost budget at the spec's amount that e-mails the alert address
 * at 80 % of actual spend and when the forecast passes 100 %.
 *
 * @public
 */
export class Budget extends Construct {
  readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: BudgetProps) {
    super(scope, id);
    const subscribers = [
      { subscriptionType: 'EMAIL', address: props.alertEmail },
    ];
    this.budget = new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
        costFilters: props.linkedAccountId
          ? { LinkedAccount: [props.linkedAccountId] }
          : undefined,
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: BUDGET_ALERTS.actualPercent,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: BUDGET_ALERTS.forecastPercent,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }
}
