import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createOutputsAction } from './outputs';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
} from '../testUtils/FakeAwsEnvironmentsBackend';
import {
  deployedEnvironment,
  deployedOutputs,
  environmentEntitiesOf,
} from '../testUtils/deployedEnvironment';

const ENV = 'innovate-prod';
const OUTPUTS = deployedOutputs(ENV);

function setup() {
  const backend = new FakeAwsEnvironmentsBackend();
  backend.environments.set(ENV, deployedEnvironment(ENV));
  backend.entities.set(ENV, environmentEntitiesOf(ENV));
  const action = createOutputsAction({ backend });
  return { backend, action };
}

type Action = ReturnType<typeof createOutputsAction>;
/** The action's input; the tests also give it wrong ones on purpose. */
type Input = Parameters<Action['handler']>[0]['input'];

/** A mock context with `input`, as the scaffolder would give it. */
function contextWith(input: Record<string, unknown>) {
  return createMockActionContext<Input>({ input: input as Input });
}

/** Runs the action; returns its outputs by name. */
async function run(input: Record<string, unknown>, backend = setup()) {
  const ctx = contextWith(input);
  await backend.action.handler(ctx);
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of (ctx.output as jest.Mock).mock.calls) {
    outputs[key] = value;
  }
  return { outputs, ctx };
}

describe('aws-environments:outputs: one API per environment', () => {
  it('refuses a second API on an environment, naming the first', async () => {
    const backend = new FakeAwsEnvironmentsBackend();
    backend.environments.set(ENV, deployedEnvironment(ENV));
    backend.entities.set(ENV, environmentEntitiesOf(ENV));
    const getEntities = jest.fn(async () => ({
      items: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'orders-api', namespace: 'default' },
        },
      ],
    }));
    const action = createOutputsAction({
      backend,
      catalog: { getEntities } as never,
    });
    await expect(
      run(
        { environment: `resource:default/${ENV}`, service: 'api' },
        { backend, action },
      ),
    ).rejects.toThrow(
      `environment: environment ${ENV} already has an API (component:default/orders-api) bound to its ALB target group`,
    );
    const [[request, { credentials }]] = getEntities.mock.calls as any;
    expect(request.filter).toMatchObject({
      kind: 'Component',
      'relations.dependsOn': expect.stringMatching(/^resource:default\//),
    });
    expect(credentials).toBeDefined();
  });

  it('lets an SPA and a first API through', async () => {
    const backend = new FakeAwsEnvironmentsBackend();
    backend.environments.set(ENV, deployedEnvironment(ENV));
    backend.entities.set(ENV, environmentEntitiesOf(ENV));
    const getEntities = jest.fn(async () => ({ items: [] }));
    const action = createOutputsAction({
      backend,
      catalog: { getEntities } as never,
    });
    const api = await run(
      { environment: ENV, service: 'api' },
      { backend, action },
    );
    expect(api.outputs.apiTargetGroupArn).toBeDefined();
    await run({ environment: ENV, service: 'spa' }, { backend, action });
    // Only the API asks.
    expect(getEntities).toHaveBeenCalledTimes(1);
  });
});

describe('aws-environments:outputs', () => {
  it('maps a deployed environment to what a Flask API needs, read as the user', async () => {
    const setupResult = setup();
    const { outputs } = await run(
      {
        environment: `resource:default/${ENV}`,
        service: 'api',
        port: 8080,
        repoUrl: 'github.com?owner=innovate-inc&repo=orders-api',
      },
      setupResult,
    );
    expect(setupResult.backend.environmentReaders).toEqual([
      'user:default/mock',
    ]);
    expect(outputs).toMatchObject({
      environment: ENV,
      entityRef: `resource:default/${ENV}`,
      region: 'us-east-1',
      workloadsAccountId: '222222222222',
      managementAccountId: '111111111111',
      vpcCidr: '10.0.0.0/16',
      vpcId: OUTPUTS[`${ENV}-network.VpcId`],
      namespace: 'innovate',
      serviceAccountName: 'flask-api',
      apiPort: 8080,
      clusterName: ENV,
      apiRoleArn: OUTPUTS[`${ENV}-cluster.ApiServiceAccountRoleArn`],
      databaseHost: OUTPUTS[`${ENV}-database.DatabaseEndpoint`],
      databasePort: 5432,
      databaseName: 'app',
      databaseSecretArn: OUTPUTS[`${ENV}-database.DatabaseSecretArn`],
      apiTargetGroupArn: OUTPUTS[`${ENV}-edge.ApiTargetGroupArn`],
      ecrRepositoryUri: OUTPUTS[`${ENV}-registry.RepositoryUri`],
      ciRoleArn: null,
      dependsOn: [
        `resource:default/${ENV}-eks-cluster`,
        `resource:default/${ENV}-rds`,
        `resource:default/${ENV}-db-secret`,
        `resource:default/${ENV}-alb`,
      ],
    });
    expect(outputs.entityRefs).toMatchObject({
      environment: `resource:default/${ENV}`,
      cluster: `resource:default/${ENV}-eks-cluster`,
      database: `resource:default/${ENV}-rds`,
      loadBalancer: `resource:default/${ENV}-alb`,
      spaBucket: `resource:default/${ENV}-spa-bucket`,
      distribution: `resource:default/${ENV}-cloudfront`,
    });
  });

  it('says there is no CI role, and what to create: trust and ECR push policy scoped to the repository', async () => {
    const { outputs } = await run({
      environment: ENV,
      service: 'api',
      repoUrl: 'github.com?owner=innovate-inc&repo=orders-api',
    });
    expect(outputs.ciRoleArn).toBeNull();
    expect(outputs.ciRoleMessage).toMatch(
      /innovate-prod has no CI role for GitHub Actions .*account 111111111111.*repo:innovate-inc\/orders-api:ref:refs\/heads\/main.*ciRolePolicy.*ecr:PutImage.*repository variable AWS_ROLE_ARN/,
    );
    const policy = JSON.parse(String(outputs.ciRolePolicy));
    expect(policy.Statement[1]).toEqual({
      Sid: 'EcrPush',
      Effect: 'Allow',
      Action: expect.arrayContaining(['ecr:PutImage', 'ecr:UploadLayerPart']),
      Resource:
        'arn:aws:ecr:us-east-1:111111111111:repository/innovate-prod-registry-apirepository4f8c1d2e-x7k2p9q3r1',
    });
    const trust = JSON.parse(String(outputs.ciRoleTrustPolicy));
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub':
        'repo:innovate-inc/orders-api:ref:refs/heads/main',
    });
  });

  it('maps what a React SPA needs: bucket, distribution, their entities, an S3 and CloudFront policy', async () => {
    const { outputs } = await run({ environment: ENV, service: 'spa' });
    expect(outputs).toMatchObject({
      spaBucketName: OUTPUTS[`${ENV}-edge.SpaBucketName`],
      distributionId: 'E1A2B3C4D5E6F7',
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      dependsOn: [
        `resource:default/${ENV}-spa-bucket`,
        `resource:default/${ENV}-cloudfront`,
      ],
      ciRoleArn: null,
    });
    const policy = JSON.parse(String(outputs.ciRolePolicy));
    expect(
      policy.Statement.map((s: { Resource: string }) => s.Resource),
    ).toEqual([
      `arn:aws:s3:::${OUTPUTS[`${ENV}-edge.SpaBucketName`]}`,
      `arn:aws:s3:::${OUTPUTS[`${ENV}-edge.SpaBucketName`]}/*`,
      'arn:aws:cloudfront::222222222222:distribution/E1A2B3C4D5E6F7',
    ]);
    expect(outputs.ciRoleMessage).toMatch(/account 222222222222/);
  });

  it('explains a refusal (403): what was read, for whom, the missing permission, naming the field', async () => {
    const s = setup();
    s.backend.refuseReads = 'aws-environment.read';
    await expect(run({ environment: ENV, service: 'api' }, s)).rejects.toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /^Reading environment innovate-prod \(the template's environment field\) was refused for user:default\/mock: Not allowed: aws-environment\.read is required/,
        ),
      }),
    );
  });

  it('says there is no such environment (404)', async () => {
    await expect(
      run({ environment: 'resource:default/innovate-nope', service: 'api' }),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'NotFoundError',
        message: expect.stringContaining(
          'environment: there is no environment named innovate-nope',
        ),
      }),
    );
  });

  it.each(['pending', 'destroyed'] as const)(
    'refuses an environment that is %s: it must be deployed first',
    async status => {
      const s = setup();
      s.backend.environments.set(ENV, {
        ...environmentDetail(ENV),
        status,
      });
      await expect(
        run({ environment: ENV, service: 'api' }, s),
      ).rejects.toThrow(
        `Environment innovate-prod is ${status}: it has no deployed stacks to read outputs from. The environment must be deployed`,
      );
    },
  );

  it('names the outputs a deployed environment lacks (an older CDK app without the target group)', async () => {
    const s = setup();
    const detail = deployedEnvironment(ENV);
    delete detail.outputs[`${ENV}-edge.ApiTargetGroupArn`];
    delete detail.outputs[`${ENV}-registry.RepositoryUri`];
    s.backend.environments.set(ENV, detail);
    await expect(run({ environment: ENV, service: 'api' }, s)).rejects.toThrow(
      /has no stack outputs innovate-prod-edge\.ApiTargetGroupArn, innovate-prod-registry\.RepositoryUri\. The environment must be deployed/,
    );
    // The SPA needs neither.
    await expect(
      run({ environment: ENV, service: 'spa' }, s),
    ).resolves.toBeDefined();
  });

  it('names the catalog entities it lacks', async () => {
    const s = setup();
    s.backend.entities.set(
      ENV,
      environmentEntitiesOf(ENV).filter(
        e => e.metadata.name !== `${ENV}-cloudfront`,
      ),
    );
    await expect(run({ environment: ENV, service: 'spa' }, s)).rejects.toThrow(
      /has no catalog entities for cloudfront-distribution/,
    );
  });

  it('refuses an output that is not a plain identifier, rendering nothing', async () => {
    const s = setup();
    const detail = deployedEnvironment(ENV);
    detail.outputs[`${ENV}-database.DatabaseEndpoint`] = 'db"\nevil: true';
    s.backend.environments.set(ENV, detail);
    await expect(run({ environment: ENV, service: 'api' }, s)).rejects.toThrow(
      /innovate-prod-database\.DatabaseEndpoint = "db\\"\\nevil: true"/,
    );
  });

  it.each([
    ['environment', { environment: 'group:default/platform-team' }],
    ['environment', { environment: 'Innovate Prod' }],
    ['environment', { environment: 'resource:default/' }],
    ['repoUrl', { repoUrl: 'github.com?owner=a&repo=b;rm -rf' }],
    ['port', { port: 9090 }],
  ])(
    'refuses a bad %s naming the field, before reading anything else',
    async (field, bad) => {
      const s = setup();
      await expect(
        run({ environment: ENV, service: 'api', ...bad }, s),
      ).rejects.toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(new RegExp(`^${field}: `)),
        }),
      );
      expect(s.backend.calls).toEqual([]);
    },
  );

  it('warns that a sandbox environment has synthetic outputs', async () => {
    const s = setup();
    s.backend.environments.set(ENV, {
      ...deployedEnvironment(ENV),
      source: 'sandbox',
    });
    const ctx = contextWith({ environment: ENV, service: 'spa' });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await s.action.handler(ctx);
    expect(warn.mock.calls.map(c => String(c[0]))).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'is a sandbox environment: its outputs are synthetic',
        ),
      ]),
    );
  });

  it('has examples that run', async () => {
    for (const example of setup().action.examples ?? []) {
      const { input } = yaml.parse(example.example).steps[0];
      const backend = new FakeAwsEnvironmentsBackend();
      const name = 'innovate-staging';
      backend.environments.set(name, deployedEnvironment(name));
      backend.entities.set(name, environmentEntitiesOf(name));
      const ctx = contextWith(input);
      await createOutputsAction({ backend }).handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('environment', name);
    }
  });
});
