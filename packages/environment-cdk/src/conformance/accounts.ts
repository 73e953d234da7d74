import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber } from '../templates';
import { asArray, properties, result } from './query';
import type { Check } from './query';
import type { BudgetNotification } from './resources';

/** The stack roles that deploy to the management account. */
const MANAGEMENT_ROLES = ['registry', 'budget'];

export const twoAccounts: Check = ({ stacks }) => {
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
};

export const ecr: Check = (t, spec) => {
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
      ? `repository ${repository.logicalId} in account ${repository.stack.account}; scan on push ${scan}; immutable tags ${immutable}`
      : 'no ECR repository',
  );
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

export const budget: Check = t => {
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
};
