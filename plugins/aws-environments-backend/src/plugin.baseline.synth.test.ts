import {
  ACCOUNT_BASELINE_STACK_NAME,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';
import { CdkEnvironmentSynthesizer } from './services/Synthesizer/CdkEnvironmentSynthesizer';

// Four real syntheses of the bundled CDK app, about 10 s each here.
jest.setTimeout(300_000);

const API = '/api/aws-environments/v1';

type Server = Parameters<typeof request>[0];

async function run(server: Server, name: string, id: string) {
  const deployment = await waitForDeployment(
    server,
    name,
    id,
    ['succeeded', 'failed'],
    120_000,
  );
  expect(deployment.error).toBeUndefined();
  expect(deployment.status).toBe('succeeded');
  return deployment.events.map((e: { message: string }) => e.message);
}

async function deploy(server: Server, name: string) {
  const response = await request(server)
    .post(`${API}/environments/${name}/deployments`)
    .send({ spec: { ...SEED_ENVIRONMENT_INPUT, name } });
  expect(response.status).toBe(202);
  return run(server, name, response.body.id);
}

describe('two environments in one account share one account baseline', () => {
  it('creates it with the first, reuses it with the second, and keeps it when one is destroyed', async () => {
    const { server } = await startPluginBackend({
      synthesizer: new CdkEnvironmentSynthesizer(),
    });

    const first = await deploy(server, 'team-a');
    expect(first).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CREATE_COMPLETE \(sandbox\): \d+ resources/),
      ]),
    );
    const second = await deploy(server, 'team-b');
    expect(second).toContain(
      'UPDATE_COMPLETE (sandbox): the account baseline of 222222222222/us-east-1 exists (deployed with team-a); reused, no changes',
    );

    const destroy = await request(server)
      .delete(`${API}/environments/team-a`)
      .send({ confirm: 'team-a' });
    expect(destroy.status).toBe(202);
    const destroyed = await run(server, 'team-a', destroy.body.id);
    expect(destroyed).toContain(
      `Kept ${ACCOUNT_BASELINE_STACK_NAME} (sandbox): the account baseline of 222222222222/us-east-1 is shared by the account's environments and never deleted by a destroy`,
    );
    expect(destroyed.join('\n')).not.toMatch(
      new RegExp(`DELETE_COMPLETE.*${ACCOUNT_BASELINE_STACK_NAME}`),
    );
    // The baseline is still there for the next environment of the account.
    const third = await deploy(server, 'team-c');
    expect(third).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^UPDATE_COMPLETE \(sandbox\): the account baseline of 222222222222\/us-east-1 exists \(deployed with team-[ab]\); reused/,
        ),
      ]),
    );
  });
});
