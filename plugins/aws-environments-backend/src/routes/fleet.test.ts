import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsEnvironmentReadPermission,
  defaultEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import {
  startPluginBackend,
  waitForDeployment,
} from '../__testUtils__/backend';
import {
  awsEnvironmentConditions,
  createAwsEnvironmentConditionalDecision,
} from '../permissions/conditions';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

async function deploy(server: Parameters<typeof request>[0], name: string) {
  const response = await request(server)
    .post(`${API}/environments/${name}/deployments`)
    .send({ spec: { ...SEED_ENVIRONMENT_INPUT, name } });
  expect(response.status).toBe(202);
  return waitForDeployment(server, name, response.body.id);
}

describe('GET /v1/fleet', () => {
  it('summarizes only the environments the caller may read, with the single views’ numbers', async () => {
    const { server } = await startPluginBackend({
      config: { awsEnvironments: { seedEnvironment: true } },
      permissions: {
        authorizeConditional: async requests =>
          requests.map(r =>
            r.permission.name === awsEnvironmentReadPermission.name
              ? createAwsEnvironmentConditionalDecision(
                  awsEnvironmentReadPermission,
                  awsEnvironmentConditions.isOwner({
                    claims: ['user:default/mock'],
                  }),
                )
              : { result: AuthorizeResult.ALLOW },
          ),
      },
    });
    await deploy(server, 'mine');

    const fleet = await request(server).get(`${API}/fleet`);
    expect(fleet.status).toBe(200);
    // The seed (owned by the platform team) is neither listed nor counted.
    expect(fleet.body.items.map((e: { name: string }) => e.name)).toEqual([
      'mine',
    ]);
    const [mine] = fleet.body.items;
    const cost = await request(server).get(`${API}/environments/mine/cost`);
    const alarms = await request(server).get(`${API}/environments/mine/alarms`);
    const cluster = await request(server).get(
      `${API}/environments/mine/cluster`,
    );
    const database = await request(server).get(
      `${API}/environments/mine/database`,
    );
    expect(mine.lifecycle).toEqual({
      cluster: cluster.body.lifecycle,
      database: database.body.lifecycle,
    });
    expect(mine.lifecycle.cluster).toMatchObject({
      kind: 'eks',
      version: seed.cluster.kubernetesVersion,
    });
    expect(mine).toMatchObject({
      owner: 'user:default/mock',
      source: 'sandbox',
      status: 'deployed',
      budgetUsd: seed.budget.monthlyUsd,
      monthToDateUsd: cost.body.monthToDateUsd,
      forecastUsd: cost.body.forecastUsd,
      firingAlarms: alarms.body.alarms.filter(
        (a: { state: string }) => a.state === 'ALARM',
      ).length,
      stale: false,
    });
    expect(fleet.body.totals).toEqual({
      environments: 1,
      budgetUsd: seed.budget.monthlyUsd,
      monthToDateUsd: mine.monthToDateUsd,
      forecastUsd: mine.forecastUsd,
      firingAlarms: mine.firingAlarms,
    });
    expect(fleet.body.groups).toEqual([
      {
        account: seed.accounts.workloads,
        region: seed.region,
        totals: fleet.body.totals,
      },
    ]);
  });

  it('answers 400 naming each bad parameter', async () => {
    const { server } = await startPluginBackend();
    const bad = await request(server).get(
      `${API}/fleet?sort=bogus&limit=501&account=12`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual([
      expect.objectContaining({ field: 'account' }),
      expect.objectContaining({ field: 'sort' }),
      expect.objectContaining({ field: 'limit' }),
    ]);
    const unknown = await request(server).get(`${API}/fleet?colour=red`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.fieldErrors).toEqual([
      {
        field: 'colour',
        message:
          'is not a known parameter; expected owner, source, status, region, account, sort, order, limit, cursor',
      },
    ]);
  });

  it('answers 401 without credentials', async () => {
    const { server } = await startPluginBackend();
    const response = await request(server)
      .get(`${API}/fleet`)
      .set('Authorization', 'Bearer nope');
    expect(response.status).toBe(401);
  });
});
