import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import {
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import {
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from './__testUtils__/awsMocks';
import { FakeToolkit } from './__testUtils__/fakeToolkit';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const spec = parseEnvironmentSpec({
  ...SEED_ENVIRONMENT_INPUT,
  name: 'team-aws',
});

async function awsBackend(viewTtl: object = { seconds: 60 }) {
  const started = await startPluginBackend({
    toolkit: new FakeToolkit(),
    awsClients: new MockedAwsClientFactory(),
    config: { awsEnvironments: { source: 'aws', cache: { viewTtl } } },
  });
  const created = await request(started.server)
    .post(`${API}/environments/${spec.name}/deployments`)
    .send({ spec });
  const done = await waitForDeployment(
    started.server,
    spec.name,
    created.body.id,
  );
  expect(done).toMatchObject({ status: 'succeeded', source: 'aws' });
  return started;
}

describe('aws-environments plugin with the aws source', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec, { now: new Date() });
  });
  afterEach(() => aws.restore());

  it('serves every view from AWS', async () => {
    const { server } = await awsBackend();
    for (const view of ['cluster', 'database', 'alarms', 'cost']) {
      const response = await request(server).get(
        `${API}/environments/${spec.name}/${view}`,
      );
      expect({ view, status: response.status }).toEqual({ view, status: 200 });
      expect(response.body).toMatchObject({ source: 'aws', stale: false });
    }
  });

  it('fails only the view whose service fails, with a message a person can act on', async () => {
    const { server } = await awsBackend();
    aws.eks
      .on(DescribeClusterCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded', 4));
    aws.cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(
        awsError(
          'AccessDenied',
          'User is not authorized to perform: cloudwatch:DescribeAlarms',
        ),
      );

    const cluster = await request(server).get(
      `${API}/environments/${spec.name}/cluster`,
    );
    expect(cluster.status).toBe(503);
    expect(cluster.body.error).toMatchObject({
      name: 'DataSourceError',
      message: expect.stringMatching(
        /^AWS is throttling eks:DescribeCluster .* try again in a minute/,
      ),
    });
    const alarms = await request(server).get(
      `${API}/environments/${spec.name}/alarms`,
    );
    expect(alarms.status).toBe(502);
    expect(alarms.body.error.message).toMatch(
      /Allow cloudwatch:DescribeAlarms for the role of account 222222222222 under aws.accounts/,
    );

    for (const view of ['database', 'cost']) {
      const response = await request(server).get(
        `${API}/environments/${spec.name}/${view}`,
      );
      expect({ view, status: response.status }).toEqual({ view, status: 200 });
    }
  });

  it('serves the last good view marked stale when AWS starts failing', async () => {
    const { server } = await awsBackend({ milliseconds: 1 });
    const good = await request(server).get(
      `${API}/environments/${spec.name}/cluster`,
    );
    expect(good.status).toBe(200);
    await new Promise(resolve => setTimeout(resolve, 5));
    aws.eks
      .on(DescribeClusterCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded', 4));

    const stale = await request(server).get(
      `${API}/environments/${spec.name}/cluster`,
    );
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({
      stale: true,
      staleReason: expect.stringMatching(
        /^AWS is throttling eks:DescribeCluster/,
      ),
      fetchedAt: good.body.fetchedAt,
      version: good.body.version,
    });
  });
});
