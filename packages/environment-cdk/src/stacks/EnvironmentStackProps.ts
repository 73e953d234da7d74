import type { StackProps } from 'aws-cdk-lib';

/**
 * What every stack of an environment is given; each stack's own props add
 * its slice of the spec.
 *
 * @public
 */
export interface EnvironmentStackProps extends StackProps {
  /** The environment's name (`spec.name`): resource names derive from it. */
  readonly environmentName: string;
}
