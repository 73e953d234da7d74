import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';
import {
  ENVIRONMENT_STACK_ROLES,
  SHARED_STACK_ROLES,
} from '@innovate/plugin-aws-environments-common';
import type { EnvironmentApp } from './app';
import type { SynthesizedStack } from './synthesize';
import type { CfnTemplate } from './templates';

/**
 * The synthesized stacks of an environment's app, in the order of
 * `ENVIRONMENT_STACK_ROLES`, with their templates from the cloud assembly.
 */
export function assemblyStacks(
  stacks: EnvironmentApp['stacks'],
  assembly: ReturnType<App['synth']>,
): SynthesizedStack[] {
  return ENVIRONMENT_STACK_ROLES.flatMap(role => {
    const stack = stacks[role];
    if (!stack) {
      return [];
    }
    const artifact = assembly.getStackArtifact(stack.artifactId);
    return [
      {
        id: role,
        stackName: artifact.stackName,
        account: artifact.environment.account,
        region: artifact.environment.region,
        stateful: role === 'database',
        shared: SHARED_STACK_ROLES.includes(role),
        terminationProtection: artifact.terminationProtection ?? false,
        templateFile: path.resolve(assembly.directory, artifact.templateFile),
        template: artifact.template as CfnTemplate,
      },
    ];
  });
}
