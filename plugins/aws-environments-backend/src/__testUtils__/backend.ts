import {
  BackendFeature,
  createServiceFactory,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { DeploymentStatus } from '@innovate/plugin-aws-environments-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { awsEnvironmentsPlugin } from '../plugin';
import type { AwsClientFactory } from '../services/AwsClients/types';
import type { CdkToolkit } from '../services/Deployments/aws/CdkToolkit';
import {
  awsClientFactoryServiceRef,
  cdkToolkitServiceRef,
  environmentSynthesizerServiceRef,
} from '../services/refs';
import type { EnvironmentSynthesizer } from '../services/Synthesizer/types';
import { FakeSynthesizer } from './fakeSynthesizer';

export interface PluginBackendOptions {
  /** Merged over the test defaults (no seed, fast polling). */
  config?: JsonObject;
  synthesizer?: EnvironmentSynthesizer;
  toolkit?: CdkToolkit;
  awsClients?: AwsClientFactory;
  permissions?: Partial<PermissionsService>;
  userInfo?: Partial<UserInfoService>;
  /** The catalog's entities; by default the groups of catalog-info.yaml. */
  catalogEntities?: Entity[];
  /** A database shared between backends (restart and multi-instance tests). */
  knex?: Knex;
  /** More features or service factories (e.g. a notification service mock). */
  features?: BackendFeature[];
}

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** The groups of the seed's catalog (catalog-info.yaml). */
export const CATALOG_GROUPS = [
  group('platform-team'),
  group('application-team'),
];

/** Starts a test backend with the plugin and fakes for synth, toolkit and events. */
export async function startPluginBackend(options: PluginBackendOptions = {}) {
  const events = mockServices.events.mock();
  const synthesizer = options.synthesizer ?? new FakeSynthesizer();
  const awsEnvironments = (options.config?.awsEnvironments ?? {}) as JsonObject;
  const backend = await startTestBackend({
    features: [
      awsEnvironmentsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          awsEnvironments: {
            seedEnvironment: false,
            ...awsEnvironments,
            deployments: {
              pollInterval: { milliseconds: 200 },
              ...(awsEnvironments.deployments as JsonObject | undefined),
            },
          },
        },
      }),
      events.factory,
      createServiceFactory({
        service: environmentSynthesizerServiceRef,
        deps: {},
        factory: () => synthesizer,
      }),
      ...(options.toolkit
        ? [
            createServiceFactory({
              service: cdkToolkitServiceRef,
              deps: {},
              factory: () => options.toolkit!,
            }),
          ]
        : []),
      ...(options.awsClients
        ? [
            createServiceFactory({
              service: awsClientFactoryServiceRef,
              deps: {},
              factory: () => options.awsClients!,
            }),
          ]
        : []),
      ...(options.permissions
        ? [mockServices.permissions.mock(options.permissions).factory]
        : []),
      ...(options.userInfo
        ? [mockServices.userInfo.mock(options.userInfo).factory]
        : []),
      catalogServiceMock.factory({
        entities: options.catalogEntities ?? CATALOG_GROUPS,
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.features ?? []),
    ],
  });
  return { backend, server: backend.server, events, synthesizer };
}

const FINISHED: DeploymentStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'awaiting-approval',
];

/** Polls a deployment until it reaches one of the given statuses. */
export async function waitForDeployment(
  server: Parameters<typeof request>[0],
  environment: string,
  id: string,
  statuses: DeploymentStatus[] = FINISHED,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(server).get(
      `/api/aws-environments/v1/environments/${environment}/deployments/${id}`,
    );
    if (response.status === 200 && statuses.includes(response.body.status)) {
      return response.body;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Deployment ${id} did not reach ${statuses.join('/')}: ${JSON.stringify(
          response.body,
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
