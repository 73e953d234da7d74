import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDeployAction } from './deploy';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
  REQUESTERS_FIRST_GROUP,
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
    auth: mockServices.auth(),
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

  it('sends the owner it is given, in full', async () => {
    const { backend, action } = setup();
    const ctx = createMockActionContext({
      input: { spec, owner: 'group:application-team' },
    });

    await action.handler(ctx);

    expect(backend.requests[0].owner).toBe('group:default/application-team');
    expect(backend.environments.get('innovate-x')?.owner).toBe(
      'group:default/application-team',
    );
    // The owner the backend recorded, for the repository's catalog file.
    expect(ctx.output).toHaveBeenCalledWith(
      'owner',
      'group:default/application-team',
    );
  });

  it("outputs the backend's default owner when none is given", async () => {
    const { action } = setup();
    const ctx = createMockActionContext({ input: { spec } });
    await action.handler(ctx);
    const owner = (ctx.output as jest.Mock).mock.calls.find(
      ([key]) => key === 'owner',
    )?.[1];
    expect(owner).toMatch(/^group:default\//);
  });

  it('passes the allowed deviations on, for the backend to record and check', async () => {
    const { backend, action } = setup();
    await action.handler(
      createMockActionContext({
        input: { spec, allowedDeviations: ['nat-per-az'] },
      }),
    );
    await action.handler(
      createMockActionContext({
        input: { spec: { ...spec, name: 'innovate-y' }, allowedDeviations: [] },
      }),
    );

    expect(backend.requests[0].allowedDeviations).toEqual(['nat-per-az']);
    expect(backend.requests[1]).not.toHaveProperty('allowedDeviations');
  });

  it('passes the accepted data losses of an update on to the backend', async () => {
    const { backend, action } = setup();
    await action.handler(createMockActionContext({ input: { spec } }));
    await action.handler(
      createMockActionContext({
        input: {
          spec,
          mode: 'update' as const,
          acceptDataLoss: ['DatabaseInstance'],
        },
      }),
    );

    expect(backend.requests[0]).not.toHaveProperty('acceptDataLoss');
    expect(backend.requests[1].acceptDataLoss).toEqual(['DatabaseInstance']);
  });

  it.each(['', undefined])(
    'leaves the owner to the backend when it is %p',
    async owner => {
      const { backend, action } = setup();
      const ctx = createMockActionContext({ input: { spec, owner } });

      await action.handler(ctx);

      expect(backend.requests[0]).not.toHaveProperty('owner', '');
      expect(backend.requests[0].owner).toBeUndefined();
      expect(backend.environments.get('innovate-x')?.owner).toBe(
        REQUESTERS_FIRST_GROUP,
      );
    },
  );

  it.each([
    ['not an entity ref', 'platform-team'],
    ['a component', 'component:default/orders-api'],
    ['garbage', 'group:default/'],
  ])('rejects an owner that is %s, naming the field', async (_what, owner) => {
    const { backend, action } = setup();
    const ctx = createMockActionContext({ input: { spec, owner } });

    await expect(action.handler(ctx)).rejects.toThrow(
      `owner: "${owner}" is not a group or user entity ref; use one like group:default/platform-team`,
    );
    expect(backend.calls).toEqual([]);
  });

  it('says which permission the backend refused, for whom, and who owns it', async () => {
    const { backend, catalog, action } = setup();
    backend.environments.set('innovate-x', environmentDetail('innovate-x'));
    backend.refuse = 'aws-environment.update';
    const ctx = createMockActionContext({
      input: { spec, mode: 'update' as const },
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Updating environment innovate-x (source sandbox) was refused for user:default/mock: ' +
        'Not allowed: aws-environment.update is required for this request (HTTP 403). ' +
        'It is owned by group:default/platform-team; its members may update it',
    });
    expect(catalog.waited).toEqual([]);
  });

  it('says that a new environment must be owned by one of your groups', async () => {
    const { backend, action } = setup();
    backend.refuse = 'aws-environment.create';
    const ctx = createMockActionContext({
      input: { spec, owner: 'group:default/application-team' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Creating environment innovate-x (source sandbox) was refused for user:default/mock: ' +
        'Not allowed: aws-environment.create is required for this request (HTTP 403). ' +
        'The owner must be one of your own groups, or you',
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

  it('names the owner in a dry run', async () => {
    const { action } = setup();
    const ctx = {
      ...createMockActionContext({
        input: { spec, owner: 'group:default/platform-team' },
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(String(info.mock.calls[0][0])).toContain(
      '(source sandbox, approval auto, owner group:default/platform-team); nothing was deployed',
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
