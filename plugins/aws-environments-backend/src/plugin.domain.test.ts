import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

describe('GET /v1/environments/{name}/domain', () => {
  it('answers, for the seed without a domain, that it has none and what one would add (not an error)', async () => {
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
    const response = await request(started.server).get(
      `${API}/environments/${seed.name}/domain`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      source: 'sandbox',
      fetchedAt: expect.any(String),
      stale: false,
      configured: false,
      simulated: true,
      note: expect.stringMatching(/^No domain in the spec: .*spec\.domain/),
      names: [],
      records: [],
      certificates: [],
    });
  });

  it('answers 404 for an unknown environment', async () => {
    const { server } = await startPluginBackend();
    const response = await request(server).get(
      `${API}/environments/nope/domain`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });
});
