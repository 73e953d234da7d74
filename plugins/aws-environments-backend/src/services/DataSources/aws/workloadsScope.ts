import type { DeployedEnvironment } from '../types';
import type { AwsCallContext } from './awsErrors';
import { assertOwnedArn } from './ownership';

/**
 * Where a view of the environment's workloads account calls AWS: the
 * context of each call (for its error messages) and the check that what AWS
 * returned is the environment's.
 */
export interface WorkloadsScope {
  accountId: string;
  region: string;
  /** The call context of `action` (an IAM action) on `resource`. */
  context(action: string, resource: string): AwsCallContext;
  /** Checks that `arn` (`field` is `<call> <field>`) is in the account and region. */
  owned(arn: string | undefined, field: string, what: string): void;
}

export function workloadsScope(
  environment: DeployedEnvironment,
): WorkloadsScope {
  const accountId = environment.spec.accounts.workloads;
  const region = environment.spec.region;
  return {
    accountId,
    region,
    context: (action, resource) => ({
      action,
      accountId,
      region,
      accountRole: 'workloads',
      resource,
    }),
    owned: (arn, field, what) =>
      assertOwnedArn(arn, {
        accountId,
        region,
        environment: environment.name,
        field,
        what,
      }),
  };
}
