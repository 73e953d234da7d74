import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Registry } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * `<name>-registry`: ECR, in the management account.
 *
 * @public
 */
export class RegistryStack extends Stack {
  readonly registry: Registry;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const { accounts, name } = props.spec;
    this.registry = new Registry(this, 'Registry', {
      repositoryName: environmentResourceNames(name).apiRepository,
      pullAccountIds:
        accounts.workloads === accounts.management ? [] : [accounts.workloads],
      imagesKept: ENVIRONMENT_DESIGN.ecrImagesKept,
    });
    addOutputs(this, {
      RepositoryUri: {
        value: this.registry.repository.repositoryUri,
      },
    });
  }
}
