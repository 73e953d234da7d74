import { Stack } from 'aws-cdk-lib';
import { ENVIRONMENT_DESIGN } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Registry } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link RegistryStack}.
 *
 * @public
 */
export interface RegistryStackProps extends EnvironmentStackProps {
  /**
   * Other accounts whose nodes may pull images (the workloads account when
   * it differs from the registry's own).
   */
  readonly pullAccountIds: string[];
}

/**
 * `<name>-registry`: ECR, in the management account.
 *
 * @public
 */
export class RegistryStack extends Stack {
  readonly registry: Registry;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    this.registry = new Registry(this, 'Registry', {
      pullAccountIds: props.pullAccountIds,
      imagesKept: ENVIRONMENT_DESIGN.ecrImagesKept,
    });
    addOutputs(this, {
      RepositoryUri: {
        value: this.registry.repository.repositoryUri,
      },
    });
  }
}
