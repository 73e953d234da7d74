import {
  Change,
  ChangeSetNotFoundException,
  DescribeStacksCommand,
  paginateDescribeChangeSet,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import type {
  ChangeSetChange,
  ChangeSetSummary,
} from '@innovate/plugin-aws-environments-common';
import type { AwsClientFactory } from '../../AwsClients/types';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { changeSetNameFor, diffChangeSets } from '../changeSets';
import type {
  DeployOutcome,
  DeploymentTarget,
  TargetDeployInput,
  TargetDestroyInput,
} from '../types';
import type { SynthesizedEnvironment } from '../../Synthesizer/types';
import type { CdkToolkit, ToolkitDeployedStack } from './CdkToolkit';
import {
  databaseInstanceIds,
  finalSnapshotId,
  liftDeletionProtection,
  protectedDatabases,
  unprotectedTemplateBody,
} from './databaseTeardown';
import {
  createsHostedZones,
  removeValidationRecords,
} from './delegatedZoneCleanup';
import { preflight } from './preflight';
import { isMissingStack } from '../../../lib/cloudFormationErrors';

/** How long to wait for the change set that lifts deletion protection. */
const UNPROTECT_MAX_WAIT_SECONDS = 30 * 60;

/**
 * Whether the deployment creates a stack: one of the synthesized stacks is
 * not on record (a new environment, or one recreated around its kept data).
 */
function createsStacks(input: TargetDeployInput): boolean {
  const recorded = new Set(
    (input.environment.stacks ?? []).map(stack => stack.stackName),
  );
  return input.synthesis.stacks.some(stack => !recorded.has(stack.stackName));
}

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
      fence: () => input.lease.assertHeld(),
    };
  }

  /** Checks the accounts before the first change in AWS. */
  private async preflight(input: TargetDeployInput) {
    const { spec } = input.deployment;
    await preflight({
      stacks: input.synthesis.stacks,
      workloadsAccount: spec.accounts.workloads,
      baseline: { mode: spec.baseline, region: spec.region },
      sts: await this.deps.clients.sts({
        accountId: spec.accounts.workloads,
        region: spec.region,
      }),
      events: input.events,
    });
  }

  async deploy(input: TargetDeployInput): Promise<DeployOutcome> {
    await this.preflight(input);
    await input.lease.assertHeld();
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
    await this.preflight(input);
    if (createsStacks(input)) {
      // CloudFormation cannot create a change set for a stack whose
      // `Fn::GetStackOutput` inputs do not exist yet, and for a stack that
      // does not exist a change set only adds its template: the review is
      // the templates against those on record, deployed once approved.
      const review = diffChangeSets(
        input.environment.stacks ?? [],
        input.synthesis.stacks,
        changeSetName,
      );
      await input.events.emit({
        level: 'info',
        message: `Stacks to create: the review is the synthesized templates against those on record (${review.reduce(
          (n, c) => n + c.changes.length,
          0,
        )} changes in ${
          review.length
        } stacks); CloudFormation change sets are created as the stacks are deployed, after approval`,
      });
      return review;
    }
    await input.lease.assertHeld();
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
    await input.lease.assertHeld();
    const stacks = await this.deps.toolkit.deploy({
      ...(await this.base(input)),
      stackNames: input.synthesis.stacks
        .map(s => s.stackName)
        .filter(name => withChanges.has(name)),
      // A new environment was reviewed as templates: its stacks are
      // created now, in dependency order, each through its change set.
      method: createsStacks(input)
        ? {
            kind: 'change-set',
            changeSetName: changeSetNameFor(input.deployment.id),
            execute: true,
          }
        : {
            kind: 'execute-change-set',
            changeSetName: changeSetNameFor(input.deployment.id),
          },
      // The execute phase runs only after a person approved the change sets.
      approvedByPerson: true,
    });
    return { outputs: { ...input.environment.outputs, ...outputsOf(stacks) } };
  }

  async destroy(input: TargetDestroyInput): Promise<void> {
    for (const stack of input.keep) {
      await input.events.emit({
        level: 'warning',
        message: stack.stateful
          ? `Keeping ${stack.stackName}: it holds data and destroyData was not set`
          : `Keeping ${stack.stackName}: the kept data stack reads its outputs`,
        stack: stack.stackName,
      });
    }
    if (input.remove.length === 0) {
      return;
    }
    // The stateful stack is termination-protected and its database
    // deletion-protected; lift both only when its deletion was asked for.
    const stateful = input.remove.filter(s => s.stateful);
    // Refuse before lifting anything if a protection cannot be lifted.
    stateful
      .filter(stack => protectedDatabases(stack).length > 0)
      .forEach(unprotectedTemplateBody);
    for (const stack of stateful) {
      const cloudFormation = await this.deps.clients.cloudFormation({
        accountId: stack.account,
        region: stack.region,
      });
      if (stack.terminationProtection) {
        await input.lease.assertHeld();
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
      const databases = protectedDatabases(stack);
      if (databases.length > 0) {
        await input.lease.assertHeld();
        await liftDeletionProtection(
          cloudFormation,
          stack,
          `${changeSetNameFor(input.deployment.id)}-unprotect`,
          UNPROTECT_MAX_WAIT_SECONDS,
          () => input.lease.assertHeld(),
        );
        await input.events.emit({
          level: 'warning',
          message: `Deletion protection lifted from ${databases.join(
            ', ',
          )} through a change set (destroyData was set); CloudFormation keeps a final snapshot`,
          stack: stack.stackName,
        });
      }
    }
    await this.removeValidationRecords(input);
    await input.lease.assertHeld();
    await this.deps.toolkit.destroy({
      ...(await this.base(input)),
      stackNames: input.remove.map(s => s.stackName),
    });
    for (const stack of stateful) {
      await this.reportFinalSnapshots(stack, input);
    }
  }

  async findDeployedStacks(input: {
    synthesis: SynthesizedEnvironment;
  }): Promise<RecordedStack[]> {
    const found: RecordedStack[] = [];
    for (const stack of input.synthesis.stacks) {
      const cloudFormation = await this.deps.clients.cloudFormation({
        accountId: stack.account,
        region: stack.region,
      });
      try {
        const out = await cloudFormation.send(
          new DescribeStacksCommand({ StackName: stack.stackName }),
        );
        const status = out?.Stacks?.[0]?.StackStatus;
        if (status && status !== 'DELETE_COMPLETE') {
          found.push(stack);
        }
      } catch (error) {
        if (!isMissingStack(error)) {
          throw error;
        }
      }
    }
    return found;
  }

  /**
   * The environment's own hosted zones (a zone in the management account,
   * delegated) still hold the ACM validation CNAMEs CloudFormation wrote
   * and never deletes; without this the zone's deletion fails and the
   * destroy stops in DELETE_FAILED.
   */
  private async removeValidationRecords(input: TargetDestroyInput) {
    for (const stack of input.remove.filter(createsHostedZones)) {
      const removed = await removeValidationRecords({
        stack,
        cloudFormation: await this.deps.clients.cloudFormation({
          accountId: stack.account,
          region: stack.region,
        }),
        route53: await this.deps.clients.route53(stack.account),
        assertLease: () => input.lease.assertHeld(),
      });
      for (const { zoneId, names } of removed) {
        await input.events.emit({
          level: 'info',
          message: `Removed ${
            names.length
          } ACM validation record(s) from hosted zone ${zoneId} (${names.join(
            ', ',
          )}): CloudFormation leaves them, and the zone could not be deleted with them`,
          stack: stack.stackName,
        });
      }
    }
  }

  /** Names the final snapshot of each deleted database, so it can be found. */
  private async reportFinalSnapshots(
    stack: RecordedStack,
    input: TargetDestroyInput,
  ) {
    const rds = await this.deps.clients.rds({
      accountId: stack.account,
      region: stack.region,
    });
    for (const instanceId of databaseInstanceIds(stack)) {
      const snapshot = await finalSnapshotId(rds, instanceId);
      await input.events.emit(
        snapshot
          ? {
              level: 'info',
              message: `Final snapshot of database ${instanceId} kept: ${snapshot}`,
              stack: stack.stackName,
            }
          : {
              level: 'warning',
              message: `No final snapshot of database ${instanceId} was found; check RDS snapshots in ${stack.account}/${stack.region}`,
              stack: stack.stackName,
            },
      );
    }
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
    try {
      const pages = paginateDescribeChangeSet(
        { client: cloudFormation },
        { StackName: stack.stackName, ChangeSetName: changeSetName },
      );
      for await (const page of pages) {
        changes.push(
          ...(page.Changes ?? []).flatMap(c => toChange(stack.stackName, c)),
        );
      }
    } catch (error) {
      // The toolkit removes change sets without changes.
      if (error instanceof ChangeSetNotFoundException) {
        return undefined;
      }
      throw error;
    }
    return changes.length > 0
      ? { stack: stack.stackName, changeSetName, changes }
      : undefined;
  }
}
