import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  CreateDeploymentRequest,
  Deployment,
  DeploymentEvent,
  DeploymentStatus,
  DestroyEnvironmentRequest,
  EnvironmentDetail,
} from '@innovate/plugin-aws-environments-common';
import type { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import type { CatalogLookup } from '../services/CatalogLookup';

const event = (message: string): DeploymentEvent => ({
  at: '2026-11-26T12:00:00.000Z',
  level: 'info',
  message,
});

/**
 * An in-memory aws-environments backend: each deployment moves one step per
 * poll through `script` (statuses with the events added at that step).
 */
export class FakeAwsEnvironmentsBackend implements AwsEnvironmentsBackend {
  readonly calls: string[] = [];
  readonly environments = new Map<string, EnvironmentDetail>();
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

  async getEnvironment(name: string) {
    this.calls.push(`getEnvironment ${name}`);
    return this.environments.get(name);
  }

  async createDeployment(name: string, request: CreateDeploymentRequest) {
    this.calls.push(
      `createDeployment ${name} ${request.source} ${request.approval}`,
    );
    if (this.environments.has(name) && request.mode !== 'update') {
      throw new ConflictError(`${name} exists`);
    }
    return { id: `dep-${name}`, environment: name, status: 'queued' as const };
  }

  async getDeployment(name: string, id: string): Promise<Deployment> {
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
    if (!this.environments.has(name)) throw new NotFoundError(name);
    return {
      id: `destroy-${name}`,
      environment: name,
      status: 'queued' as const,
    };
  }

  async getEntities(name: string): Promise<Entity[]> {
    this.calls.push(`getEntities ${name}`);
    return [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          annotations: { 'innovate.io/aws-component': 'environment' },
        },
        spec: { type: 'aws-environment', owner: 'group:default/platform-team' },
      },
    ];
  }
}

/** A catalog that has every entity it is asked for, and says so. */
export class FakeCatalogLookup implements CatalogLookup {
  readonly waited: string[] = [];
  async waitForEntity(entityRef: string) {
    this.waited.push(entityRef);
  }
}

/** A minimal environment record for `environments`. */
export function environmentDetail(name: string): EnvironmentDetail {
  return {
    name,
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
