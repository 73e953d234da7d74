import {
  coreServices,
  createServiceFactory,
  type SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import {
  CATALOG_GROUPS,
  startPluginBackend,
  waitForDeployment,
} from '../../__testUtils__/backend';
import { FakeRepositories } from './__testUtils__/FakeRepositories';
import {
  FILE,
  REPOSITORY,
  repositoryComponent,
} from './__testUtils__/repositoryComponent';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

/**
 * The plugin with the seed deployed in the sandbox, its repository in the
 * catalog and the scheduled tasks captured (the deployment queue runs when
 * a deployment is queued).
 */
async function start(config: object = {}) {
  const repositories = new FakeRepositories();
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const sent: NotificationSendOptions[] = [];
  const { server } = await startPluginBackend({
    config: { awsEnvironments: { seedEnvironment: true, ...config } },
    catalogEntities: [...CATALOG_GROUPS, repositoryComponent()],
    features: [
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.set(task.id, task.fn);
        },
      }).factory,
      createServiceFactory({
        service: coreServices.urlReader,
        deps: {},
        factory: () => repositories,
      }),
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
  const list = await request(server).get(`${API}/environments`);
  await waitForDeployment(
    server,
    seed.name,
    list.body.items[0].latestDeployment.id,
  );
  return { server, repositories, tasks, sent };
}

describe('repository sync in the plugin', () => {
  it('proposes a merged change, shows where it came from, and applies it once a person approves', async () => {
    const { server, repositories, tasks } = await start();
    // A person names the environment's repository (the template does so
    // when it creates an environment), through the API.
    const named = await request(server)
      .post(`${API}/environments/${seed.name}/deployments`)
      .send({ mode: 'update', repository: REPOSITORY });
    expect(named.status).toBe(202);
    await waitForDeployment(server, seed.name, named.body.id, ['succeeded']);
    repositories.write(FILE, {
      ...seed,
      budget: { ...seed.budget, monthlyUsd: 900 },
    });

    await tasks.get('aws-environments:repository-sync')!(
      new AbortController().signal,
    );

    const listed = await request(server).get(
      `${API}/environments/${seed.name}/deployments`,
    );
    expect(listed.status).toBe(200);
    const [proposal] = listed.body.items;
    expect(proposal).toMatchObject({
      approval: 'required',
      requestedBy: `repository:${REPOSITORY}`,
      origin: { type: 'repository', repository: REPOSITORY, file: FILE },
    });
    const pending = await waitForDeployment(server, seed.name, proposal.id);
    expect(pending).toMatchObject({
      status: 'awaiting-approval',
      origin: { file: FILE, etag: repositories.etagOf(FILE) },
      specChanges: [{ field: 'budget.monthlyUsd', before: 430, after: 900 }],
    });

    const approved = await request(server).post(
      `${API}/environments/${seed.name}/deployments/${proposal.id}/execute`,
    );
    expect(approved.status).toBe(202);
    expect(
      await waitForDeployment(server, seed.name, proposal.id, ['succeeded']),
    ).toMatchObject({ approvedBy: 'user:default/mock' });
  });

  it('schedules nothing when turned off', async () => {
    const { tasks } = await start({ repositorySync: { enabled: false } });
    expect(tasks.has('aws-environments:repository-sync')).toBe(false);
    expect(tasks.has('aws-environments:deployment-queue')).toBe(true);
  });
});
