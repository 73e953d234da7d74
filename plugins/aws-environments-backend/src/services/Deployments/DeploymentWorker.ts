import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { RunAgainCoalescer } from '@innovate/plugin-aws-environments-common';
import type {
  DeploymentRecord,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import { RegistryDeploymentLease } from './DeploymentLease';
import type { DeploymentRunner } from './DeploymentRunner';
import type { DeploymentEventSink } from './types';

/**
 * Works the deployment queue in the database. Every backend instance runs
 * one; a deployment is claimed by exactly one of them, which keeps its
 * heartbeat fresh while it runs. A running deployment whose heartbeat went
 * stale (its instance crashed or was stopped) is marked failed, so nothing
 * stays "running" forever.
 */
export class DeploymentWorker {
  private readonly drain = new RunAgainCoalescer(
    () => this.drainOnce(),
    () => !this.stopped,
  );
  private stopped = false;
  private readonly heartbeats = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      runner: DeploymentRunner;
      logger: LoggerService;
      workerId: string;
      /** A running deployment without a heartbeat for this long is lost. */
      leaseTimeoutMs: number;
      /** Deployments this instance runs at the same time. */
      concurrency?: number;
    },
  ) {}

  /** Starts working the queue now, without waiting for the next poll. */
  kick(): void {
    this.runOnce().catch(error =>
      this.deps.logger.error(
        `Deployment queue run failed: ${stringifyError(error)}`,
      ),
    );
  }

  /** Recovers lost deployments, then runs queued ones until the queue is empty. */
  runOnce(): Promise<void> {
    return this.drain.run();
  }

  private async drainOnce() {
    await this.recoverLost();
    // allSettled: the drain must stay running until every loop has
    // stopped, or a failing loop would let a new run exceed the
    // concurrency while the others still work.
    const loops = await Promise.allSettled(
      Array.from({ length: this.deps.concurrency ?? 2 }, () =>
        this.claimLoop(),
      ),
    );
    const failed = loops.find(loop => loop.status === 'rejected');
    if (failed) {
      throw (failed as PromiseRejectedResult).reason;
    }
  }

  /** Stops claiming deployments (at backend shutdown). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.heartbeats) {
      clearInterval(timer);
    }
    this.heartbeats.clear();
  }

  private async claimLoop() {
    while (!this.stopped) {
      const deployment = await this.deps.registry.claimNextDeployment(
        this.deps.workerId,
      );
      if (!deployment) {
        return;
      }
      await this.execute(deployment);
    }
  }

  private async execute(deployment: DeploymentRecord) {
    const { registry, logger, workerId, leaseTimeoutMs } = this.deps;
    const sink: DeploymentEventSink = {
      emit: event => registry.appendEvents(deployment.id, [event]),
    };
    const key = {
      deploymentId: deployment.id,
      workerId,
      leaseToken: deployment.leaseToken ?? '',
    };
    const heartbeat = setInterval(() => {
      registry
        .heartbeat(key)
        .then(held => {
          if (!held) {
            logger.warn(
              `Deployment ${deployment.id} was taken over by another instance; this run changes nothing more in AWS`,
            );
          }
        })
        .catch(error =>
          logger.warn(
            `Heartbeat of deployment ${deployment.id} failed: ${stringifyError(
              error,
            )}`,
          ),
        );
    }, Math.max(1000, Math.floor(leaseTimeoutMs / 4)));
    this.heartbeats.add(heartbeat);
    logger.info(
      `Running ${deployment.action} ${deployment.id} (${deployment.phase}) of ${deployment.environment} in the ${deployment.source}`,
    );
    try {
      await this.deps.runner.run(
        deployment,
        sink,
        new RegistryDeploymentLease(registry, key),
      );
    } finally {
      clearInterval(heartbeat);
      this.heartbeats.delete(heartbeat);
    }
  }

  private async recoverLost() {
    const { registry, logger, leaseTimeoutMs } = this.deps;
    const lost = await registry.findLostDeployments(
      new Date(Date.now() - leaseTimeoutMs),
    );
    for (const deployment of lost) {
      const error =
        deployment.source === 'aws'
          ? `Interrupted: the backend instance running this deployment stopped (last heartbeat ${
              deployment.heartbeatAt ?? 'never'
            }). CloudFormation may have finished or rolled back the stacks on its own; check them in the AWS console, then start a new deployment.`
          : `Interrupted: the backend instance running this deployment stopped (last heartbeat ${
              deployment.heartbeatAt ?? 'never'
            }). Start a new deployment to retry.`;
      const marked = await registry.finishDeployment(
        deployment,
        { status: 'failed', error },
        { status: 'failed' },
        [{ level: 'error', message: error }],
      );
      if (marked) {
        logger.warn(
          `Marked deployment ${deployment.id} of ${deployment.environment} failed: its worker is gone`,
        );
      }
    }
  }
}
