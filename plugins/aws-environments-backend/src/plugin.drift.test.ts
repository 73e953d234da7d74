import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';
import { fixtureStacks } from './__testUtils__/fakeSynthesizer';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

async function startWithDeployedSeed() {
  const started = await startPluginBackend({
    config: { awsEnvironments: { seedEnvironment: true } },
  });
  const list = await request(started.server).get(`${API}/environments`);
  const deployment = await waitForDeployment(
    started.server,
    seed.name,
    list.body.items[0].latestDeployment.id,
  );
  expect(deployment.status).toBe('succeeded');
  return started;
}

describe('GET /v1/environments/{name}/drift', () => {
  it('answers the sandbox drift view: in sync, every recorded stack, a note', async () => {
    const { server } = await startWithDeployedSeed();
    const response = await request(server).get(
      `${API}/environments/${seed.name}/drift`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      source: 'sandbox',
      fetchedAt: expect.any(String),
      stale: false,
      status: 'IN_SYNC',
      note: expect.stringMatching(/no live AWS resources.*'aws' mode/),
      stacks: fixtureStacks(seed).map(stack => ({
        name: stack.stackName,
        status: 'IN_SYNC',
        resources: [],
      })),
    });
  });

  it('answers 404 for an unknown environment', async () => {
    const { server } = await startPluginBackend();
    const response = await request(server).get(
      `${API}/environments/nope/drift`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 when the policy denies reading the environment', async () => {
    const { server } = await startPluginBackend({
      config: { awsEnvironments: { seedEnvironment: true } },
      permissions: {
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      },
    });
    const response = await request(server).get(
      `${API}/environments/${seed.name}/drift`,
    );
    expect(response.status).toBe(403);
  });
});
