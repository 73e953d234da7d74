import { mockServices } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { createDeployAction } from '../actions/deploy';
import {
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../testUtils/FakeAwsEnvironmentsBackend';
import {
  DryRunResult,
  ScaffolderUnderTest,
  startScaffolder,
} from './__testUtils__/scaffolder';

/**
 * The deploy action against a fake backend; estimate and synth as
 * stand-ins that do not support dry runs, so the dry run skips them
 * (the real ones are tested in src/actions).
 */
const awsEnvironmentActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-environments-under-test',
  register({ registerInit }) {
    registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        const standIn = (id: string, output: string) =>
          createTemplateAction({
            id,
            schema: { output: { [output]: z => z.string() } },
            async handler() {
              throw new Error(`The ${id} stand-in only takes part in dry runs`);
            },
          });
        actions.addActions(
          standIn('aws-environments:estimate', 'markdown'),
          standIn('aws-environments:synth', 'assemblyPath'),
          createDeployAction({
            backend: new FakeAwsEnvironmentsBackend(),
            catalog: new FakeCatalogLookup(),
            auth: mockServices.auth(),
            appBaseUrl: 'http://portal.test',
          }),
        );
      },
    });
  },
});

const VALUES = {
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  region: 'us-east-1',
  budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
  source: 'sandbox',
  approval: 'auto',
  mode: 'create',
  allowedDeviations: [],
  publish: false,
};

function deployLog(result: DryRunResult): string {
  return (result.body.log ?? [])
    .filter(entry => entry.body.stepId === 'deploy')
    .map(entry => entry.body.message)
    .join('\n');
}

describe('templates/create-aws-environment: the owner', () => {
  let scaffolder: ScaffolderUnderTest;

  beforeAll(async () => {
    scaffolder = await startScaffolder(
      ['create-aws-environment'],
      [awsEnvironmentActions],
    );
  }, 120_000);

  afterAll(async () => {
    await scaffolder?.stop();
  });

  it('passes the chosen group to the deploy step', async () => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      owner: 'group:default/platform-team',
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'Dry run: would create environment innovate-staging in us-east-1 (source sandbox, approval auto, owner group:default/platform-team)',
    );
  });

  it("passes the change preview's accepted data losses to the deploy step", async () => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      mode: 'update',
      changePreview: {
        state: 'ready',
        acceptDataLoss: ['DatabaseInstance'],
        problems: [],
      },
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'approval auto, accepting the loss of DatabaseInstance); nothing was deployed',
    );
  });

  // A guest belongs to no group; a cleared picker gives an empty string.
  it.each([
    ['left out', undefined],
    ['empty', ''],
  ])('leaves the owner to the backend when it is %s', async (_what, owner) => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      ...(owner === undefined ? {} : { owner }),
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'Dry run: would create environment innovate-staging in us-east-1 (source sandbox, approval auto); nothing was deployed',
    );
  });

  it.each([
    ['a user', 'user:default/guest'],
    ['not an entity ref', 'platform-team'],
    ['a newline (YAML injection)', 'group:default/team\nevil: true'],
    ['a template expression', 'group:default/${{ secrets.token }}'],
  ])('rejects an owner that is %s, naming the field', async (_what, owner) => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      owner,
    });
    expect(result.status).toBe(400);
    expect(result.body.errors?.map(e => e.property)).toEqual([
      'instance.owner',
    ]);
  });
});
