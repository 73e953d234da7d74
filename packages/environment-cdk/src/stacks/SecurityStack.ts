import { Stack } from 'aws-cdk-lib';
import { environmentResourceNames } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Security } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * Properties of {@link SecurityStack}: no slice of the spec beyond the
 * environment's name.
 *
 * @public
 */
export type SecurityStackProps = EnvironmentStackProps;

/** CloudTrail log files are kept a year in S3. */
const TRAIL_RETENTION_DAYS = 365;

/**
 * `<name>-security`: CloudTrail and GuardDuty in the workloads account.
 *
 * @public
 */
export class SecurityStack extends Stack {
  readonly security: Security;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
    this.security = new Security(this, 'Security', {
      trailName: environmentResourceNames(props.environmentName).trail,
      trailRetentionDays: TRAIL_RETENTION_DAYS,
    });
  }
}
