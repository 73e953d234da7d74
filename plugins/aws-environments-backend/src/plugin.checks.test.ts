import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import {
  startPluginBackend,
  waitForDeployment,
  type PluginBackendOptions,
} from './__testUtils__/backend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

async function startWithSeed(
  options: PluginBackendOptions = {},
  sent: NotificationSendOptions[] = [],
) {
  const started = await startPluginBackend({
    ...options,
    config: { awsEnvironments: { seedEnvironment: true } },
    features: [
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            sent.push(notification);
          },
        }),
      }),
    ],
  });
  const list = await request(started.server).get(`${API}/environments`);
  await waitForDeployment(
    started.server,
    seed.name,
    list.body.items[0].latestDeployment.id,
  );
  return { ...started, sent };
}

describe('POST /v1/environments/{name}/checks/run', () => {
  it('runs the checks and notifies the owner group once', async () => {
    const { server, sent } = await startWithSeed();
    const first = await request(server).post(
      `${API}/environments/${seed.name}/checks/run`,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      environment: seed.name,
      ranAt: expect.any(String),
      skipped: [],
    });
    const forecast = first.body.findings.find(
      (f: { kind: string }) => f.kind === 'forecast-over-budget',
    );
    expect(forecast).toMatchObject({ notified: true, view: 'cost' });
    expect(
      sent.filter(s => s.payload.scope?.includes(':forecast-over-budget:')),
    ).toEqual([
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/platform-team',
        },
      }),
    ]);

    const count = sent.length;
    const second = await request(server).post(
      `${API}/environments/${seed.name}/checks/run`,
    );
    expect(second.status).toBe(200);
    expect(
      second.body.findings.every((f: { notified: boolean }) => !f.notified),
    ).toBe(true);
    expect(sent).toHaveLength(count);
  });

  it('notifies once across two backend instances sharing a database', async () => {
    const knex = await databases.init('SQLITE_3');
    const sent: NotificationSendOptions[] = [];
    const first = await startWithSeed({ knex }, sent);
    const second = await startWithSeed({ knex }, sent);
    const [a, b] = await Promise.all(
      [first, second].map(instance =>
        request(instance.server).post(
          `${API}/environments/${seed.name}/checks/run`,
        ),
      ),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    const notified = [...a.body.findings, ...b.body.findings].filter(
      (f: { notified: boolean }) => f.notified,
    );
    expect(notified).toHaveLength(a.body.findings.length);
    expect(sent).toHaveLength(a.body.findings.length);
    expect(
      sent.filter(s => s.payload.scope?.includes(':forecast-over-budget:')),
    ).toHaveLength(1);
  });

  it('answers 404 for an unknown environment', async () => {
    const { server } = await startWithSeed();
    const response = await request(server).post(
      `${API}/environments/nope/checks/run`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 without the update permission, and sends nothing', async () => {
    const { server, sent } = await startWithSeed({
      permissions: {
        authorizeConditional: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === 'aws-environment.update'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      },
    });
    const response = await request(server).post(
      `${API}/environments/${seed.name}/checks/run`,
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('aws-environment.update');
    expect(sent).toEqual([]);
  });

  it('answers 403 to a service without a user', async () => {
    const { server } = await startWithSeed();
    const response = await request(server)
      .post(`${API}/environments/${seed.name}/checks/run`)
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(403);
  });
});
