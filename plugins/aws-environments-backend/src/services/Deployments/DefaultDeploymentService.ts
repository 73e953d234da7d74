import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  CreateDeploymentRequest,
  CreateDeploymentResponse,
  DataSourceKind,
  Deployment,
  DestroyEnvironmentRequest,
  EnvironmentSpec,
  FieldError,
} from '@innovate/plugin-aws-environments-common';
import { randomUUID } from 'node:crypto';
import { FieldValidationError } from '../../errors';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  EnvironmentRecord,
  EnvironmentRegistry,
  EnvironmentRegistryOperations,
} from '../EnvironmentRegistry/types';
import type { DeploymentService } from './types';

/** Validates a spec as sent by a client (common's `validateEnvironmentSpec`). */
export type SpecValidator = (
  input: unknown,
) => { ok: true; spec: EnvironmentSpec } | { ok: false; errors: FieldError[] };

/** The registry flag that records that the seed environment was registered. */
export const SEED_FLAG = 'seed-environment';

/**
 * Accepts deployment requests: validates them, applies the rules (one
 * active deployment per environment, create vs update, the destroy
 * confirmation) in a transaction, queues the deployment and wakes the
 * worker. Nothing is written when a request is refused.
 */
export class DefaultDeploymentService implements DeploymentService {
  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      validateSpec: SpecValidator;
      defaultSource: DataSourceKind;
      /** Wakes the queue worker. */
      onQueued: () => void;
    },
  ) {}

  async requestDeployment(
    name: string,
    request: CreateDeploymentRequest,
    requestedBy: string,
  ): Promise<CreateDeploymentResponse> {
    let spec: EnvironmentSpec | undefined;
    if (request.spec !== undefined) {
      const result = this.deps.validateSpec(request.spec);
      if (!result.ok) {
        throw new FieldValidationError(
          result.errors.map(e => ({ ...e, field: `spec.${e.field}` })),
        );
      }
      if (result.spec.name !== name) {
        throw new FieldValidationError([
          {
            field: 'spec.name',
            message: `must be the environment name in the URL, '${name}'`,
          },
        ]);
      }
      spec = result.spec;
    }
    const mode = request.mode ?? 'create';
    const id = randomUUID();

    const response = await this.deps.registry.transaction(async tx => {
      const existing = await tx.getEnvironment(name, { lock: true });
      const live = existing && existing.status !== 'destroyed';
      if (live && mode === 'create') {
        throw new ConflictError(
          `Environment '${name}' already exists; send mode 'update' to change it`,
        );
      }
      if (
        live &&
        request.source !== undefined &&
        request.source !== existing.source
      ) {
        throw new FieldValidationError([
          {
            field: 'source',
            message: `environment '${name}' lives in the ${existing.source}; its source cannot change. Destroy it first, or use another name`,
          },
        ]);
      }
      const deploySpec = spec ?? existing?.spec;
      if (!deploySpec) {
        throw new FieldValidationError([
          {
            field: 'spec',
            message: `is required: environment '${name}' does not exist yet`,
          },
        ]);
      }
      const source =
        request.source ??
        (live ? existing.source : undefined) ??
        this.deps.defaultSource;
      await this.supersedePending(tx, name, id);
      if (!existing) {
        await tx.createEnvironment({
          name,
          source,
          status: 'pending',
          spec: deploySpec,
        });
      } else if (!live) {
        // Recreating a destroyed environment, possibly in another source.
        await tx.updateEnvironment(name, { status: 'pending', source });
      }
      await tx.createDeployment({
        id,
        environment: name,
        source,
        action: 'deploy',
        approval: request.approval ?? 'auto',
        destroyData: false,
        requestedBy,
        spec: deploySpec,
      });
      await tx.appendEvents(id, [
        {
          level: 'info',
          message: `Queued by ${requestedBy} (${mode}, approval ${
            request.approval ?? 'auto'
          })`,
        },
      ]);
      return { id, environment: name, status: 'queued' as const };
    });
    this.deps.onQueued();
    return response;
  }

  async requestDestroy(
    name: string,
    request: DestroyEnvironmentRequest,
    requestedBy: string,
  ): Promise<Deployment> {
    if (request.confirm !== name) {
      throw new FieldValidationError([
        {
          field: 'confirm',
          message: `must repeat the environment name '${name}' to confirm the destroy`,
        },
      ]);
    }
    const id = randomUUID();
    await this.deps.registry.transaction(async tx => {
      const existing = await this.requireEnvironment(tx, name);
      if (existing.status === 'destroyed') {
        throw new ConflictError(`Environment '${name}' is already destroyed`);
      }
      await this.supersedePending(tx, name, id);
      await tx.createDeployment({
        id,
        environment: name,
        source: existing.source,
        action: 'destroy',
        approval: 'auto',
        destroyData: request.destroyData ?? false,
        requestedBy,
        spec: existing.spec,
      });
      await tx.appendEvents(id, [
        {
          level: 'info',
          message: `Destroy queued by ${requestedBy}; ${
            request.destroyData
              ? 'the database stack will be deleted too'
              : 'the database stack will be kept'
          }`,
        },
      ]);
    });
    this.deps.onQueued();
    return (await this.deps.registry.getDeploymentWithEvents(id))!;
  }

  async executeChangeSets(
    name: string,
    deploymentId: string,
    requestedBy: string,
  ): Promise<CreateDeploymentResponse> {
    await this.deps.registry.transaction(async tx => {
      await this.requireEnvironment(tx, name);
      const deployment = await tx.getDeployment(deploymentId);
      if (!deployment || deployment.environment !== name) {
        throw new NotFoundError(
          `Environment '${name}' has no deployment '${deploymentId}'`,
        );
      }
      const moved = await tx.updateDeployment(
        deploymentId,
        { status: 'queued', phase: 'execute' },
        { expectStatus: 'awaiting-approval' },
      );
      if (!moved) {
        throw new ConflictError(
          `Deployment '${deploymentId}' is ${deployment.status}; only a deployment awaiting approval can be executed`,
        );
      }
      await tx.appendEvents(deploymentId, [
        {
          level: 'info',
          message: `Change sets approved by ${requestedBy}; queued for execution`,
        },
      ]);
    });
    this.deps.onQueued();
    return { id: deploymentId, environment: name, status: 'queued' };
  }

  /**
   * Registers the seed's own environment and queues its sandbox deployment,
   * once per database: the flag and the rows are written in one transaction.
   */
  async seed(spec: EnvironmentSpec): Promise<boolean> {
    const seeded = await this.deps.registry.transaction(async tx => {
      if (!(await tx.setFlagOnce(SEED_FLAG))) {
        return false;
      }
      if (await tx.getEnvironment(spec.name)) {
        return false;
      }
      const id = randomUUID();
      await tx.createEnvironment({
        name: spec.name,
        source: 'sandbox',
        status: 'pending',
        spec,
      });
      await tx.createDeployment({
        id,
        environment: spec.name,
        source: 'sandbox',
        action: 'deploy',
        approval: 'auto',
        destroyData: false,
        requestedBy: 'plugin:aws-environments',
        spec,
      });
      await tx.appendEvents(id, [
        {
          level: 'info',
          message:
            'Queued at first start: the seed architecture, deployed to the sandbox so a fresh portal has an environment to show',
        },
      ]);
      return true;
    });
    if (seeded) {
      this.deps.onQueued();
    }
    return seeded;
  }

  private async requireEnvironment(
    tx: EnvironmentRegistryOperations,
    name: string,
  ): Promise<EnvironmentRecord> {
    const environment = await tx.getEnvironment(name, { lock: true });
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    return environment;
  }

  /**
   * One deployment at a time per environment: a queued or running one
   * blocks the request; one awaiting approval is cancelled by it.
   */
  private async supersedePending(
    tx: EnvironmentRegistryOperations,
    name: string,
    supersededBy: string,
  ) {
    const active = await tx.listDeployments(name, {
      statuses: ACTIVE_DEPLOYMENT_STATUSES,
    });
    for (const deployment of active) {
      if (deployment.status !== 'awaiting-approval') {
        throw new ConflictError(
          `Environment '${name}' has deployment '${deployment.id}' ${deployment.status}; wait for it to finish`,
        );
      }
    }
    for (const deployment of active) {
      await tx.updateDeployment(deployment.id, {
        status: 'cancelled',
        error: `Superseded by deployment ${supersededBy} before its change sets were executed`,
        finishedAt: new Date().toISOString(),
      });
      await tx.appendEvents(deployment.id, [
        {
          level: 'warning',
          message: `Cancelled: superseded by deployment ${supersededBy}`,
        },
      ]);
    }
  }
}
