import {
  type ChangeSetSummary,
  isJsonObject,
} from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { changeSetNameFor, diffChangeSets } from '../changeSets';
import type {
  DeployOutcome,
  DeploymentTarget,
  TargetDeployInput,
  TargetDestroyInput,
} from '../types';
import { SandboxIdentities } from './sandboxOutputs';

function resourceCount(stack: RecordedStack): number {
  const resources = stack.template.Resources;
  return isJsonObject(resources) ? Object.keys(resources).length : 0;
}

/**
 * "Deploys" to the sandbox: nothing leaves the backend. The synthesized
 * stacks are recorded as deployed (by the runner), with synthetic outputs
 * and one history event per stack, each marked `(sandbox)`.
 */
export class SandboxDeploymentTarget implements DeploymentTarget {
  async deploy(input: TargetDeployInput): Promise<DeployOutcome> {
    const previous = new Set(
      (input.environment.stacks ?? []).map(stack => stack.stackName),
    );
    const outputs: Record<string, string> = {};
    for (const stack of input.synthesis.stacks) {
      const status = previous.has(stack.stackName)
        ? 'UPDATE_COMPLETE'
        : 'CREATE_COMPLETE';
      await input.events.emit({
        level: 'info',
        message: `${status} (sandbox): ${resourceCount(stack)} resources in ${
          stack.account
        }/${stack.region}`,
        stack: stack.stackName,
        resourceStatus: status,
      });
      Object.assign(outputs, new SandboxIdentities(stack).outputs());
    }
    return { outputs };
  }

  async createChangeSets(
    input: TargetDeployInput,
  ): Promise<ChangeSetSummary[]> {
    const changeSets = diffChangeSets(
      input.environment.stacks ?? [],
      input.synthesis.stacks,
      changeSetNameFor(input.deployment.id),
    );
    for (const changeSet of changeSets) {
      await input.events.emit({
        level: 'info',
        message: `Change set ${changeSet.changeSetName} created (sandbox): ${changeSet.changes.length} changes`,
        stack: changeSet.stack,
        resourceStatus: 'CREATE_COMPLETE',
      });
    }
    return changeSets;
  }

  async executeChangeSets(
    input: TargetDeployInput & { changeSets: ChangeSetSummary[] },
  ): Promise<DeployOutcome> {
    await input.events.emit({
      level: 'info',
      message: `Executing ${input.changeSets.length} change sets (sandbox)`,
    });
    return this.deploy(input);
  }

  /** Nothing exists in the sandbox outside the registry's record. */
  async findDeployedStacks(): Promise<RecordedStack[]> {
    return [];
  }

  async destroy(input: TargetDestroyInput): Promise<void> {
    for (const stack of input.remove) {
      await input.events.emit({
        level: 'info',
        message: `DELETE_COMPLETE (sandbox): ${resourceCount(stack)} resources`,
        stack: stack.stackName,
        resourceStatus: 'DELETE_COMPLETE',
      });
    }
    for (const stack of input.keep) {
      await input.events.emit({
        level: 'warning',
        message: `Kept ${stack.stackName} (sandbox): it holds data and destroyData was not set`,
        stack: stack.stackName,
      });
    }
  }
}
