import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  AWS_ENVIRONMENTS_TOPIC,
  AwsEnvironmentsProvider,
} from './AwsEnvironmentsProvider';

const resource = (name: string, environment: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: { 'innovate.io/aws-environment': environment },
  },
  spec: { type: 'aws-environment', owner: 'group:default/platform-team' },
});

/** The aws-environments backend as a map of environment → status/entities. */
function fakeBackend(
  environments: Record<string, { status: string; entities: Entity[] }>,
) {
  const requests: string[] = [];
  const fetchMock = jest
    .spyOn(global, 'fetch')
    .mockImplementation(async input => {
      // openapi-fetch hands fetch one Request.
      const { url, headers } = input as Request;
      requests.push(url);
      expect(headers.get('Authorization')).toMatch(/^Bearer /);
      const path = url.replace(
        'http://backend.test/api/aws-environments/v1',
        '',
      );
      if (path === '/environments') {
        return Response.json({
          items: Object.entries(environments).map(([name, e]) => ({
            name,
            status: e.status,
          })),
        });
      }
      const match = /^\/environments\/([^/]+)\/entities$/.exec(path);
      if (match && environments[match[1]]) {
        return Response.json({ items: environments[match[1]].entities });
      }
      return Response.json(
        { error: { name: 'NotFoundError', message: 'no such environment' } },
        { status: 404 },
      );
    });
  return { requests, fetchMock };
}

function setup() {
  const connection = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  } as unknown as jest.Mocked<EntityProviderConnection>;
  const subscribers: Array<() => Promise<void>> = [];
  const events = {
    subscribe: jest.fn(async ({ onEvent }) => {
      subscribers.push(() =>
        onEvent({ topic: AWS_ENVIRONMENTS_TOPIC, eventPayload: {} }),
      );
    }),
    publish: jest.fn(),
  } as unknown as EventsService;
  const provider = new AwsEnvironmentsProvider({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend.test/api/${id}`,
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    events,
    taskRunner: { run: jest.fn() },
  });
  return { provider, connection, subscribers };
}

const emitted = (connection: jest.Mocked<EntityProviderConnection>, call = 0) =>
  connection.applyMutation.mock.calls[call][0] as {
    type: string;
    entities: { entity: Entity; locationKey: string }[];
  };

afterEach(() => jest.restoreAllMocks());

describe('AwsEnvironmentsProvider', () => {
  it('emits the entities of every live environment as one full mutation', async () => {
    fakeBackend({
      'innovate-prod': {
        status: 'deployed',
        entities: [
          resource('innovate-prod', 'innovate-prod'),
          resource('innovate-prod-eks-cluster', 'innovate-prod'),
        ],
      },
      'innovate-dev': {
        status: 'awaiting-approval',
        entities: [resource('innovate-dev', 'innovate-dev')],
      },
      'innovate-old': {
        status: 'destroyed',
        entities: [resource('innovate-old', 'innovate-old')],
      },
      'innovate-new': { status: 'pending', entities: [] },
    });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();

    const mutation = emitted(connection);
    expect(mutation.type).toBe('full');
    expect(mutation.entities.map(e => e.entity.metadata.name)).toEqual([
      'innovate-prod',
      'innovate-prod-eks-cluster',
      'innovate-dev',
    ]);
    const first = mutation.entities[0];
    expect(first.locationKey).toBe('aws-environments:innovate-prod');
    expect(first.entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'aws-environments:innovate-prod',
      'backstage.io/managed-by-origin-location':
        'aws-environments:innovate-prod',
      'innovate.io/aws-environment': 'innovate-prod',
    });
  });

  it('drops the entities of an environment once it is destroyed', async () => {
    const environments = {
      'innovate-dev': {
        status: 'deployed',
        entities: [resource('innovate-dev', 'innovate-dev')],
      },
    };
    fakeBackend(environments);
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    expect(emitted(connection, 0).entities).toHaveLength(1);

    environments['innovate-dev'].status = 'destroyed';
    await provider.refresh();
    expect(emitted(connection, 1)).toEqual({ type: 'full', entities: [] });
  });

  it('refreshes when the backend plugin announces a change', async () => {
    const { requests } = fakeBackend({});
    const { provider, connection, subscribers } = setup();
    await provider.connect(connection);
    expect(subscribers).toHaveLength(1);
    await subscribers[0]();
    expect(requests).toEqual([
      'http://backend.test/api/aws-environments/v1/environments',
    ]);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });

  it('runs refreshes one at a time, with one more for calls made meanwhile', async () => {
    const { requests } = fakeBackend({});
    const { provider, connection } = setup();
    await provider.connect(connection);
    await Promise.all([
      provider.refresh(),
      provider.refresh(),
      provider.refresh(),
    ]);
    expect(requests).toHaveLength(2);
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
  });

  it('keeps the catalog as it is when the backend plugin fails', async () => {
    const { fetchMock } = fakeBackend({});
    fetchMock.mockResolvedValueOnce(
      Response.json(
        {
          error: { name: 'Error', message: 'database is down' },
          response: { statusCode: 500 },
        },
        { status: 500 },
      ),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(/database is down/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
