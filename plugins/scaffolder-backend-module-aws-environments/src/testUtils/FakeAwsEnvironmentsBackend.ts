import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  CreateDeploymentRequest,
  Deployment,
  DeploymentEvent,
  DeploymentStatus,
  DestroyEnvironmentRequest,
  EnvironmentDetail,
} from '@innovate/plugin-aws-environments-common';
import {
  AwsEnvironmentsBackend,
  backendResponseError,
} from '../services/AwsEnvironmentsBackendClient';
import type { CatalogLookup } from '../services/CatalogLookup';

const event = (message: string): DeploymentEvent => ({
  at: '2026-11-26T12:00:00.000Z',
  level: 'info',
  message,
});

/** The owner the fake gives a new environment left without one. */
export const REQUESTERS_FIRST_GROUP = 'group:default/platform-team';

/** Who the credentials are: the user's entity ref, or the service. */
function whoIs(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'nobody';
}

/**
 * The error the real client throws when the backend answers `status` with a
 * Backstage error body, or when there is no answer (`network`).
 */
export async function clientError(
  status: number | 'network',
  message = 'Something went wrong',
): Promise<Error> {
  if (status === 'network') {
    return new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7007'), {
        code: 'ECONNREFUSED',
      }),
    });
  }
  const names: Record<number, string> = {
    401: 'AuthenticationError',
    403: 'NotAllowedError',
    404: 'NotFoundError',
    429: 'Error',
    503: 'ServiceUnavailableError',
  };
  return backendResponseError(
    Response.json(
      {
        error: { name: names[status] ?? 'Error', message },
        response: { statusCode: status },
      },
      { status },
    ),
  );
}

/**
 * An in-memory aws-environments backend: each deployment moves one step per
 * successful read through `script` (statuses with the events added at that
 * step). Reads as a user whose token has expired (`expiresAt` past) fail
 * with a 401, as the real backend's do; `readers` says who each read of a
 * deployment was made as, and `failReads` makes the next reads fail. A
 * created environment is recorded with its owner (the request's, else
 * {@link REQUESTERS_FIRST_GROUP}); an update keeps the stored owner unless
 * the request names one. With `refuse` set to a permission name, every
 * write fails as the real client fails on a 403.
 */
export class FakeAwsEnvironmentsBackend implements AwsEnvironmentsBackend {
  readonly calls: string[] = [];
  readonly requests: CreateDeploymentRequest[] = [];
  readonly environments = new Map<string, EnvironmentDetail>();
  refuse?: string;
  /**
   * With a permission name set, reads of an environment and its entities
   * fail as the real client fails on a 403.
   */
  refuseReads?: string;
  /** Who each read of an environment was made as. */
  readonly environmentReaders: string[] = [];
  /** An environment's catalog entities, where the test sets them. */
  readonly entities = new Map<string, Entity[]>();
  /** Who each read of a deployment was made as. */
  readonly readers: string[] = [];
  /**
   * How the next reads of a deployment fail, one each, in order; an
   * undefined entry lets that read succeed.
   */
  failReads: Array<
    { status: number | 'network'; message?: string } | undefined
  > = [];
  script: Array<{
    status: DeploymentStatus;
    events: string[];
    error?: string;
  }> = [
    { status: 'running', events: ['Synthesized 8 stacks'] },
    {
      status: 'succeeded',
      events: ['innovate-x-network CREATE_COMPLETE', 'Deployment finished'],
    },
  ];
  private polls = new Map<string, number>();

  async getEnvironment(name: string, credentials?: BackstageCredentials) {
    this.calls.push(`getEnvironment ${name}`);
    if (credentials) {
      this.environmentReaders.push(whoIs(credentials));
    }
    this.refuseReadIfTold();
    return this.environments.get(name);
  }

  async createDeployment(name: string, request: CreateDeploymentRequest) {
    this.calls.push(
      `createDeployment ${name} ${request.source} ${request.approval}`,
    );
    this.requests.push(request);
    this.refuseIfTold();
    const existing = this.environments.get(name);
    if (existing && request.mode !== 'update') {
      throw new ConflictError(`${name} exists`);
    }
    this.environments.set(
      name,
      environmentDetail(
        name,
        request.owner ?? existing?.owner ?? REQUESTERS_FIRST_GROUP,
      ),
    );
    return { id: `dep-${name}`, environment: name, status: 'queued' as const };
  }

  async getDeployment(
    name: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Deployment> {
    this.readers.push(whoIs(credentials));
    await this.authenticate(credentials);
    const failure = this.failReads.shift();
    if (failure) throw await clientError(failure.status, failure.message);
    const step = Math.min(this.polls.get(id) ?? 0, this.script.length - 1);
    this.polls.set(id, step + 1);
    const events = this.script
      .slice(0, step + 1)
      .flatMap(s => s.events.map(event));
    return {
      id,
      environment: name,
      source: 'sandbox',
      action: id.startsWith('destroy') ? 'destroy' : 'deploy',
      status: this.script[step].status,
      approval: 'auto',
      requestedBy: 'user:default/mock',
      createdAt: '2026-11-26T12:00:00.000Z',
      error: this.script[step].error,
      events,
    };
  }

  async destroyEnvironment(name: string, request: DestroyEnvironmentRequest) {
    this.calls.push(
      `destroyEnvironment ${name} destroyData=${!!request.destroyData}`,
    );
    this.refuseIfTold();
    if (!this.environments.has(name)) throw new NotFoundError(name);
    return {
      id: `destroy-${name}`,
      environment: name,
      status: 'queued' as const,
    };
  }

  private async authenticate(credentials: BackstageCredentials) {
    const { expiresAt } = credentials;
    if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) {
      throw await clientError(401, 'Token has expired');
    }
  }

  private refuseReadIfTold() {
    if (this.refuseReads) {
      throw new NotAllowedError(
        `Not allowed: ${this.refuseReads} is required for this request (HTTP 403)`,
      );
    }
  }

  private refuseIfTold() {
    if (this.refuse) {
      throw new NotAllowedError(
        `Not allowed: ${this.refuse} is required for this request (HTTP 403)`,
      );
    }
  }

  async getEntities(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    this.calls.push(`getEntities ${name}`);
    await this.authenticate(credentials);
    this.refuseReadIfTold();
    const set = this.entities.get(name);
    if (set) {
      return set;
    }
    return [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          annotations: { 'innovate.io/aws-component': 'environment' },
        },
        spec: {
          type: 'aws-environment',
          owner: this.environments.get(name)?.owner ?? REQUESTERS_FIRST_GROUP,
        },
      },
    ];
  }
}

/** A catalog that has every entity it is asked for, and says so. */
export class FakeCatalogLookup implements CatalogLookup {
  readonly waited: string[] = [];
  /** Who each wait was made as. */
  readonly waitedAs: string[] = [];
  async waitForEntity(entityRef: string, credentials: BackstageCredentials) {
    this.waited.push(entityRef);
    this.waitedAs.push(whoIs(credentials));
  }
}

/** A minimal environment record for `environments`. */
export function environmentDetail(
  name: string,
  owner = REQUESTERS_FIRST_GROUP,
): EnvironmentDetail {
  return {
    name,
    owner,
    source: 'sandbox',
    status: 'deployed',
    region: 'us-east-1',
    accounts: { management: '111111111111', workloads: '222222222222' },
    budgetUsd: 430,
    createdAt: '2026-11-26T12:00:00.000Z',
    updatedAt: '2026-11-26T12:00:00.000Z',
    spec: {} as EnvironmentDetail['spec'],
    outputs: {},
    deployments: [],
  };
}
