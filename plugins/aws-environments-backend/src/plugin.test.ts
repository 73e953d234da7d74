import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsEnvironmentReadPermission,
  defaultEnvironmentSpec,
  EnvironmentSpecInput,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { FakeSynthesizer } from './__testUtils__/fakeSynthesizer';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';
import {
  awsEnvironmentConditions,
  createAwsEnvironmentConditionalDecision,
} from './permissions/conditions';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const seed = defaultEnvironmentSpec();

/** Every route, with a body that would otherwise be accepted. */
const ROUTES = [
  ['get', '/environments', undefined],
  ['get', `/environments/${seed.name}`, undefined],
  ['get', `/environments/${seed.name}/cluster`, undefined],
  ['get', `/environments/${seed.name}/database`, undefined],
  ['get', `/environments/${seed.name}/alarms`, undefined],
  ['get', `/environments/${seed.name}/cost`, undefined],
  ['get', `/environments/${seed.name}/entities`, undefined],
  ['get', `/environments/${seed.name}/deployments`, undefined],
  ['post', `/environments/${seed.name}/deployments`, { mode: 'update' }],
  ['get', `/environments/${seed.name}/deployments/x`, undefined],
  ['post', `/environments/${seed.name}/deployments/x/execute`, undefined],
  ['delete', `/environments/${seed.name}`, { confirm: seed.name }],
  ['post', '/estimate', { spec: SEED_ENVIRONMENT_INPUT }],
] as const;

function specInput(name: string): EnvironmentSpecInput {
  return { ...SEED_ENVIRONMENT_INPUT, name };
}

async function deploy(
  server: Parameters<typeof request>[0],
  name: string,
  body: object = { spec: specInput(name) },
) {
  const response = await request(server)
    .post(`${API}/environments/${name}/deployments`)
    .send(body);
  expect(response.status).toBe(202);
  return waitForDeployment(server, name, response.body.id);
}

/** Routes that answer without a 403 when the policy denies everything. */
const EXPECTED_WHEN_DENIED: Record<string, number> = {
  // Pricing a spec reads no environment; the list is filtered to nothing.
  '/estimate': 200,
  '/environments': 200,
  // The deployment is looked up before its approval is judged.
  [`/environments/${seed.name}/deployments/x/execute`]: 404,
};

describe('aws-environments plugin', () => {
  describe('seed environment', () => {
    it('registers and deploys the seed environment to the sandbox at first start', async () => {
      const { server, events } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
      });
      const list = await request(server).get(`${API}/environments`);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          name: seed.name,
          source: 'sandbox',
          region: 'us-east-1',
          accounts: seed.accounts,
          budgetUsd: 430,
          latestDeployment: expect.objectContaining({
            requestedBy: 'plugin:aws-environments',
          }),
        }),
      ]);

      const deployment = await waitForDeployment(
        server,
        seed.name,
        list.body.items[0].latestDeployment.id,
      );
      expect(deployment.status).toBe('succeeded');
      const messages = deployment.events.map(
        (e: { message: string }) => e.message,
      );
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Synthesized 5 stacks in \d+\.\d s$/),
          'CREATE_COMPLETE (sandbox): 1 resources in 222222222222/us-east-1',
          expect.stringMatching(
            /^Estimated \$\d+\.\d\d\/month against the \$430\.00 budget/,
          ),
        ]),
      );
      expect(
        deployment.events.filter(
          (e: { resourceStatus?: string }) =>
            e.resourceStatus === 'CREATE_COMPLETE',
        ),
      ).toHaveLength(5);
      expect(events.publish).toHaveBeenCalledWith({
        topic: 'aws-environments',
        eventPayload: { environment: seed.name, change: 'deployed' },
      });

      const detail = await request(server).get(
        `${API}/environments/${seed.name}`,
      );
      expect(detail.body).toMatchObject({
        status: 'deployed',
        spec: seed,
        outputs: {
          'innovate-prod-cluster.ClusterName': 'innovate-prod',
          'innovate-prod-cluster.ClusterArn':
            'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
        },
      });
    });

    it('is seeded once across restarts and across instances', async () => {
      const knex = await databases.init('SQLITE_3');
      const config = { awsEnvironments: { seedEnvironment: true } };
      const first = await startPluginBackend({ config, knex });
      const second = await startPluginBackend({ config, knex });
      await first.backend.stop();
      await second.backend.stop();
      const restarted = await startPluginBackend({ config, knex });

      const list = await request(restarted.server).get(`${API}/environments`);
      expect(list.body.items).toHaveLength(1);
      const deployments = await request(restarted.server).get(
        `${API}/environments/${seed.name}/deployments`,
      );
      expect(deployments.body.items).toHaveLength(1);
    });
  });

  describe('deployments', () => {
    it('deploys to the sandbox and serves every view from the recorded templates', async () => {
      const { server } = await startPluginBackend();
      const created = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a') });
      expect(created.status).toBe(202);
      expect(created.body).toEqual({
        id: expect.any(String),
        environment: 'team-a',
        status: 'queued',
      });
      const done = await waitForDeployment(server, 'team-a', created.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        source: 'sandbox',
        requestedBy: 'user:default/mock',
      });

      const cluster = await request(server).get(
        `${API}/environments/team-a/cluster`,
      );
      expect(cluster.status).toBe(200);
      expect(cluster.body).toMatchObject({
        source: 'sandbox',
        stale: false,
        name: 'team-a',
        version: '1.33',
        nodeGroups: [
          expect.objectContaining({
            name: 'team-a-system',
            minSize: 2,
            maxSize: 3,
          }),
          expect.objectContaining({ name: 'team-a-application', maxSize: 20 }),
        ],
      });
      const database = await request(server).get(
        `${API}/environments/team-a/database`,
      );
      expect(database.body).toMatchObject({
        source: 'sandbox',
        identifier: 'team-a-db',
        instanceClass: 'db.t3.medium',
        backupRetentionDays: 14,
      });
      const alarms = await request(server).get(
        `${API}/environments/team-a/alarms`,
      );
      expect(alarms.body.alarms).toHaveLength(5);
      const cost = await request(server).get(`${API}/environments/team-a/cost`);
      expect(cost.body).toMatchObject({
        source: 'sandbox',
        currency: 'USD',
        budget: { amountUsd: 430, from: 'spec' },
      });
      const entities = await request(server).get(
        `${API}/environments/team-a/entities`,
      );
      expect(entities.body.items).toEqual([
        expect.objectContaining({ kind: 'Resource' }),
      ]);
    });

    it('refuses to create an environment whose name is taken, writing nothing', async () => {
      const { server } = await startPluginBackend();
      await deploy(server, 'team-a');
      const again = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a') });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/send mode 'update'/);
      const list = await request(server).get(
        `${API}/environments/team-a/deployments`,
      );
      expect(list.body.items).toHaveLength(1);

      const update = await deploy(server, 'team-a', {
        spec: {
          ...specInput('team-a'),
          budget: { monthlyUsd: 500, alertEmail: 'a@b.example' },
        },
        mode: 'update',
      });
      expect(update.status).toBe('succeeded');
      const detail = await request(server).get(`${API}/environments/team-a`);
      expect(detail.body.budgetUsd).toBe(500);
      expect(detail.body.deployments).toHaveLength(2);
    });

    it('answers 400 naming each bad field of the spec, and writes nothing', async () => {
      const { server } = await startPluginBackend();
      const response = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({
          spec: {
            ...specInput('team-a'),
            cluster: { applicationNodeGroup: { minSize: 5, maxSize: 2 } },
            database: { backupRetentionDays: 0 },
          },
        });
      expect(response.status).toBe(400);
      const fields = response.body.fieldErrors.map(
        (e: { field: string }) => e.field,
      );
      expect(fields).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^spec\.cluster\.applicationNodeGroup\./),
          'spec.database.backupRetentionDays',
        ]),
      );
      expect(
        (await request(server).get(`${API}/environments/team-a`)).status,
      ).toBe(404);
    });

    it('names the field when the spec does not match the URL or the body has unknown fields', async () => {
      const { server } = await startPluginBackend();
      const mismatch = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-b') });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.fieldErrors).toEqual([
        {
          field: 'spec.name',
          message: "must be the environment name in the URL, 'team-a'",
        },
      ]);

      const unknown = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a'), force: true });
      expect(unknown.status).toBe(400);
      expect(unknown.body.fieldErrors).toEqual([
        {
          field: 'force',
          message: expect.stringMatching(/is not a known field/),
        },
      ]);

      const badEnum = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a'), approval: 'sometimes' });
      expect(badEnum.status).toBe(400);
      expect(badEnum.body.fieldErrors).toEqual([
        {
          field: 'approval',
          message: expect.stringMatching(/allowed values: auto, required/),
        },
      ]);

      const noSpec = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({});
      expect(noSpec.status).toBe(400);
      expect(noSpec.body.fieldErrors).toEqual([
        {
          field: 'spec',
          message: "is required: environment 'team-a' does not exist yet",
        },
      ]);
    });

    it('refuses a deployment while another one of the environment runs', async () => {
      const synthesizer = new FakeSynthesizer();
      synthesizer.hang();
      const { server } = await startPluginBackend({ synthesizer });
      const first = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a') });
      const second = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a'), mode: 'update' });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toContain(first.body.id);
    });

    it('marks a deployment running at a crash failed at the next start', async () => {
      const knex = await databases.init('SQLITE_3');
      const synthesizer = new FakeSynthesizer();
      synthesizer.hang();
      const crashed = await startPluginBackend({ knex, synthesizer });
      const created = await request(crashed.server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a') });
      await waitForDeployment(crashed.server, 'team-a', created.body.id, [
        'running',
      ]);
      await crashed.backend.stop();
      // The restart comes after the lease of the dead instance ran out.
      await new Promise(resolve => setTimeout(resolve, 1_200));

      const restarted = await startPluginBackend({
        knex,
        config: {
          awsEnvironments: {
            deployments: { leaseTimeout: { seconds: 1 } },
          },
        },
      });
      const lost = await waitForDeployment(
        restarted.server,
        'team-a',
        created.body.id,
        ['failed'],
      );
      expect(lost.error).toMatch(
        /^Interrupted: the backend instance running this deployment stopped/,
      );
      const detail = await request(restarted.server).get(
        `${API}/environments/team-a`,
      );
      expect(detail.body.status).toBe('failed');

      const retry = await deploy(restarted.server, 'team-a', {
        mode: 'update',
      });
      expect(retry.status).toBe('succeeded');
    });

    it('records a failed synth as a failed deployment with the reason', async () => {
      const synthesizer = new FakeSynthesizer();
      synthesizer.failWith('AssemblyError: Synthesis finished with errors');
      const { server, events } = await startPluginBackend({ synthesizer });
      const done = await deploy(server, 'team-a');
      expect(done.status).toBe('failed');
      expect(done.error).toContain('Synthesis finished with errors');
      expect(done.events.at(-1)).toMatchObject({ level: 'error' });
      const detail = await request(server).get(`${API}/environments/team-a`);
      expect(detail.body.status).toBe('failed');
      expect(
        (await request(server).get(`${API}/environments/team-a/cluster`))
          .status,
      ).toBe(404);
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('waits for approval, then executes the change sets', async () => {
      const { server } = await startPluginBackend();
      const pending = await deploy(server, 'team-a', {
        spec: specInput('team-a'),
        approval: 'required',
      });
      expect(pending.status).toBe('awaiting-approval');
      expect(pending.changeSets).toHaveLength(5);
      expect(pending.changeSets[0].changes[0]).toMatchObject({ action: 'Add' });
      expect(
        (await request(server).get(`${API}/environments/team-a`)).body.status,
      ).toBe('awaiting-approval');

      const executed = await request(server)
        .post(`${API}/environments/team-a/deployments/${pending.id}/execute`)
        .set('Authorization', mockCredentials.user.header('user:default/sam'));
      expect(executed.status).toBe(202);
      expect(executed.body).toEqual({
        id: pending.id,
        environment: 'team-a',
        status: 'queued',
      });
      const done = await waitForDeployment(server, 'team-a', pending.id, [
        'succeeded',
        'failed',
      ]);
      expect(done).toMatchObject({
        status: 'succeeded',
        requestedBy: 'user:default/mock',
        approvedBy: 'user:default/sam',
      });
      expect(done.events.map((e: { message: string }) => e.message)).toContain(
        'Change sets approved by user:default/sam (requested by user:default/mock); queued for execution',
      );

      const again = await request(server).post(
        `${API}/environments/team-a/deployments/${pending.id}/execute`,
      );
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(
        /is succeeded; only a deployment awaiting approval/,
      );
    });

    it('hands an environment to another owner only when the change is deployed', async () => {
      const { server } = await startPluginBackend({
        userInfo: {
          getUserInfo: async () => ({
            userEntityRef: 'user:default/mock',
            ownershipEntityRefs: [
              'user:default/mock',
              'group:default/platform-team',
              'group:default/application-team',
            ],
          }),
        },
      });
      await deploy(server, 'team-a');
      const ownerOf = async () =>
        (await request(server).get(`${API}/environments/team-a`)).body.owner;
      expect(await ownerOf()).toBe('group:default/platform-team');

      const pending = await deploy(server, 'team-a', {
        mode: 'update',
        approval: 'required',
        owner: 'group:default/application-team',
      });
      expect(pending.status).toBe('awaiting-approval');
      expect(await ownerOf()).toBe('group:default/platform-team');

      await request(server)
        .post(`${API}/environments/team-a/deployments/${pending.id}/execute`)
        .set('Authorization', mockCredentials.user.header('user:default/sam'));
      const done = await waitForDeployment(server, 'team-a', pending.id, [
        'succeeded',
        'failed',
      ]);
      expect(done.status).toBe('succeeded');
      expect(await ownerOf()).toBe('group:default/application-team');
      expect(done.events.map((e: { message: string }) => e.message)).toContain(
        'team-a is now owned by group:default/application-team',
      );
    });

    it('refuses to deploy past failed checks unless a seed claim is allowed', async () => {
      const { server, synthesizer } = await startPluginBackend();
      const oneNat = {
        ...specInput('dev-a'),
        network: { natGateways: 1 },
      };
      const refused = await deploy(server, 'dev-a', { spec: oneNat });
      expect(refused.status).toBe('failed');
      expect(refused.error).toMatch(
        /^DeploymentRefusedError: Refused to deploy dev-a: seed claim "nat-per-az" failed: A NAT gateway per AZ .*found: 1 NAT gateways in 3 AZs/,
      );

      const allowed = await deploy(server, 'dev-a', {
        spec: oneNat,
        mode: 'update',
        allowedDeviations: ['nat-per-az'],
      });
      expect(allowed).toMatchObject({
        status: 'succeeded',
        allowedDeviations: ['nat-per-az'],
      });
      expect(allowed.events).toContainEqual(
        expect.objectContaining({
          level: 'warning',
          message:
            'Deploying with deviations from the seed allowed by user:default/mock: nat-per-az',
        }),
      );

      (synthesizer as FakeSynthesizer).addNagFinding({
        plugin: 'AwsSolutions',
        ruleId: 'AwsSolutions-S1',
        severity: 'error',
        description: 'The S3 Bucket has server access logs disabled',
        path: 'dev-a-edge/Bucket/Resource',
      });
      const nag = await deploy(server, 'dev-a', {
        spec: oneNat,
        mode: 'update',
        allowedDeviations: ['nat-per-az'],
      });
      expect(nag.status).toBe('failed');
      expect(nag.error).toContain(
        'AwsSolutions AwsSolutions-S1 on dev-a-edge/Bucket/Resource',
      );
      // Refused before any change: the environment is still as deployed.
      const detail = await request(server).get(`${API}/environments/dev-a`);
      expect(detail.body).toMatchObject({
        status: 'deployed',
        latestDeployment: { id: nag.id, status: 'failed' },
      });
    });

    it('keeps an environment in its accounts and region', async () => {
      const { server } = await startPluginBackend();
      await deploy(server, 'team-a');
      const moved = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({
          mode: 'update',
          spec: {
            ...specInput('team-a'),
            region: 'us-west-2',
            accounts: {
              ...SEED_ENVIRONMENT_INPUT.accounts,
              workloads: '999999999999',
            },
          },
        });
      expect(moved.status).toBe(400);
      expect(
        moved.body.fieldErrors.map((e: { field: string }) => e.field),
      ).toEqual(['spec.accounts.workloads', 'spec.region']);
      const history = await request(server).get(
        `${API}/environments/team-a/deployments`,
      );
      expect(history.body.items).toHaveLength(1);
      const badList = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ mode: 'update', allowedDeviations: ['Not An Id'] });
      expect(badList.status).toBe(400);
      expect(badList.body.fieldErrors).toEqual([
        {
          field: 'allowedDeviations.0',
          message: 'must match pattern "^[a-z0-9-]{1,63}$"',
        },
      ]);
    });

    it('refuses an update that real AWS would refuse, naming the way out', async () => {
      const { server } = await startPluginBackend();
      await deploy(server, 'team-a');
      const jump = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({
          mode: 'update',
          spec: {
            ...specInput('team-a'),
            cluster: { kubernetesVersion: '1.35' },
          },
        });
      expect(jump.status).toBe(400);
      expect(jump.body.fieldErrors).toEqual([
        {
          field: 'spec.cluster.kubernetesVersion',
          message: expect.stringContaining('Upgrade to 1.34 first'),
        },
      ]);
      const history = await request(server).get(
        `${API}/environments/team-a/deployments`,
      );
      expect(history.body.items).toHaveLength(1);
      const next = await deploy(server, 'team-a', {
        mode: 'update',
        spec: {
          ...specInput('team-a'),
          cluster: { kubernetesVersion: '1.34' },
        },
      });
      expect(next.status).toBe('succeeded');
    });

    it('destroys an environment but keeps its database unless asked', async () => {
      const { server, events } = await startPluginBackend();
      await deploy(server, 'team-a');

      const wrong = await request(server)
        .delete(`${API}/environments/team-a`)
        .send({ confirm: 'team-b' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.fieldErrors).toEqual([
        {
          field: 'confirm',
          message:
            "must repeat the environment name 'team-a' to confirm the destroy",
        },
      ]);
      const missing = await request(server).delete(
        `${API}/environments/team-a`,
      );
      expect(missing.status).toBe(400);
      expect(missing.body.fieldErrors[0].field).toBe('confirm');

      const destroy = await request(server)
        .delete(`${API}/environments/team-a`)
        .send({ confirm: 'team-a' });
      expect(destroy.status).toBe(202);
      expect(destroy.body).toMatchObject({
        action: 'destroy',
        destroyData: false,
        status: 'queued',
      });
      const done = await waitForDeployment(server, 'team-a', destroy.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.events).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            stack: 'team-a-database',
            level: 'warning',
          }),
        ]),
      );
      expect(events.publish).toHaveBeenLastCalledWith({
        topic: 'aws-environments',
        eventPayload: { environment: 'team-a', change: 'destroyed' },
      });

      const detail = await request(server).get(`${API}/environments/team-a`);
      expect(detail.body.status).toBe('destroyed');
      // The network stays with the database, which lives in its subnets.
      expect(Object.keys(detail.body.outputs)).toEqual([
        'team-a-network.VpcId',
        'team-a-database.DatabaseEndpoint',
      ]);
      expect(
        (await request(server).get(`${API}/environments/team-a/database`))
          .status,
      ).toBe(200);
      const cluster = await request(server).get(
        `${API}/environments/team-a/cluster`,
      );
      expect(cluster.status).toBe(404);
      expect(cluster.body.error.message).toMatch(
        /no deployed EKS cluster \(status destroyed\)/,
      );
      // The kept data stays in the sandbox: recreating it elsewhere would
      // leave the kept stacks outside the registry.
      const moved = await request(server)
        .post(`${API}/environments/team-a/deployments`)
        .send({ spec: specInput('team-a'), mode: 'update', source: 'aws' });
      expect(moved.status).toBe(400);
      expect(moved.body.fieldErrors).toEqual([
        expect.objectContaining({
          field: 'source',
          message: expect.stringContaining(
            "environment 'team-a' kept its data in the sandbox",
          ),
        }),
      ]);
      expect(
        (
          await request(server)
            .delete(`${API}/environments/team-a`)
            .send({ confirm: 'team-a' })
        ).status,
      ).toBe(409);
    });
  });

  describe('errors', () => {
    it('answers 404 for an unknown environment on every route', async () => {
      const { server } = await startPluginBackend();
      for (const path of [
        '/environments/nope',
        '/environments/nope/cluster',
        '/environments/nope/database',
        '/environments/nope/alarms',
        '/environments/nope/cost',
        '/environments/nope/entities',
        '/environments/nope/deployments',
        '/environments/nope/deployments/some-id',
      ]) {
        const response = await request(server).get(`${API}${path}`);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 404,
        });
        expect(response.body.error.name).toBe('NotFoundError');
      }
      expect(
        (
          await request(server)
            .delete(`${API}/environments/nope`)
            .send({ confirm: 'nope' })
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server).post(
            `${API}/environments/nope/deployments/x/execute`,
          )
        ).status,
      ).toBe(404);
    });

    it('answers 401 on every route without credentials and accepts service tokens', async () => {
      const { server } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
      });
      for (const [method, path, body] of ROUTES) {
        const response = await request(server)
          [method](`${API}${path}`)
          .set('Authorization', mockCredentials.none.header())
          .send(body);
        expect({ method, path, status: response.status }).toEqual({
          method,
          path,
          status: 401,
        });
      }
      const asService = await request(server)
        .get(`${API}/environments/${seed.name}/entities`)
        .set('Authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
    });

    it('answers 403 on every route when the policy denies', async () => {
      const { server } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
        permissions: {
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        },
      });
      for (const [method, path, body] of ROUTES) {
        const response = await request(server)
          [method](`${API}${path}`)
          .send(body);
        expect({ method, path, status: response.status }).toEqual({
          method,
          path,
          status: EXPECTED_WHEN_DENIED[path] ?? 403,
        });
      }
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items).toEqual([]);
    });

    it('writes nothing when the policy denies a change', async () => {
      const { server } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
        permissions: {
          authorizeConditional: async requests =>
            requests.map(r => ({
              result:
                r.permission.attributes.action === 'read'
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            })),
        },
      });
      const list = await request(server).get(`${API}/environments`);
      await waitForDeployment(
        server,
        seed.name,
        list.body.items[0].latestDeployment.id,
      );
      for (const [method, path, body] of [
        ['post', `/environments/${seed.name}/deployments`, { mode: 'update' }],
        [
          'post',
          `/environments/team-a/deployments`,
          { spec: specInput('team-a') },
        ],
        ['delete', `/environments/${seed.name}`, { confirm: seed.name }],
      ] as const) {
        const response = await request(server)
          [method](`${API}${path}`)
          .send(body);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 403,
        });
      }
      const after = await request(server).get(`${API}/environments`);
      expect(after.body.items).toEqual([
        expect.objectContaining({ name: seed.name, status: 'deployed' }),
      ]);
      const deployments = await request(server).get(
        `${API}/environments/${seed.name}/deployments`,
      );
      expect(deployments.body.items).toHaveLength(1);
    });

    it('answers 400 naming the bad path or query parameter', async () => {
      const { server } = await startPluginBackend();
      const limit = await request(server).get(
        `${API}/environments/team-a/deployments?limit=0`,
      );
      expect(limit.status).toBe(400);
      expect(limit.body.fieldErrors).toEqual([
        expect.objectContaining({ field: 'limit' }),
      ]);
      const name = await request(server).get(
        `${API}/environments/${'a'.repeat(64)}/cluster`,
      );
      expect(name.status).toBe(400);
      expect(name.body.fieldErrors).toEqual([
        {
          field: 'name',
          message: 'must NOT have more than 63 characters',
        },
      ]);
    });

    it('applies conditional decisions to each environment', async () => {
      const { server } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
        permissions: {
          authorizeConditional: async requests =>
            requests.map(r =>
              r.permission.name === awsEnvironmentReadPermission.name
                ? createAwsEnvironmentConditionalDecision(
                    awsEnvironmentReadPermission,
                    awsEnvironmentConditions.isOwner({
                      claims: ['user:default/mock'],
                    }),
                  )
                : { result: AuthorizeResult.ALLOW },
            ),
        },
      });
      await deploy(server, 'mine');
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items).toEqual([
        expect.objectContaining({ name: 'mine', owner: 'user:default/mock' }),
      ]);
      const theirs = await request(server).get(
        `${API}/environments/${seed.name}/cluster`,
      );
      expect(theirs.status).toBe(403);
      expect(theirs.body.error.message).toBe(
        `Not allowed: aws-environment.read is required on environment '${seed.name}' (owner group:default/platform-team, sandbox)`,
      );
    });

    it('lets a service read but write only on behalf of a user', async () => {
      const { server } = await startPluginBackend({
        config: { awsEnvironments: { seedEnvironment: true } },
      });
      const service = mockCredentials.service.header();
      expect(
        (
          await request(server)
            .get(`${API}/environments/${seed.name}`)
            .set('Authorization', service)
        ).status,
      ).toBe(200);
      for (const [method, path, body] of [
        ['post', `/environments/svc/deployments`, { spec: specInput('svc') }],
        ['delete', `/environments/${seed.name}`, { confirm: seed.name }],
      ] as const) {
        const response = await request(server)
          [method](`${API}${path}`)
          .set('Authorization', service)
          .send(body);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 403,
        });
      }
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items.map((e: { name: string }) => e.name)).toEqual([
        seed.name,
      ]);
    });
  });

  describe('estimate', () => {
    it('estimates a spec against its budget', async () => {
      const { server } = await startPluginBackend();
      const response = await request(server)
        .post(`${API}/estimate`)
        .send({ spec: SEED_ENVIRONMENT_INPUT });
      expect(response.status).toBe(200);
      expect(response.body.estimate).toMatchObject({
        currency: 'USD',
        budgetUsd: 430,
        verdict: expect.stringMatching(/^(under|near|over)$/),
      });
      expect(response.body.estimate.lines.length).toBeGreaterThan(3);
    });

    it('answers 400 with field errors for a bad spec or body', async () => {
      const { server } = await startPluginBackend();
      const bad = await request(server)
        .post(`${API}/estimate`)
        .send({ spec: { ...SEED_ENVIRONMENT_INPUT, region: 'mars-1' } });
      expect(bad.status).toBe(400);
      expect(bad.body.fieldErrors).toEqual([
        expect.objectContaining({ field: 'spec.region' }),
      ]);
      const notObject = await request(server)
        .post(`${API}/estimate`)
        .send({ spec: 'x' });
      expect(notObject.body.fieldErrors).toEqual([
        expect.objectContaining({ field: 'spec' }),
      ]);
      const missing = await request(server).post(`${API}/estimate`).send({});
      expect(missing.body.fieldErrors).toEqual([
        { field: 'spec', message: 'is required: send { "spec": { ... } }' },
      ]);
      const notJson = await request(server)
        .post(`${API}/estimate`)
        .set('Content-Type', 'application/json')
        .send('{"spec":');
      expect(notJson.status).toBe(400);
      expect(notJson.body.fieldErrors).toEqual([
        { field: 'body', message: 'is not valid JSON' },
      ]);
    });
  });
});
