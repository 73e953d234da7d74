import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { startPluginBackend } from './__testUtils__/backend';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const spec = defaultEnvironmentSpec();

describe('awsEnvironments.allowedAccounts', () => {
  it('refuses a deployment to another account pair with a 400 naming spec.accounts, and writes nothing', async () => {
    const { server } = await startPluginBackend({
      config: {
        awsEnvironments: {
          seedEnvironment: false,
          allowedAccounts: [
            { management: '111111111111', workloads: '222222222222' },
          ],
        },
      },
    });
    const refused = await request(server)
      .post(`${API}/environments/innovate-other/deployments`)
      .send({
        spec: {
          ...spec,
          name: 'innovate-other',
          accounts: { management: '111111111111', workloads: '999999999999' },
        },
      });
    expect(refused.status).toBe(400);
    expect(refused.body.fieldErrors).toEqual([
      {
        field: 'spec.accounts',
        message: expect.stringContaining(
          'management 111111111111 with workloads 999999999999 is not an account pair this portal deploys to',
        ),
      },
    ]);
    const list = await request(server).get(`${API}/environments`);
    expect(list.body.items).toEqual([]);

    const accepted = await request(server)
      .post(`${API}/environments/innovate-allowed/deployments`)
      .send({ spec: { ...spec, name: 'innovate-allowed' } });
    expect(accepted.status).toBe(202);
  });
});
