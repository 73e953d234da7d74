import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDestroyAction } from './destroy';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
} from '../testUtils/FakeAwsEnvironmentsBackend';

function setup() {
  const backend = new FakeAwsEnvironmentsBackend();
  backend.environments.set('innovate-x', environmentDetail('innovate-x'));
  return {
    backend,
    action: createDestroyAction({
      backend,
      auth: mockServices.auth(),
      appBaseUrl: 'http://portal.test',
      pollIntervalMs: 1,
    }),
  };
}

describe('aws-environments:destroy', () => {
  it('needs the name repeated in confirm, and calls nothing otherwise', async () => {
    const { backend, action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'innovate-x', confirm: 'innovate-y' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /confirm must repeat the environment's name/,
    );
    expect(backend.calls).toEqual([]);
  });

  it('names the field when the environment does not exist', async () => {
    const { action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'innovate-z', confirm: 'innovate-z' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'name: there is no environment named "innovate-z"',
    );
  });

  it('keeps the data by default and follows the destroy to the end', async () => {
    const { backend, action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'innovate-x', confirm: 'innovate-x' },
    });

    await action.handler(ctx);

    expect(backend.calls).toContain(
      'destroyEnvironment innovate-x destroyData=false',
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it('destroys the data only when asked', async () => {
    const { backend, action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'innovate-x', confirm: 'innovate-x', destroyData: true },
    });
    await action.handler(ctx);
    expect(backend.calls).toContain(
      'destroyEnvironment innovate-x destroyData=true',
    );
  });

  it('says which permission the backend refused, and who owns it', async () => {
    const { backend, action } = setup();
    backend.refuse = 'aws-environment.destroy-data';
    const ctx = createMockActionContext({
      input: { name: 'innovate-x', confirm: 'innovate-x', destroyData: true },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Destroying innovate-x, including its database, was refused for user:default/mock: ' +
        'Not allowed: aws-environment.destroy-data is required for this request (HTTP 403). ' +
        'It is owned by group:default/platform-team; destroying its data also needs ' +
        'aws-environment.destroy-data (without destroyData the database is kept)',
    });
  });

  it('changes nothing in a dry run', async () => {
    const { backend, action } = setup();
    const ctx = {
      ...createMockActionContext({
        input: { name: 'innovate-x', confirm: 'innovate-x' },
      }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(backend.calls).toEqual(['getEnvironment innovate-x']);
    expect(ctx.output).toHaveBeenCalledWith('status', 'dry-run');
  });
});
