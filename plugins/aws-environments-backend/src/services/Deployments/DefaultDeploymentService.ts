import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  awsEnvironmentApprovePermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentDestroyDataPermission,
  awsEnvironmentDestroyPermission,
  awsEnvironmentUpdatePermission,
  type CreateDeploymentRequest,
  type CreateDeploymentResponse,
  type DataSourceKind,
  type Deployment,
  type DestroyEnvironmentRequest,
  type EnvironmentSpec,
  type FieldError,
} from '@innovate/plugin-aws-environments-common';
import { randomUUID } from 'node:crypto';
import { FieldValidationError } from '../../errors';
import type { AccessCheck, Requester } from '../Access/types';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  EnvironmentRecord,
  EnvironmentRegistry,
  EnvironmentRegistryOperations,
} from '../EnvironmentRegistry/types';
import {
  boundToItsStacks,
  rejectDisallowedUpdate,
  resourceOf,
  sourceFor,
} from './deploymentRules';
import type { DeploymentService } from './types';

/** Validates a spec as sent by a client (common's `validateEnvironmentSpec`). */
export type SpecValidator = (
  input: unknown,
) => { ok: true; spec: EnvironmentSpec } | { ok: false; errors: FieldError[] };

/** The registry flag that records that the seed environment was registered. */
export const SEED_FLAG = 'seed-environment';

/**
 * Accepts deployment requests: validates them, checks the requester's
 * permissions on the environment (as it is, and as it would be), applies
 * the rules (one active deployment per environment, create vs update, the
 * destroy confirmation) in a transaction, queues the deployment and wakes
 * the worker. Nothing is written when a request is refused.
 */
export class DefaultDeploymentService implements DeploymentService {
  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      validateSpec: SpecValidator;
      defaultSource: DataSourceKind;
      /** Owner of the seed environment. */
      seedOwner: string;
      /** Deployments one user may have queued, running or awaiting approval. */
      perUserLimit: number;
      /** Wakes the queue worker. */
      onQueued: () => void;
    },
  ) {}

  async requestDeployment(
    name: string,
    request: CreateDeploymentRequest,
    requester: Requester,
  ): Promise<CreateDeploymentResponse> {
    const requestedBy = requester.userEntityRef;
    const spec = this.validRequestSpec(name, request);
    // The OpenAPI document checks the ids' shape.
    const allowedDeviations = [...new Set(request.allowedDeviations ?? [])];
    const acceptDataLoss = [...new Set(request.acceptDataLoss ?? [])];
    const mode = request.mode ?? 'create';
    const id = randomUUID();
    const authorized = await this.authorizeDeployment(name, request, requester);

    const response = await this.deps.registry.transaction(async tx => {
      const existing = await tx.getEnvironment(name, { lock: true });
      const live = existing && existing.status !== 'destroyed';
      if (live && mode === 'create') {
        throw new ConflictError(
          `Environment '${name}' already exists; send mode 'update' to change it`,
        );
      }
      const source = sourceFor(existing, request, this.deps.defaultSource);
      if (source !== authorized.source) {
        throw new ConflictError(
          `Environment '${name}' changed while the request was checked; send it again`,
        );
      }
      if (existing && spec && boundToItsStacks(existing)) {
        rejectDisallowedUpdate(existing, spec);
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
      await this.checkPerUserLimit(tx, requestedBy);
      if (existing && existing.owner !== authorized.ownerBefore) {
        throw new ConflictError(
          `Environment '${name}' changed owner while the request was checked; send it again`,
        );
      }
      await this.supersedePending(tx, name, id, requester);
      await recordEnvironment(tx, {
        name,
        existing,
        owner: authorized.owner,
        source,
        spec: deploySpec,
        repository: request.repository,
      });
      await tx.createDeployment({
        id,
        environment: name,
        source,
        action: 'deploy',
        approval: request.approval ?? 'auto',
        destroyData: false,
        requestedBy,
        allowedDeviations,
        acceptDataLoss,
        // A new owner of an existing environment takes over only when the
        // deployment succeeds, not while it waits for approval.
        newOwner:
          existing && authorized.owner !== existing.owner
            ? authorized.owner
            : undefined,
        origin: requester.origin,
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
    requester: Requester,
  ): Promise<Deployment> {
    const requestedBy = requester.userEntityRef;
    const current = await this.deps.registry.getEnvironmentHeader(name);
    if (!current) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    const checks: AccessCheck[] = [
      {
        permission: awsEnvironmentDestroyPermission,
        resource: resourceOf(current),
      },
    ];
    if (request.destroyData) {
      checks.push({
        permission: awsEnvironmentDestroyDataPermission,
        resource: resourceOf(current),
      });
    }
    await requester.authorize(...checks);
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
      if (
        existing.owner !== current.owner ||
        existing.source !== current.source
      ) {
        throw new ConflictError(
          `Environment '${name}' changed while the request was checked; send it again`,
        );
      }
      await this.supersedePending(tx, name, id, requester);
      await tx.createDeployment({
        id,
        environment: name,
        source: existing.source,
        action: 'destroy',
        approval: 'auto',
        destroyData: request.destroyData ?? false,
        requestedBy,
        allowedDeviations: [],
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
    requester: Requester,
  ): Promise<CreateDeploymentResponse> {
    const approvedBy = requester.userEntityRef;
    const current = await this.deps.registry.getEnvironmentHeader(name);
    const pending = await this.deps.registry.getDeployment(deploymentId);
    if (!current || !pending || pending.environment !== name) {
      throw new NotFoundError(
        `Environment '${name}' has no deployment '${deploymentId}'`,
      );
    }
    await requester.authorize({
      permission: awsEnvironmentApprovePermission,
      resource: { ...resourceOf(current), requestedBy: pending.requestedBy },
    });
    await this.deps.registry.transaction(async tx => {
      const environment = await this.requireEnvironment(tx, name);
      if (environment.owner !== current.owner) {
        throw new ConflictError(
          `Environment '${name}' changed owner while the approval was checked; send it again`,
        );
      }
      const deployment = await tx.getDeployment(deploymentId);
      if (!deployment || deployment.environment !== name) {
        throw new NotFoundError(
          `Environment '${name}' has no deployment '${deploymentId}'`,
        );
      }
      const moved = await tx.updateDeployment(
        deploymentId,
        { status: 'queued', phase: 'execute', approvedBy },
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
          message: `Change sets approved by ${approvedBy} (requested by ${deployment.requestedBy}); queued for execution`,
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
        owner: this.deps.seedOwner,
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
        requestedBy: `plugin:${AWS_ENVIRONMENTS_PLUGIN_ID}`,
        allowedDeviations: [],
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

  /** The request's spec, valid and named as the URL; undefined when it has none. */
  private validRequestSpec(
    name: string,
    request: CreateDeploymentRequest,
  ): EnvironmentSpec | undefined {
    if (request.spec === undefined) {
      return undefined;
    }
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
    return result.spec;
  }

  /**
   * Checks the requester's permissions for a deployment request and
   * returns the environment's owner before and after it: `update` on an
   * existing environment (a destroyed one too: its kept data is its
   * owner's), `create` on a new one as it would be, and `deploy-aws` when
   * it goes to AWS.
   */
  private async authorizeDeployment(
    name: string,
    request: CreateDeploymentRequest,
    requester: Requester,
  ): Promise<{
    ownerBefore: string | null;
    owner: string;
    source: DataSourceKind;
  }> {
    const existing = await this.deps.registry.getEnvironment(name);
    const source = sourceFor(existing, request, this.deps.defaultSource);
    const owner =
      request.owner !== undefined || !existing?.owner
        ? await requester.resolveOwner(request.owner)
        : existing.owner;
    const proposed = resourceOf({ name, owner, source });
    const checks: AccessCheck[] = existing
      ? [
          {
            permission: awsEnvironmentUpdatePermission,
            resource: resourceOf(existing),
          },
        ]
      : [{ permission: awsEnvironmentCreatePermission, resource: proposed }];
    if (source === 'aws') {
      checks.push({
        permission: awsEnvironmentDeployAwsPermission,
        resource: proposed,
      });
    }
    await requester.authorize(...checks);
    return { ownerBefore: existing?.owner ?? null, owner, source };
  }

  /** One user cannot fill the queue (and the synthesis worker) alone. */
  private async checkPerUserLimit(
    tx: EnvironmentRegistryOperations,
    requestedBy: string,
  ) {
    const active = await tx.countActiveDeployments(requestedBy);
    if (active >= this.deps.perUserLimit) {
      throw new ConflictError(
        `${requestedBy} already has ${active} deployments queued, running or awaiting approval (awsEnvironments.deployments.perUserLimit is ${this.deps.perUserLimit}); wait for one to finish, or cancel one awaiting approval by deploying its environment again`,
      );
    }
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
    requester: Requester,
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
      // A repository's proposal supersedes only its own earlier one, never
      // a person's change waiting for approval (checked here, under the
      // environment's lock, not only before the request).
      if (
        requester.origin &&
        deployment.requestedBy !== requester.userEntityRef
      ) {
        throw new ConflictError(
          `Environment '${name}' has deployment '${deployment.id}' awaiting approval, requested by ${deployment.requestedBy}; a repository's proposal waits for it`,
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

/**
 * The environment's row as a deployment request leaves it: created, made
 * pending again when it was destroyed, or given the repository a person
 * named.
 */
async function recordEnvironment(
  tx: EnvironmentRegistryOperations,
  input: {
    name: string;
    existing: EnvironmentRecord | undefined;
    owner: string;
    source: DataSourceKind;
    spec: EnvironmentSpec;
    repository?: string;
  },
) {
  const { name, existing, owner, source, spec, repository } = input;
  if (!existing) {
    await tx.createEnvironment({
      name,
      owner,
      ...(repository ? { repository } : {}),
      source,
      status: 'pending',
      spec,
    });
  } else if (existing.status === 'destroyed') {
    // Recreating a destroyed environment (in another source only when
    // none of its stacks were kept).
    await tx.updateEnvironment(name, {
      status: 'pending',
      source,
      ...(repository ? { repository } : {}),
    });
  } else if (repository && repository !== existing.repository) {
    // A person with update permission names the repository.
    await tx.updateEnvironment(name, { repository });
  }
}
