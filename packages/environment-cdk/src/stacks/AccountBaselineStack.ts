import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import {
  ACCOUNT_BASELINE_STACK_NAME,
  ENVIRONMENT_COST_ALLOCATION_TAG,
  accountBaselineResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { AccountBaseline } from '../constructs';

/**
 * Properties of {@link AccountBaselineStack}: the account and region only.
 * Nothing of any one environment goes in, so every environment of the
 * account synthesizes the same template and a second environment's deploy
 * of it changes nothing.
 *
 * @public
 */
export type AccountBaselineStackProps = Omit<
  StackProps,
  'stackName' | 'description' | 'terminationProtection'
> & { env: { account: string; region: string } };

/** CloudTrail log files are kept a year in S3. */
const TRAIL_RETENTION_DAYS = 365;

/**
 * Tag that marks the baseline's resources instead of an environment's.
 *
 * @public
 */
export const ACCOUNT_BASELINE_TAG = 'innovate:shared';

/**
 * `innovate-account-baseline`: CloudTrail and GuardDuty of a workloads
 * account and region, shared by the environments there. Termination
 * protection is on and a destroy never deletes it (see `planDestroy`).
 *
 * @public
 */
export class AccountBaselineStack extends Stack {
  readonly baseline: AccountBaseline;

  constructor(scope: Construct, id: string, props: AccountBaselineStackProps) {
    super(scope, id, {
      ...props,
      stackName: ACCOUNT_BASELINE_STACK_NAME,
      description:
        'Innovate account baseline: GuardDuty and CloudTrail of the account and region, shared by its environments',
      terminationProtection: true,
    });
    this.baseline = new AccountBaseline(this, 'Baseline', {
      trailName: accountBaselineResourceNames(props.env.region).trail,
      trailRetentionDays: TRAIL_RETENTION_DAYS,
    });
    // The app tags everything with the environment; the baseline belongs to
    // none (a per-environment tag would differ between environments and
    // make each deploy rewrite the shared stack).
    Tags.of(this).remove(ENVIRONMENT_COST_ALLOCATION_TAG, { priority: 200 });
    Tags.of(this).add(ACCOUNT_BASELINE_TAG, 'account-baseline');
  }
}
