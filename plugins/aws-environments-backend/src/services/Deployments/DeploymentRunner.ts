import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  AWS_ENVIRONMENTS_TOPIC,
  AwsEnvironmentsEventPayload,
  DataSourceKind,
  EnvironmentStatus,
  planDestroy,
  synthesisProblems,
} from '@innovate/plugin-aws-environments-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  DeploymentRecord,
  EnvironmentRecord,
  EnvironmentRegistry,
  RecordedStack,
} from '../EnvironmentRegistry/types';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../Synthesizer/types';
import { SecurityChangeNeedsApprovalError } from './aws/CdkToolkit';
import { PreflightError } from './aws/preflight';
import { summarizeChecks } from './checkSummary';
import {
  changeSetDataLoss,
  dataLossMessage,
  templateDataLoss,
} from './dataLossGate';
import type { DeploymentLease } from './DeploymentLease';
import type {
  DeploymentEventSink,
  DeploymentTarget,
  DeployOutcome,
  TargetDeployInput,
} from './types';

/** The deployment gate refused the synthesized environment. */
export class DeploymentRefusedError extends Error {
  name = 'DeploymentRefusedError';
}

/** One run of a deployment, as its steps see it. */
interface RunStep {
  deployment: DeploymentRecord;
  environment: EnvironmentRecord;
  sink: DeploymentEventSink;
  /** Where the synthesizer writes the cloud assembly of this run. */
  outdir: string;
  lease: DeploymentLease;
}

/**
 * Runs one step of a deployment: synthesize and deploy (or create change
 * sets, or execute them, or destroy), then records the outcome in the
 * registry and tells the catalog through the events service.
 */
export class DeploymentRunner {
  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      synthesizer: EnvironmentSynthesizer;
      targets: Record<DataSourceKind, DeploymentTarget>;
      events: EventsService;
      logger: LoggerService;
      workDirectory: string;
    },
  ) {}

  async run(
    deployment: DeploymentRecord,
    sink: DeploymentEventSink,
    lease: DeploymentLease,
  ) {
    const { registry } = this.deps;
    const outdir = path.join(
      this.deps.workDirectory,
      AWS_ENVIRONMENTS_PLUGIN_ID,
      `${deployment.id}-${deployment.phase}`,
    );
    let statusBefore: EnvironmentStatus | undefined;
    try {
      const environment = await registry.getEnvironment(deployment.environment);
      statusBefore = environment?.status;
      if (!environment) {
        throw new Error(`Environment '${deployment.environment}' is gone`);
      }
      const step = { deployment, environment, sink, outdir, lease };
      if (deployment.action === 'destroy') {
        await this.destroy(step);
      } else if (deployment.phase === 'execute') {
        await this.execute(step);
      } else {
        await this.prepare(step);
      }
    } catch (error) {
      const message = stringifyError(error);
      this.deps.logger.warn(
        `Deployment ${deployment.id} of ${deployment.environment} failed: ${message}`,
      );
      await sink.emit({ level: 'error', message });
      // Refused before any change in AWS: the environment is as it was.
      const untouched =
        (error instanceof DeploymentRefusedError ||
          error instanceof PreflightError) &&
        statusBefore !== undefined &&
        statusBefore !== 'pending';
      await registry.finishDeployment(
        deployment,
        { status: 'failed', error: message },
        { status: untouched ? statusBefore : 'failed' },
      );
    } finally {
      await fs.rm(outdir, { recursive: true, force: true });
    }
  }

  private async synthesize(
    deployment: DeploymentRecord,
    sink: DeploymentEventSink,
    outdir: string,
  ): Promise<SynthesizedEnvironment> {
    await sink.emit({
      level: 'info',
      message: `Synthesizing ${deployment.environment} for the ${deployment.source} source`,
    });
    const started = Date.now();
    const synthesis = await this.deps.synthesizer.synthesize(deployment.spec, {
      outdir,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await sink.emit({
      level: 'info',
      message: `Synthesized ${synthesis.stacks.length} stacks in ${seconds} s`,
    });
    for (const event of summarizeChecks(synthesis.checks)) {
      await sink.emit(event);
    }
    return synthesis;
  }

  /**
   * Synthesizes and applies the deployment gate, whoever asked (the
   * wizard's synth step, the API, an agent): unacknowledged cdk-nag
   * findings always stop it, failed seed claims unless the request allowed
   * them.
   */
  private async synthesizeChecked(
    deployment: DeploymentRecord,
    sink: DeploymentEventSink,
    outdir: string,
  ): Promise<SynthesizedEnvironment> {
    const synthesis = await this.synthesize(deployment, sink, outdir);
    const allowed = deployment.allowedDeviations ?? [];
    const problems = synthesisProblems(
      synthesis.checks.nag,
      synthesis.checks.conformance,
      allowed,
    );
    if (problems.length > 0) {
      throw new DeploymentRefusedError(
        `Refused to deploy ${deployment.environment}: ${problems.join(
          '; ',
        )}. Change the spec, or list the seed claim ids in allowedDeviations if the deviation is intended (cdk-nag findings are never allowed)`,
      );
    }
    const deviations = synthesis.checks.conformance.claims.filter(
      claim => !claim.passed && allowed.includes(claim.id),
    );
    if (deviations.length > 0) {
      await sink.emit({
        level: 'warning',
        message: `Deploying with deviations from the seed allowed by ${
          deployment.requestedBy
        }: ${deviations.map(claim => claim.id).join(', ')}`,
      });
    }
    return synthesis;
  }

  /** Marks the environment deploying and synthesizes it through the gate. */
  private async startDeploy({
    deployment,
    environment,
    sink,
    outdir,
  }: RunStep) {
    await this.deps.registry.updateEnvironment(environment.name, {
      status: 'deploying',
    });
    const synthesis = await this.synthesizeChecked(deployment, sink, outdir);
    // An update never replaces or removes data the request did not accept.
    const losses = templateDataLoss(
      environment.stacks ?? [],
      synthesis.stacks,
      deployment.acceptDataLoss ?? [],
    );
    if (losses.length > 0) {
      throw new DeploymentRefusedError(
        dataLossMessage(deployment.environment, losses, 'templates'),
      );
    }
    await this.emitAcceptedDataLoss(deployment, sink);
    return synthesis;
  }

  private async emitAcceptedDataLoss(
    deployment: DeploymentRecord,
    sink: DeploymentEventSink,
  ) {
    if (deployment.phase === 'prepare' && deployment.acceptDataLoss?.length) {
      await sink.emit({
        level: 'warning',
        message: `${
          deployment.requestedBy
        } accepted the loss of the data of ${deployment.acceptDataLoss.join(
          ', ',
        )}`,
      });
    }
  }

  private async prepare(step: RunStep) {
    const { deployment, environment, sink, lease } = step;
    const synthesis = await this.startDeploy(step);
    const target = this.deps.targets[deployment.source];
    const input = { deployment, lease, synthesis, environment, events: sink };
    if (deployment.approval === 'required') {
      await this.awaitApproval(input);
      return;
    }
    try {
      const outcome = await target.deploy(input);
      await this.succeedDeploy(deployment, synthesis, outcome, sink);
    } catch (error) {
      if (!(error instanceof SecurityChangeNeedsApprovalError)) {
        throw error;
      }
      // IAM widening is never deployed on `approval: auto`: it waits for
      // a person, like a deployment that asked for approval.
      await sink.emit({
        level: 'warning',
        message: `${error.stackName} widens IAM permissions or resource policies; a person must approve its change set before it is deployed`,
        stack: error.stackName,
      });
      await this.awaitApproval(input);
    }
  }

  /** Creates the change sets and leaves the deployment for a person to approve. */
  private async awaitApproval(input: TargetDeployInput) {
    const { deployment, events: sink } = input;
    const changeSets = await this.deps.targets[
      deployment.source
    ].createChangeSets(input);
    const losses = changeSetDataLoss(
      changeSets,
      deployment.acceptDataLoss ?? [],
    );
    if (losses.length > 0) {
      throw new DeploymentRefusedError(
        dataLossMessage(deployment.environment, losses, 'change sets'),
      );
    }
    const changes = changeSets.reduce((n, c) => n + c.changes.length, 0);
    await sink.emit({
      level: 'info',
      message: `${changeSets.length} change sets with ${changes} changes are waiting for approval`,
    });
    await this.deps.registry.finishDeployment(
      deployment,
      { status: 'awaiting-approval', changeSets },
      { status: 'awaiting-approval' },
    );
  }

  private async execute(step: RunStep) {
    const { deployment, environment, sink, lease } = step;
    const synthesis = await this.startDeploy(step);
    const outcome = await this.deps.targets[
      deployment.source
    ].executeChangeSets({
      deployment,
      lease,
      synthesis,
      environment,
      events: sink,
      changeSets: deployment.changeSets ?? [],
    });
    await this.succeedDeploy(deployment, synthesis, outcome, sink);
  }

  private async succeedDeploy(
    deployment: DeploymentRecord,
    synthesis: SynthesizedEnvironment,
    outcome: DeployOutcome,
    sink: DeploymentEventSink,
  ) {
    await sink.emit({
      level: 'info',
      message: `Deployed ${synthesis.stacks.length} stacks of ${deployment.environment}`,
    });
    const recorded = await this.deps.registry.finishDeployment(
      deployment,
      { status: 'succeeded' },
      {
        ...(deployment.newOwner ? { owner: deployment.newOwner } : {}),
        status: 'deployed',
        source: deployment.source,
        spec: deployment.spec,
        outputs: outcome.outputs,
        stacks: synthesis.stacks,
        entities: synthesis.entities,
        checks: synthesis.checks,
        lastDeploymentId: deployment.id,
      },
    );
    if (recorded) {
      if (deployment.newOwner) {
        await sink.emit({
          level: 'info',
          message: `${deployment.environment} is now owned by ${deployment.newOwner}`,
        });
      }
      await this.publish(deployment.environment, 'deployed');
    }
  }

  private async destroy({
    deployment,
    environment,
    sink,
    outdir,
    lease,
  }: RunStep) {
    await this.deps.registry.updateEnvironment(environment.name, {
      status: 'destroying',
    });
    const target = this.deps.targets[deployment.source];
    // Toolkit-lib destroys from a cloud assembly; the sandbox needs none.
    const synthesis =
      deployment.source === 'aws'
        ? await this.synthesize(deployment, sink, outdir)
        : undefined;
    const stacks = await this.stacksToDestroy(environment, synthesis, sink);
    // The stateful stack stays with every stack it reads outputs of;
    // the rest go, consumers first.
    const { keep, remove } = planDestroy(stacks, {
      destroyData: deployment.destroyData ?? false,
    });
    await target.destroy({
      deployment,
      lease,
      synthesis,
      environment,
      remove,
      keep,
      events: sink,
    });
    await sink.emit({
      level: 'info',
      message: `Destroyed ${remove.length} stacks of ${environment.name}${
        keep.length > 0 ? `; kept ${keep.map(s => s.stackName).join(', ')}` : ''
      }`,
    });
    const keptNames = new Set(keep.map(s => s.stackName));
    const recorded = await this.deps.registry.finishDeployment(
      deployment,
      { status: 'succeeded' },
      {
        status: 'destroyed',
        stacks: keep,
        outputs: keptOutputs(environment.outputs, keptNames),
        entities: [],
        lastDeploymentId: deployment.id,
      },
    );
    if (recorded) {
      await this.publish(environment.name, 'destroyed');
    }
  }

  /**
   * What there is to destroy, in deployment order: for a cloud target the
   * environment's stacks that exist there now (those a failed deployment
   * left without a record included, those already deleted by an earlier
   * attempt left out); in the sandbox the record.
   */
  private async stacksToDestroy(
    environment: EnvironmentRecord,
    synthesis: SynthesizedEnvironment | undefined,
    sink: DeploymentEventSink,
  ): Promise<RecordedStack[]> {
    const recorded = environment.stacks ?? [];
    if (!synthesis) {
      return recorded;
    }
    const found = await this.deps.targets[
      environment.source
    ].findDeployedStacks({ synthesis });
    const recordedByName = new Map(recorded.map(s => [s.stackName, s]));
    const unrecorded = found.filter(s => !recordedByName.has(s.stackName));
    if (unrecorded.length > 0) {
      await sink.emit({
        level: 'warning',
        message: `Found ${unrecorded
          .map(stack => stack.stackName)
          .join(
            ', ',
          )} in CloudFormation without a successful deployment (a failed deployment left them); destroying them too`,
      });
    }
    const foundNames = new Set(found.map(s => s.stackName));
    const gone = recorded.filter(s => !foundNames.has(s.stackName));
    if (gone.length > 0) {
      await sink.emit({
        level: 'info',
        message: `Already gone from CloudFormation: ${gone
          .map(stack => stack.stackName)
          .join(', ')}`,
      });
    }
    return found.map(stack => recordedByName.get(stack.stackName) ?? stack);
  }

  private async publish(
    environment: string,
    change: AwsEnvironmentsEventPayload['change'],
  ) {
    const eventPayload: AwsEnvironmentsEventPayload = { environment, change };
    try {
      await this.deps.events.publish({
        topic: AWS_ENVIRONMENTS_TOPIC,
        eventPayload,
      });
    } catch (error) {
      // The catalog also refreshes on its schedule; a lost event only delays it.
      this.deps.logger.warn(
        `Could not publish the ${change} event of ${environment}: ${stringifyError(
          error,
        )}`,
      );
    }
  }
}

function keptOutputs(
  outputs: Record<string, string>,
  keptStacks: Set<string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).filter(([key]) =>
      keptStacks.has(key.slice(0, key.indexOf('.'))),
    ),
  );
}
