import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber } from '../templates';
import { asArray, properties, result, ClaimDefinition } from './query';
import type { BudgetNotification } from './resources';

/** The stack roles that deploy to the management account. */
const MANAGEMENT_ROLES = ['registry', 'budget'];

export const twoAccounts: ClaimDefinition = {
  id: 'two-accounts',
  title: 'Management and workloads stacks are in two different accounts',
  seedText:
    '2 AWS Accounts: Management (Billing, Organizations, CI/CD, ECR, shared tooling) and Workloads (EKS cluster, RDS, application infrastructure)',
  check: ({ stacks }) => {
    const management = new Set(
      stacks.filter(s => MANAGEMENT_ROLES.includes(s.id)).map(s => s.account),
    );
    const workloads = new Set(
      stacks.filter(s => !MANAGEMENT_ROLES.includes(s.id)).map(s => s.account),
    );
    const passed =
      management.size === 1 &&
      workloads.size === 1 &&
      [...management][0] !== [...workloads][0];
    return result(
      passed,
      `management (registry, budget): ${[...management].join(
        ', ',
      )}; workloads (everything else): ${[...workloads].join(', ')}`,
    );
  },
};

export const ecr: ClaimDefinition = {
  id: 'ecr',
  title: 'ECR in the management account, scan on push, immutable tags',
  seedText: 'Management | Billing, Organizations, CI/CD, ECR, shared tooling',
  check: (t, spec) => {
    const repository = t.first('AWS::ECR::Repository');
    const scan =
      properties(repository).ImageScanningConfiguration?.ScanOnPush === true;
    const immutable = properties(repository).ImageTagMutability === 'IMMUTABLE';
    return result(
      Boolean(repository) &&
        repository!.stack.account === spec.accounts.management &&
        scan &&
        immutable,
      repository
        ? `repository ${repository.properties.RepositoryName} in account ${repository.stack.account}; scan on push ${scan}; immutable tags ${immutable}`
        : 'no ECR repository',
    );
  },
};

/** Budgets reads a threshold without a type as a percentage. */
const isPercentage = (n: BudgetNotification['Notification']) =>
  (n?.ThresholdType ?? 'PERCENTAGE') === 'PERCENTAGE';

function describeNotification({
  Notification: n,
  Subscribers,
}: BudgetNotification): string {
  return `${n?.NotificationType} > ${n?.Threshold}${
    isPercentage(n) ? ' %' : ' USD'
  } to ${asArray(Subscribers).length} subscriber(s)`;
}

export const budget: ClaimDefinition = {
  id: 'budget',
  title: 'A $430 monthly budget alerts at 80 % actual and 100 % forecast',
  seedText: 'Total ~$430/month',
  check: t => {
    const props = t.propertiesOf('AWS::Budgets::Budget');
    const definition = props.Budget ?? {};
    const notifications = asArray(
      props.NotificationsWithSubscribers,
    ) as BudgetNotification[];
    const has = (type: string, threshold: number) =>
      notifications.some(
        ({ Notification: n, Subscribers }) =>
          n?.NotificationType === type &&
          literalNumber(n.Threshold) === threshold &&
          isPercentage(n) &&
          n.ComparisonOperator === 'GREATER_THAN' &&
          asArray(Subscribers).length > 0,
      );
    const amount = literalNumber(definition.BudgetLimit?.Amount);
    return result(
      amount === SEED_DEFAULTS.budget.monthlyUsd &&
        definition.TimeUnit === 'MONTHLY' &&
        has('ACTUAL', 80) &&
        has('FORECASTED', 100),
      `monthly budget $${amount ?? 'none'}; alerts: ${
        notifications.map(describeNotification).join(', ') || 'none'
      }`,
    );
  },
};
