import {
  ACCOUNT_BASELINE_STACK_NAME,
  type ChangeSetSummary,
  isJsonObject,
} from '@innovate/plugin-aws-environments-common';
import type {
  EnvironmentRegistryOperations,
  RecordedStack,
} from '../../EnvironmentRegistry/types';
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
 * and one history event per stack, each marked `(sandbox)`. The account
 * baseline is created by the first environment of an account and region
 * and reused by the others, as in AWS, where the same template deploys as
 * no change.
 */
export class SandboxDeploymentTarget implements DeploymentTarget {
  constructor(
    private readonly deps: {
      registry?: Pick<
        EnvironmentRegistryOperations,
        'listEnvironments' | 'getEnvironment'
      >;
    } = {},
  ) {}

  /**
   * Another environment whose record holds the account's baseline (a
   * destroyed one too: a destroy keeps it).
   */
  private async baselineOwner(
    except: string,
    account: string,
    region: string,
  ): Promise<string | undefined> {
    const registry = this.deps.registry;
    if (!registry) {
      return undefined;
    }
    for (const item of await registry.listEnvironments()) {
      if (
        item.name === except ||
        item.spec.accounts.workloads !== account ||
        item.spec.region !== region
      ) {
        continue;
      }
      const record = await registry.getEnvironment(item.name);
      if (
        record?.stacks?.some(s => s.stackName === ACCOUNT_BASELINE_STACK_NAME)
      ) {
        return item.name;
      }
    }
    return undefined;
  }

  private async recordBaseline(input: TargetDeployInput) {
    const { spec } = input.deployment;
    const where = `${spec.accounts.workloads}/${spec.region}`;
    if (spec.baseline === 'existing') {
      await input.events.emit({
        level: 'info',
        message: `Account baseline: the existing GuardDuty detector and CloudTrail trail of ${where} (spec.baseline: existing), recorded; the sandbox does not check AWS, an AWS deployment's preflight does`,
      });
    }
  }

  async deploy(input: TargetDeployInput): Promise<DeployOutcome> {
    const previous = new Set(
      (input.environment.stacks ?? []).map(stack => stack.stackName),
    );
    await this.recordBaseline(input);
    const outputs: Record<string, string> = {};
    for (const stack of input.synthesis.stacks) {
      const sharedWith =
        stack.stackName === ACCOUNT_BASELINE_STACK_NAME &&
        !previous.has(stack.stackName)
          ? await this.baselineOwner(
              input.environment.name,
              stack.account,
              stack.region,
            )
          : undefined;
      if (sharedWith) {
        await input.events.emit({
          level: 'info',
          message: `UPDATE_COMPLETE (sandbox): the account baseline of ${stack.account}/${stack.region} exists (deployed with ${sharedWith}); reused, no changes`,
          stack: stack.stackName,
          resourceStatus: 'UPDATE_COMPLETE',
        });
        Object.assign(outputs, new SandboxIdentities(stack).outputs());
        continue;
      }
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
      const baseline = stack.stackName === ACCOUNT_BASELINE_STACK_NAME;
      await input.events.emit({
        level: baseline ? 'info' : 'warning',
        message: baseline
          ? `Kept ${stack.stackName} (sandbox): the account baseline of ${stack.account}/${stack.region} is shared by the account's environments and never deleted by a destroy`
          : `Kept ${stack.stackName} (sandbox): it holds data and destroyData was not set`,
        stack: stack.stackName,
      });
    }
  }
}
