import type {
  DeploymentLeaseKey,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';

/** The run lost its deployment to another backend instance. */
export class LeaseLostError extends Error {
  name = 'LeaseLostError';
}

/**
 * A run's hold on its deployment, checked before every change in AWS
 * (fencing): once another instance has taken the deployment over, a stalled
 * worker that wakes up changes nothing.
 */
export interface DeploymentLease {
  /** Throws a LeaseLostError when the run no longer holds the deployment. */
  assertHeld(): Promise<void>;
}

/** The lease as the registry records it (worker id and fencing token). */
export class RegistryDeploymentLease implements DeploymentLease {
  constructor(
    private readonly registry: Pick<EnvironmentRegistry, 'holdsLease'>,
    private readonly key: DeploymentLeaseKey,
  ) {}

  async assertHeld(): Promise<void> {
    if (!(await this.registry.holdsLease(this.key))) {
      throw new LeaseLostError(
        `Deployment ${this.key.deploymentId} was taken over by another backend instance (its run by ${this.key.workerId} lost the lease); this run stops without changing anything more`,
      );
    }
  }
}
