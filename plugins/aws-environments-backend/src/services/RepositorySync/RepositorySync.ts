import type {
  AuditorService,
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ENVIRONMENT,
  diffSpecs,
  type EnvironmentSpec,
  type FieldError,
} from '@innovate/plugin-aws-environments-common';
import { createHash } from 'node:crypto';
import { FieldValidationError } from '../../errors';
import type { CheckNotificationStore, CheckNotifier } from '../Checks/types';
import type { SpecValidator } from '../Deployments/DefaultDeploymentService';
import type { DeploymentService } from '../Deployments/types';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  type DeploymentOrigin,
  type EnvironmentRecord,
  type EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import {
  ENVIRONMENT_FILE,
  LOCATION_FIELDS,
  repositoryLocationOf,
} from './location';
import {
  readEnvironmentFile,
  type ReadEnvironmentFile,
} from './readEnvironmentFile';
import {
  repositoryRequester,
  repositoryRequesterRef,
} from './repositoryRequester';
import type {
  ProposalRecord,
  RepositoryLocation,
  RepositorySyncResult,
  RepositorySyncStore,
} from './types';

/** The notification kind (and deduplication key) of an invalid environment.json. */
export const INVALID_SPEC_KIND = 'repository-invalid-spec';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Field errors of the deployment service name `spec.<field>`; the file has `<field>`. */
function fileFieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map(e => ({ ...e, field: e.field.replace(/^spec\./, '') }));
}

/**
 * Whether a file (read from where the catalog read the Component, its
 * `backstage.io/managed-by-location`, which the catalog sets) is in the
 * repository `https://<host>/<owner>/<repo>`.
 */
export function inRepository(file: string, repository: string): boolean {
  return file
    .toLocaleLowerCase('en-US')
    .startsWith(`${repository.toLocaleLowerCase('en-US')}/`);
}

/** How long a claim may stay without its deployment before it is retried. */
export const ABANDONED_CLAIM_MS = 15 * 60 * 1000;

/**
 * A claim whose deployment was never recorded (the instance stopped between
 * the claim and the request) and that is old enough not to be in progress.
 */
function abandoned(proposal: ProposalRecord, now = Date.now()): boolean {
  return (
    !proposal.deploymentId &&
    proposal.proposedAt !== undefined &&
    now - proposal.proposedAt.getTime() > ABANDONED_CLAIM_MS
  );
}

/**
 * Repository sync: a merge to an environment's repository becomes a
 * proposed change in the portal. Reads environment.json of every catalog
 * Component annotated `innovate.io/aws-environment` (the repositories the
 * create-aws-environment template wrote) and, when its spec differs from
 * the environment's and was not proposed before, requests an update that
 * waits for a person's approval (`approval: required`). Never applies a
 * change itself.
 */
export class RepositorySync {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      reader: UrlReaderService;
      registry: EnvironmentRegistry;
      deployments: Pick<DeploymentService, 'requestDeployment'>;
      validateSpec: SpecValidator;
      store: RepositorySyncStore;
      /** Deduplicates the notifications of an invalid file (per content). */
      notifications: CheckNotificationStore;
      notifier: CheckNotifier;
      auditor: AuditorService;
      logger: LoggerService;
    },
  ) {}

  /** Syncs every environment repository; one failing never stops the others. */
  async runAll(): Promise<RepositorySyncResult[]> {
    const results: RepositorySyncResult[] = [];
    for await (const entities of this.deps.catalog.streamEntities(
      {
        query: {
          kind: 'component',
          [`metadata.annotations.${ANNOTATION_AWS_ENVIRONMENT}`]: {
            $exists: true,
          },
        },
        fields: LOCATION_FIELDS,
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    )) {
      for (const entity of entities) {
        results.push(await this.syncSafely(entity));
      }
    }
    return results;
  }

  private async syncSafely(entity: Entity): Promise<RepositorySyncResult> {
    const entityRef = stringifyEntityRef(entity);
    try {
      return await this.sync(entity);
    } catch (error) {
      const reason = (error as Error).message;
      this.deps.logger.warn(
        `Repository sync of ${entityRef} failed: ${reason}; the next run tries again`,
      );
      return { entityRef, outcome: 'failed', reason };
    }
  }

  /** Syncs one repository's Component. */
  async sync(entity: Entity): Promise<RepositorySyncResult> {
    let location = repositoryLocationOf(entity);
    if ('skipped' in location) {
      this.deps.logger.debug(
        `Repository sync skips ${stringifyEntityRef(entity)}: ${
          location.skipped
        }`,
      );
      return {
        entityRef: stringifyEntityRef(entity),
        outcome: 'skipped',
        reason: location.skipped,
      };
    }
    const { entityRef, environment: name } = location;
    const environment = await this.deps.registry.getEnvironment(name);
    const refusal = this.refusal(location, environment);
    if (refusal || !environment?.repository) {
      const reason = refusal ?? `environment '${name}' does not exist`;
      this.deps.logger.info(`Repository sync skips ${entityRef}: ${reason}`);
      return { entityRef, environment: name, outcome: 'skipped', reason };
    }
    // Shown to the approver: the repository the portal recorded, which the
    // file was just checked to be in (not the entity's own annotations).
    location = { ...location, repository: environment.repository };

    const previousRead = await this.deps.store.getRead(entityRef);
    const read = await readEnvironmentFile(
      this.deps.reader,
      location.file,
      previousRead?.etag,
    );
    const result = { entityRef, environment: name };
    if (read.status === 'not-modified') {
      return { ...result, outcome: 'not-modified' };
    }
    if (read.status === 'not-found') {
      const reason = `${location.file} does not exist`;
      this.deps.logger.warn(`Repository sync skips ${entityRef}: ${reason}`);
      return { ...result, outcome: 'skipped', reason };
    }
    const parsed = this.parse(read, name);
    if (!parsed.ok) {
      await this.invalid(location, environment, read, parsed.errors);
      return { ...result, outcome: 'invalid', errors: parsed.errors };
    }
    return this.propose(location, environment, read, parsed.spec);
  }

  /** Why the repository may not propose for the environment, if it may not. */
  private refusal(
    location: RepositoryLocation,
    environment: EnvironmentRecord | undefined,
  ): string | undefined {
    if (!environment) {
      return `its ${ANNOTATION_AWS_ENVIRONMENT} annotation names environment '${location.environment}', which does not exist`;
    }
    if (environment.status === 'destroyed') {
      return `environment '${location.environment}' is destroyed; a repository does not recreate it`;
    }
    if (!environment.repository) {
      return `environment '${location.environment}' records no repository (it was created without one); deploy it once with "repository" set, e.g. from the create-aws-environment template, to let its repository propose changes`;
    }
    if (!inRepository(location.file, environment.repository)) {
      return `its catalog file is not in environment '${location.environment}'s repository ${environment.repository}; only that repository proposes changes`;
    }
    if (!environment.owner || location.owner !== environment.owner) {
      return `it is owned by ${location.owner ?? 'nobody'}, environment '${
        location.environment
      }' by ${
        environment.owner ?? 'nobody'
      }; only a repository of the environment's owner proposes changes`;
    }
    return undefined;
  }

  /** The file as a spec of this environment, or the fields that are wrong. */
  private parse(
    read: ReadEnvironmentFile,
    name: string,
  ): { ok: true; spec: EnvironmentSpec } | { ok: false; errors: FieldError[] } {
    let json: unknown;
    try {
      json = JSON.parse(read.content);
    } catch (error) {
      return {
        ok: false,
        errors: [
          {
            field: '(root)',
            message: `is not JSON: ${(error as Error).message}`,
          },
        ],
      };
    }
    const validation = this.deps.validateSpec(json);
    if (!validation.ok) {
      return validation;
    }
    if (validation.spec.name !== name) {
      return {
        ok: false,
        errors: [
          {
            field: 'name',
            message: `must be '${name}', the environment the catalog entity's ${ANNOTATION_AWS_ENVIRONMENT} annotation names`,
          },
        ],
      };
    }
    return validation;
  }

  /**
   * Proposes the spec unless it is the environment's, was proposed before,
   * or a deployment of the environment is in progress (the next run tries
   * again).
   */
  private async propose(
    location: RepositoryLocation,
    environment: EnvironmentRecord,
    read: ReadEnvironmentFile,
    spec: EnvironmentSpec,
  ): Promise<RepositorySyncResult> {
    const result = {
      entityRef: location.entityRef,
      environment: environment.name,
    };
    const done = () =>
      this.deps.store.recordRead({
        entityRef: location.entityRef,
        environment: environment.name,
        file: location.file,
        etag: read.etag,
      });
    const previous = await this.deps.store.getProposal(environment.name);
    if (diffSpecs(environment.spec, spec).length === 0) {
      // The file is the environment's spec again (applied, or reverted):
      // the same change later is a new proposal, even one refused before.
      if (previous) {
        await this.deps.store.clearProposal(environment.name);
      }
      await done();
      return { ...result, outcome: 'unchanged' };
    }
    const next: ProposalRecord = {
      environment: environment.name,
      specHash: sha256(JSON.stringify(spec)),
      repository: location.repository,
      ...(read.etag ? { etag: read.etag } : {}),
    };
    if (previous?.specHash === next.specHash && !abandoned(previous)) {
      await done();
      return { ...result, outcome: 'already-proposed' };
    }
    const origin: DeploymentOrigin = {
      type: 'repository',
      repository: location.repository,
      file: location.file,
      entityRef: location.entityRef,
      ...(read.etag ? { etag: read.etag } : {}),
    };
    const busy = await this.deploymentInProgress(environment.name, origin);
    if (busy) {
      this.deps.logger.info(
        `Repository sync defers ${location.entityRef}: ${busy}; the next run proposes its change`,
      );
      return { ...result, outcome: 'deferred', reason: busy };
    }
    if (!(await this.deps.store.claimProposal(next, previous))) {
      // Another run (on this instance or another) is proposing it.
      return { ...result, outcome: 'already-proposed' };
    }
    let requested: Awaited<ReturnType<RepositorySync['request']>>;
    try {
      requested = await this.request(environment, spec, origin, next);
    } catch (error) {
      // Give the claim back, or the change would never be proposed.
      await this.deps.store.releaseProposal(next, previous);
      throw error;
    }
    if ('deploymentId' in requested) {
      await this.deps.store.setProposalDeployment(next, requested.deploymentId);
      await done();
      return { ...result, outcome: 'proposed', ...requested };
    }
    await this.deps.store.releaseProposal(next, previous);
    if (requested.errors) {
      await this.invalid(location, environment, read, requested.errors);
      return { ...result, outcome: 'invalid', errors: requested.errors };
    }
    return { ...result, outcome: 'deferred', reason: requested.reason };
  }

  /**
   * Why a proposal must wait: a deployment queued or running, or one
   * awaiting approval that a person requested (a repository's own earlier
   * proposal is superseded by its newer one instead).
   */
  private async deploymentInProgress(
    name: string,
    origin: DeploymentOrigin,
  ): Promise<string | undefined> {
    const requester = repositoryRequesterRef(origin);
    const active = await this.deps.registry.listDeployments(name, {
      statuses: ACTIVE_DEPLOYMENT_STATUSES,
    });
    const blocking = active.find(
      d => d.status !== 'awaiting-approval' || d.requestedBy !== requester,
    );
    return blocking
      ? `deployment ${blocking.id} of environment '${name}' is ${blocking.status}`
      : undefined;
  }

  /**
   * Requests the update, awaiting approval, as an audited action of the
   * plugin on behalf of the repository. A conflict (a deployment started
   * meanwhile) defers; a refused spec is returned as field errors.
   */
  private async request(
    environment: EnvironmentRecord,
    spec: EnvironmentSpec,
    origin: DeploymentOrigin,
    proposal: ProposalRecord,
  ): Promise<
    { deploymentId: string } | { reason: string; errors?: FieldError[] }
  > {
    const event = await this.deps.auditor.createEvent({
      eventId: 'repository-proposal',
      severityLevel: 'medium',
      meta: {
        environment: environment.name,
        repository: origin.repository,
        file: origin.file,
        etag: origin.etag ?? null,
        entityRef: origin.entityRef ?? null,
        specHash: proposal.specHash,
      },
    });
    try {
      const { id } = await this.deps.deployments.requestDeployment(
        environment.name,
        { mode: 'update', spec, approval: 'required' },
        repositoryRequester(origin),
      );
      await event.success({ meta: { deploymentId: id } });
      this.deps.logger.info(
        `Repository sync proposed deployment ${id} of environment '${environment.name}' from ${origin.file}; it waits for approval`,
      );
      return { deploymentId: id };
    } catch (error) {
      await event.fail({ error: error as Error });
      if (error instanceof FieldValidationError) {
        return {
          reason: error.message,
          errors: fileFieldErrors(error.fieldErrors),
        };
      }
      if (error instanceof ConflictError || error instanceof NotFoundError) {
        this.deps.logger.info(
          `Repository sync defers environment '${environment.name}': ${error.message}`,
        );
        return { reason: error.message };
      }
      throw error;
    }
  }

  /**
   * Records the invalid file's errors and tells the environment's owner,
   * once per content of the file. Nothing is proposed.
   */
  private async invalid(
    location: RepositoryLocation,
    environment: EnvironmentRecord,
    read: ReadEnvironmentFile,
    errors: FieldError[],
  ) {
    const fields = errors.map(e => `${e.field}: ${e.message}`).join('; ');
    this.deps.logger.warn(
      `Repository sync proposes nothing for environment '${environment.name}': ${location.file} is invalid (${fields})`,
    );
    await this.deps.store.recordRead({
      entityRef: location.entityRef,
      environment: environment.name,
      file: location.file,
      etag: read.etag,
      errors,
    });
    const key = {
      environment: environment.name,
      kind: INVALID_SPEC_KIND,
      period: sha256(read.content),
    };
    if (!environment.owner || !(await this.deps.notifications.claim(key))) {
      return;
    }
    try {
      await this.deps.notifier.send({
        recipients: { type: 'entity', entityRef: environment.owner },
        payload: {
          title: `${environment.name}: ${ENVIRONMENT_FILE} in ${location.repository} is invalid`,
          description: `Nothing was proposed. Fix ${errors
            .map(e => e.field)
            .join(', ')} in ${location.file}: ${fields}`,
          link: location.file,
          severity: 'high',
          topic: 'aws-environments.repository',
          scope: `aws-environments:${environment.name}:${INVALID_SPEC_KIND}:${key.period}`,
        },
      });
    } catch (error) {
      await this.deps.notifications.release(key);
      this.deps.logger.warn(
        `Could not notify ${environment.owner} that ${
          location.file
        } is invalid: ${(error as Error).message}`,
      );
    }
  }
}
