import {
  Change,
  DescribeChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import type {
  ChangeSetChange,
  ChangeSetSummary,
} from '@innovate/plugin-aws-environments-common';
import type { AwsClientFactory } from '../../AwsClients/types';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { changeSetNameFor } from '../changeSets';
import type {
  DeployOutcome,
  DeploymentTarget,
  TargetDeployInput,
  TargetDestroyInput,
} from '../types';
import type { CdkToolkit, ToolkitDeployedStack } from './CdkToolkit';

const CHANGE_ACTIONS = new Set([
  'Add',
  'Modify',
  'Remove',
  'Import',
  'Dynamic',
]);

function outputsOf(stacks: ToolkitDeployedStack[]): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const stack of stacks) {
    for (const [key, value] of Object.entries(stack.outputs)) {
      outputs[`${stack.stackName}.${key}`] = value;
    }
  }
  return outputs;
}

function toChange(stack: string, change: Change): ChangeSetChange[] {
  const resource = change.ResourceChange;
  if (
    !resource?.LogicalResourceId ||
    !CHANGE_ACTIONS.has(String(resource.Action))
  ) {
    return [];
  }
  return [
    {
      stack,
      action: resource.Action as ChangeSetChange['action'],
      logicalId: resource.LogicalResourceId,
      resourceType: resource.ResourceType ?? 'unknown',
      ...(resource.Replacement ? { replacement: resource.Replacement } : {}),
    },
  ];
}

/**
 * Deploys to AWS through `@aws-cdk/toolkit-lib` with CloudFormation change
 * sets. Base credentials are the workloads account's, from
 * `@backstage/integration-aws-node`; stacks in other accounts (the
 * management account's registry and budget) are reached through the CDK
 * bootstrap roles, which must trust the workloads account.
 */
export class AwsDeploymentTarget implements DeploymentTarget {
  constructor(
    private readonly deps: { toolkit: CdkToolkit; clients: AwsClientFactory },
  ) {}

  private async base(input: TargetDeployInput | TargetDestroyInput) {
    const { spec } = input.deployment;
    if (!input.synthesis) {
      throw new Error('Deploying to AWS needs the synthesized cloud assembly');
    }
    const { sdkCredentialProvider } = await this.deps.clients.credentials(
      spec.accounts.workloads,
    );
    return {
      assemblyDir: input.synthesis.assemblyDir,
      credentials: sdkCredentialProvider,
      region: spec.region,
      events: input.events,
    };
  }

  async deploy(input: TargetDeployInput): Promise<DeployOutcome> {
    const stacks = await this.deps.toolkit.deploy({
      ...(await this.base(input)),
      stackNames: input.synthesis.stacks.map(s => s.stackName),
      method: {
        kind: 'change-set',
        changeSetName: changeSetNameFor(input.deployment.id),
        execute: true,
      },
    });
    return { outputs: outputsOf(stacks) };
  }

  async createChangeSets(
    input: TargetDeployInput,
  ): Promise<ChangeSetSummary[]> {
    const changeSetName = changeSetNameFor(input.deployment.id);
    await this.deps.toolkit.deploy({
      ...(await this.base(input)),
      stackNames: input.synthesis.stacks.map(s => s.stackName),
      method: { kind: 'change-set', changeSetName, execute: false },
    });
    const summaries = await Promise.all(
      input.synthesis.stacks.map(stack =>
        this.describeChangeSet(stack, changeSetName),
      ),
    );
    return summaries.filter((s): s is ChangeSetSummary => s !== undefined);
  }

  async executeChangeSets(
    input: TargetDeployInput & { changeSets: ChangeSetSummary[] },
  ): Promise<DeployOutcome> {
    const withChanges = new Set(input.changeSets.map(c => c.stack));
    if (withChanges.size === 0) {
      // Nothing changed, so there is no change set (toolkit-lib deletes
      // empty ones), and selecting no stack would fail the deployment.
      await input.events.emit({
        level: 'info',
        message: 'No change sets to execute: the stacks are up to date',
      });
      return { outputs: input.environment.outputs };
    }
    const stacks = await this.deps.toolkit.deploy({
      ...(await this.base(input)),
      stackNames: input.synthesis.stacks
        .map(s => s.stackName)
        .filter(name => withChanges.has(name)),
      method: {
        kind: 'execute-change-set',
        changeSetName: changeSetNameFor(input.deployment.id),
      },
    });
    return { outputs: { ...input.environment.outputs, ...outputsOf(stacks) } };
  }

  async destroy(input: TargetDestroyInput): Promise<void> {
    for (const stack of input.keep) {
      await input.events.emit({
        level: 'warning',
        message: `Keeping ${stack.stackName}: it holds data and destroyData was not set`,
        stack: stack.stackName,
      });
    }
    if (input.remove.length === 0) {
      return;
    }
    // The stateful stack is termination-protected; lift that only when its
    // deletion was asked for explicitly.
    for (const stack of input.remove.filter(s => s.terminationProtection)) {
      const cloudFormation = await this.deps.clients.cloudFormation({
        accountId: stack.account,
        region: stack.region,
      });
      await cloudFormation.send(
        new UpdateTerminationProtectionCommand({
          StackName: stack.stackName,
          EnableTerminationProtection: false,
        }),
      );
      await input.events.emit({
        level: 'warning',
        message: `Termination protection lifted from ${stack.stackName} (destroyData was set)`,
        stack: stack.stackName,
      });
    }
    await this.deps.toolkit.destroy({
      ...(await this.base(input)),
      stackNames: input.remove.map(s => s.stackName),
    });
  }

  private async describeChangeSet(
    stack: RecordedStack,
    changeSetName: string,
  ): Promise<ChangeSetSummary | undefined> {
    const cloudFormation = await this.deps.clients.cloudFormation({
      accountId: stack.account,
      region: stack.region,
    });
    const changes: ChangeSetChange[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const out = await cloudFormation.send(
          new DescribeChangeSetCommand({
            StackName: stack.stackName,
            ChangeSetName: changeSetName,
            NextToken: nextToken,
          }),
        );
        changes.push(
          ...(out.Changes ?? []).flatMap(c => toChange(stack.stackName, c)),
        );
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      // The toolkit removes change sets without changes.
      if ((error as Error).name === 'ChangeSetNotFoundException') {
        return undefined;
      }
      throw error;
    }
    return changes.length > 0
      ? { stack: stack.stackName, changeSetName, changes }
      : undefined;
  }
}
