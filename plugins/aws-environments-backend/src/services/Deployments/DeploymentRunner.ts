import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import type { DataSourceKind } from '@innovate/plugin-aws-environments-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  DeploymentRecord,
  EnvironmentRecord,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../Synthesizer/types';
import { summarizeChecks } from './checkSummary';
import type {
  DeploymentEventSink,
  DeploymentTarget,
  DeployOutcome,
} from './types';

/**
 * Outcomes are written only while the deployment is still ours: a
 * deployment declared lost (stale heartbeat) stays failed.
 */
const STILL_RUNNING = { expectStatus: 'running' as const };

/** Topic of the events published after each finished deployment. */
export const AWS_ENVIRONMENTS_TOPIC = 'aws-environments';

/** Payload of the events on {@link AWS_ENVIRONMENTS_TOPIC}. */
export interface AwsEnvironmentsEventPayload {
  environment: string;
  change: 'deployed' | 'destroyed';
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

  async run(deployment: DeploymentRecord, sink: DeploymentEventSink) {
    const { registry } = this.deps;
    const outdir = path.join(
      this.deps.workDirectory,
      'aws-environments',
      `${deployment.id}-${deployment.phase}`,
    );
    try {
      const environment = await registry.getEnvironment(deployment.environment);
      if (!environment) {
        throw new Error(`Environment '${deployment.environment}' is gone`);
      }
      if (deployment.action === 'destroy') {
        await this.destroy(deployment, environment, sink, outdir);
      } else if (deployment.phase === 'execute') {
        await this.execute(deployment, environment, sink, outdir);
      } else {
        await this.prepare(deployment, environment, sink, outdir);
      }
    } catch (error) {
      const message = stringifyError(error);
      this.deps.logger.warn(
        `Deployment ${deployment.id} of ${deployment.environment} failed: ${message}`,
      );
      await sink.emit({ level: 'error', message });
      await registry.transaction(async tx => {
        if (
          await tx.updateDeployment(
            deployment.id,
            {
              status: 'failed',
              error: message,
              finishedAt: new Date().toISOString(),
            },
            STILL_RUNNING,
          )
        ) {
          await tx.updateEnvironment(deployment.environment, {
            status: 'failed',
          });
        }
      });
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

  private async prepare(
    deployment: DeploymentRecord,
    environment: EnvironmentRecord,
    sink: DeploymentEventSink,
    outdir: string,
  ) {
    await this.deps.registry.updateEnvironment(environment.name, {
      status: 'deploying',
    });
    const synthesis = await this.synthesize(deployment, sink, outdir);
    const target = this.deps.targets[deployment.source];
    const input = { deployment, synthesis, environment, events: sink };
    if (deployment.approval === 'required') {
      const changeSets = await target.createChangeSets(input);
      const changes = changeSets.reduce((n, c) => n + c.changes.length, 0);
      await sink.emit({
        level: 'info',
        message: `${changeSets.length} change sets with ${changes} changes are waiting for approval`,
      });
      await this.deps.registry.transaction(async tx => {
        if (
          await tx.updateDeployment(
            deployment.id,
            { status: 'awaiting-approval', changeSets },
            STILL_RUNNING,
          )
        ) {
          await tx.updateEnvironment(environment.name, {
            status: 'awaiting-approval',
          });
        }
      });
      return;
    }
    const outcome = await target.deploy(input);
    await this.succeedDeploy(deployment, synthesis, outcome, sink);
  }

  private async execute(
    deployment: DeploymentRecord,
    environment: EnvironmentRecord,
    sink: DeploymentEventSink,
    outdir: string,
  ) {
    await this.deps.registry.updateEnvironment(environment.name, {
      status: 'deploying',
    });
    const synthesis = await this.synthesize(deployment, sink, outdir);
    const outcome = await this.deps.targets[
      deployment.source
    ].executeChangeSets({
      deployment,
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
    const recorded = await this.deps.registry.transaction(async tx => {
      if (
        !(await tx.updateDeployment(
          deployment.id,
          { status: 'succeeded', finishedAt: new Date().toISOString() },
          STILL_RUNNING,
        ))
      ) {
        return false;
      }
      await tx.updateEnvironment(deployment.environment, {
        status: 'deployed',
        source: deployment.source,
        spec: deployment.spec,
        outputs: outcome.outputs,
        stacks: synthesis.stacks,
        entities: synthesis.entities,
        checks: synthesis.checks,
        lastDeploymentId: deployment.id,
      });
      return true;
    });
    if (recorded) {
      await this.publish(deployment.environment, 'deployed');
    }
  }

  private async destroy(
    deployment: DeploymentRecord,
    environment: EnvironmentRecord,
    sink: DeploymentEventSink,
    outdir: string,
  ) {
    await this.deps.registry.updateEnvironment(environment.name, {
      status: 'destroying',
    });
    const stacks = environment.stacks ?? [];
    const keep = deployment.destroyData ? [] : stacks.filter(s => s.stateful);
    // Recorded in deployment order: delete dependents first.
    const remove = stacks.filter(s => !keep.includes(s)).reverse();
    const target = this.deps.targets[deployment.source];
    // Toolkit-lib destroys from a cloud assembly; the sandbox needs none.
    const synthesis =
      deployment.source === 'aws' && remove.length > 0
        ? await this.synthesize(deployment, sink, outdir)
        : undefined;
    await target.destroy({
      deployment,
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
    const recorded = await this.deps.registry.transaction(async tx => {
      if (
        !(await tx.updateDeployment(
          deployment.id,
          { status: 'succeeded', finishedAt: new Date().toISOString() },
          STILL_RUNNING,
        ))
      ) {
        return false;
      }
      await tx.updateEnvironment(environment.name, {
        status: 'destroyed',
        stacks: keep,
        outputs: keptOutputs(environment.outputs, keptNames),
        entities: [],
        lastDeploymentId: deployment.id,
      });
      return true;
    });
    if (recorded) {
      await this.publish(environment.name, 'destroyed');
    }
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
