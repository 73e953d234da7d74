import type { StackProps } from 'aws-cdk-lib';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';

/**
 * What every stack of an environment is given.
 *
 * @public
 */
export interface EnvironmentStackProps extends StackProps {
  /** The validated spec of the environment. */
  readonly spec: EnvironmentSpec;
}
