import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDeployAction } from './deploy';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../testUtils/FakeAwsEnvironmentsBackend';

const spec = {
  name: 'innovate-x',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'ops@innovate.example' },
};

function setup() {
  const backend = new FakeAwsEnvironmentsBackend();
  const catalog = new FakeCatalogLookup();
  const action = createDeployAction({
    backend,
    catalog,
    appBaseUrl: 'http://portal.test',
    pollIntervalMs: 1,
  });
  return { backend, catalog, action };
}

describe('aws-environments:deploy', () => {
  it('deploys to the sandbox, logs every event once and waits for the catalog', async () => {
    const { backend, catalog, action } = setup();
    const ctx = createMockActionContext({ input: { spec } });
    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(backend.calls).toContain('createDeployment innovate-x sandbox auto');
    const messages = info.mock.calls.map(c => String(c[0]));
    expect(messages.filter(m => m === 'Synthesized 8 stacks')).toHaveLength(1);
    expect(messages).toContain('Deployment finished');
    expect(catalog.waited).toEqual(['resource:default/innovate-x']);
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
    expect(ctx.output).toHaveBeenCalledWith('deploymentId', 'dep-innovate-x');
    expect(ctx.output).toHaveBeenCalledWith(
      'environmentUrl',
      'http://portal.test/aws-environments/innovate-x',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/innovate-x',
    );
  });

  it('refuses a taken name in create mode before deploying anything', async () => {
    const { backend, action } = setup();
    backend.environments.set('innovate-x', environmentDetail('innovate-x'));
    const ctx = createMockActionContext({ input: { spec } });

    await expect(action.handler(ctx)).rejects.toThrow(
      /already exists.*mode "update"/,
    );
    expect(backend.calls.some(c => c.startsWith('createDeployment'))).toBe(
      false,
    );
  });

  it('updates an existing environment in update mode', async () => {
    const { backend, action } = setup();
    backend.environments.set('innovate-x', environmentDetail('innovate-x'));
    const ctx = createMockActionContext({
      input: { spec, mode: 'update' as const },
    });

    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it('only reports what it would do in a dry run', async () => {
    const { backend, catalog, action } = setup();
    const ctx = {
      ...createMockActionContext({ input: { spec, source: 'aws' as const } }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(backend.calls).toEqual(['getEnvironment innovate-x']);
    expect(catalog.waited).toEqual([]);
    expect(String(info.mock.calls[0][0])).toMatch(
      /Dry run: would create environment innovate-x .*source aws/,
    );
  });

  it('fails with the deployment error when the deployment fails', async () => {
    const { backend, catalog, action } = setup();
    backend.script = [
      { status: 'running', events: ['Synthesizing'] },
      { status: 'failed', events: [], error: 'cdk-nag found 1 finding' },
    ];
    const ctx = createMockActionContext({ input: { spec } });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Deployment dep-innovate-x of innovate-x failed: cdk-nag found 1 finding',
    );
    expect(catalog.waited).toEqual([]);
  });

  it('ends at awaiting-approval with a link to review the change sets', async () => {
    const { backend, catalog, action } = setup();
    backend.script = [
      { status: 'awaiting-approval', events: ['Change sets created'] },
    ];
    const ctx = createMockActionContext({
      input: { spec, source: 'aws' as const, approval: 'required' as const },
    });
    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(backend.calls).toContain('createDeployment innovate-x aws required');
    expect(ctx.output).toHaveBeenCalledWith('status', 'awaiting-approval');
    expect(catalog.waited).toEqual([]);
    expect(info.mock.calls.map(c => String(c[0]))).toContain(
      'The change sets are ready for review: execute them on http://portal.test/aws-environments/innovate-x (Deployments tab)',
    );
  });
});
