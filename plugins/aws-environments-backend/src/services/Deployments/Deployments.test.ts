import {
  ChangeSetNotFoundException,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  defaultEnvironmentSpec,
  EnvironmentSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import {
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../../__testUtils__/awsMocks';
import { FakeSynthesizer } from '../../__testUtils__/fakeSynthesizer';
import { FakeToolkit } from '../../__testUtils__/fakeToolkit';
import { DatabaseEnvironmentRegistry } from '../EnvironmentRegistry/DatabaseEnvironmentRegistry';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../Synthesizer/types';
import { AwsDeploymentTarget } from './aws/AwsDeploymentTarget';
import { DefaultDeploymentService } from './DefaultDeploymentService';
import { DeploymentRunner } from './DeploymentRunner';
import { DeploymentWorker } from './DeploymentWorker';
import { SandboxDeploymentTarget } from './sandbox/SandboxDeploymentTarget';
import { permittedRequester } from '../../__testUtils__/requester';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const spec = defaultEnvironmentSpec();

async function setup(
  options: {
    databaseId?: TestDatabaseId;
    synthesizer?: EnvironmentSynthesizer;
    leaseTimeoutMs?: number;
    perUserLimit?: number;
  } = {},
) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const registry = await DatabaseEnvironmentRegistry.create({
    database: mockServices.database({ knex }),
  });
  const toolkit = new FakeToolkit();
  const events = mockServices.events.mock();
  const logger = mockServices.logger.mock();
  const makeWorker = (
    workerId: string,
    synthesizer?: EnvironmentSynthesizer,
    instanceRegistry: EnvironmentRegistry = registry,
  ) =>
    new DeploymentWorker({
      registry: instanceRegistry,
      runner: new DeploymentRunner({
        registry: instanceRegistry,
        synthesizer:
          synthesizer ?? options.synthesizer ?? new FakeSynthesizer(),
        targets: {
          sandbox: new SandboxDeploymentTarget(),
          aws: new AwsDeploymentTarget({
            toolkit,
            clients: new MockedAwsClientFactory(),
          }),
        },
        events,
        logger,
        workDirectory: '/tmp',
      }),
      logger,
      workerId,
      leaseTimeoutMs: options.leaseTimeoutMs ?? 60_000,
    });
  const worker = makeWorker('worker-1');
  const service = new DefaultDeploymentService({
    registry,
    validateSpec: validateEnvironmentSpec,
    defaultSource: 'aws',
    seedOwner: 'group:default/platform-team',
    perUserLimit: options.perUserLimit ?? 3,
    onQueued: () => {},
  });
  return { knex, registry, toolkit, events, worker, makeWorker, service };
}

describe('deployments to AWS', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
  });
  afterEach(() => aws.restore());

  it('deploys every stack through change sets and records the outputs and events', async () => {
    const { service, worker, toolkit, registry, events } = await setup();
    const { id } = await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    expect(toolkit.deploys).toHaveLength(1);
    expect(toolkit.deploys[0]).toMatchObject({
      region: 'us-east-1',
      stackNames: [
        'innovate-prod-network',
        'innovate-prod-database',
        'innovate-prod-cluster',
        'innovate-prod-observability',
        'innovate-prod-budget',
      ],
      method: {
        kind: 'change-set',
        changeSetName: `innovate-portal-${id}`,
        execute: true,
      },
    });
    const deployment = await registry.getDeploymentWithEvents(id);
    expect(deployment).toMatchObject({ status: 'succeeded', source: 'aws' });
    expect(deployment!.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stack: 'innovate-prod-cluster',
          resourceStatus: 'CREATE_COMPLETE',
        }),
      ]),
    );
    const environment = await registry.getEnvironment(spec.name);
    expect(environment).toMatchObject({
      source: 'aws',
      status: 'deployed',
      lastDeploymentId: id,
      outputs: {
        'innovate-prod-network.StackOutput': 'value-of-innovate-prod-network',
      },
    });
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'aws-environments',
      eventPayload: { environment: spec.name, change: 'deployed' },
    });
  });

  it('stops an auto deployment that widens IAM for a person to approve, then deploys it', async () => {
    const { service, worker, toolkit, registry } = await setup();
    aws.cloudFormation.on(DescribeChangeSetCommand).callsFake(input => ({
      ChangeSetName: input.ChangeSetName,
      StackName: input.StackName,
      Status: 'CREATE_COMPLETE',
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Add',
            LogicalResourceId: 'Role',
            ResourceType: 'AWS::IAM::Role',
          },
        },
      ],
    }));
    toolkit.widensPermissions.add('innovate-prod-cluster');
    const { id } = await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    const pending = await registry.getDeploymentWithEvents(id);
    expect(pending).toMatchObject({
      status: 'awaiting-approval',
      approval: 'auto',
    });
    expect(pending?.events.map(e => e.message)).toContain(
      'innovate-prod-cluster widens IAM permissions or resource policies; a person must approve its change set before it is deployed',
    );
    // The stop happened before anything was executed without a person;
    // the new environment is then reviewed as its templates.
    expect(toolkit.deploys.map(d => [d.method, d.approvedByPerson])).toEqual([
      [
        {
          kind: 'change-set',
          changeSetName: `innovate-portal-${id}`,
          execute: true,
        },
        undefined,
      ],
    ]);

    await service.executeChangeSets(
      spec.name,
      id,
      permittedRequester('user:default/sam'),
    );
    await worker.runOnce();
    expect(toolkit.deploys[1]).toMatchObject({
      method: { kind: 'change-set', execute: true },
      approvedByPerson: true,
    });
    expect(await registry.getDeployment(id)).toMatchObject({
      status: 'succeeded',
      approvedBy: 'user:default/sam',
    });
  });

  it('reviews a new environment as its templates, then creates its stacks once approved', async () => {
    const { service, worker, toolkit, registry } = await setup();
    const { id } = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    // No change set can be made for stacks whose inputs do not exist yet.
    expect(toolkit.deploys).toEqual([]);
    const pending = await registry.getDeploymentWithEvents(id);
    expect(pending?.status).toBe('awaiting-approval');
    expect(pending?.changeSets?.map(c => c.stack)).toEqual([
      'innovate-prod-network',
      'innovate-prod-database',
      'innovate-prod-cluster',
      'innovate-prod-observability',
      'innovate-prod-budget',
    ]);
    expect(
      pending?.changeSets?.every(c => c.changes.every(x => x.action === 'Add')),
    ).toBe(true);
    expect(pending?.events.map(e => e.message)).toContainEqual(
      expect.stringMatching(
        /^Stacks to create: the review is the synthesized templates against those on record \(\d+ changes in 5 stacks\)/,
      ),
    );

    await service.executeChangeSets(
      spec.name,
      id,
      permittedRequester('user:default/approver'),
    );
    await worker.runOnce();
    expect(toolkit.deploys).toEqual([
      expect.objectContaining({
        method: {
          kind: 'change-set',
          changeSetName: `innovate-portal-${id}`,
          execute: true,
        },
        approvedByPerson: true,
        stackNames: pending?.changeSets?.map(c => c.stack),
      }),
    ]);
    expect((await registry.getDeployment(id))?.status).toBe('succeeded');
  });

  it('creates change sets for approval of an existing environment, then executes them', async () => {
    const { service, worker, toolkit, registry } = await setup();
    aws.cloudFormation.on(DescribeChangeSetCommand).callsFake(input => {
      if (input.StackName === 'innovate-prod-budget') {
        throw new ChangeSetNotFoundException({
          message: 'ChangeSet [x] does not exist',
          $metadata: {},
        });
      }
      return {
        ChangeSetName: input.ChangeSetName,
        StackName: input.StackName,
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: {
              Action: 'Add',
              LogicalResourceId: 'Resource1',
              ResourceType: 'AWS::EC2::VPC',
            },
          },
          {
            Type: 'Resource',
            ResourceChange: {
              Action: 'Modify',
              LogicalResourceId: 'Resource2',
              ResourceType: 'AWS::RDS::DBInstance',
              Replacement: 'Conditional',
            },
          },
        ],
      };
    });
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const { id } = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required', mode: 'update' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    expect(toolkit.deploys[1].method).toEqual({
      kind: 'change-set',
      changeSetName: `innovate-portal-${id}`,
      execute: false,
    });
    const pending = await registry.getDeployment(id);
    expect(pending?.status).toBe('awaiting-approval');
    expect(pending?.changeSets).toHaveLength(4);
    expect(pending?.changeSets?.[1]).toEqual({
      stack: 'innovate-prod-database',
      changeSetName: `innovate-portal-${id}`,
      changes: [
        {
          stack: 'innovate-prod-database',
          action: 'Add',
          logicalId: 'Resource1',
          resourceType: 'AWS::EC2::VPC',
        },
        {
          stack: 'innovate-prod-database',
          action: 'Modify',
          logicalId: 'Resource2',
          resourceType: 'AWS::RDS::DBInstance',
          replacement: 'Conditional',
        },
      ],
    });
    expect((await registry.getEnvironment(spec.name))?.status).toBe(
      'awaiting-approval',
    );

    await service.executeChangeSets(
      spec.name,
      id,
      permittedRequester('user:default/approver'),
    );
    await worker.runOnce();
    expect(toolkit.deploys[2]).toMatchObject({
      approvedByPerson: true,
      method: {
        kind: 'execute-change-set',
        changeSetName: `innovate-portal-${id}`,
      },
      stackNames: [
        'innovate-prod-network',
        'innovate-prod-database',
        'innovate-prod-cluster',
        'innovate-prod-observability',
      ],
    });
    const done = await registry.getDeploymentWithEvents(id);
    expect(done?.status).toBe('succeeded');
    expect(done?.events.map(e => e.message)).toContain(
      'Change sets approved by user:default/approver (requested by user:default/jane); queued for execution',
    );
  });

  it('executes an approved deployment without changes without asking CloudFormation', async () => {
    const { service, worker, toolkit, registry } = await setup();
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const before = await registry.getEnvironment(spec.name);
    aws.cloudFormation.on(DescribeChangeSetCommand).rejects(
      new ChangeSetNotFoundException({
        message: 'ChangeSet [x] does not exist',
        $metadata: {},
      }),
    );
    const { id } = await service.requestDeployment(
      spec.name,
      { approval: 'required', mode: 'update' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    expect((await registry.getDeployment(id))?.changeSets).toEqual([]);

    await service.executeChangeSets(
      spec.name,
      id,
      permittedRequester('user:default/approver'),
    );
    await worker.runOnce();
    const done = await registry.getDeploymentWithEvents(id);
    expect(done?.error).toBeUndefined();
    expect(done?.status).toBe('succeeded');
    expect(toolkit.deploys).toHaveLength(2);
    expect((await registry.getEnvironment(spec.name))?.outputs).toEqual(
      before?.outputs,
    );
  });

  it("refuses change sets that replace the database, as CloudFormation's own replacement data says, unless accepted", async () => {
    const { service, worker, toolkit, registry } = await setup();
    aws.cloudFormation.on(DescribeChangeSetCommand).callsFake(input => ({
      ChangeSetName: input.ChangeSetName,
      StackName: input.StackName,
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Changes:
        input.StackName === 'innovate-prod-database'
          ? [
              {
                Type: 'Resource',
                ResourceChange: {
                  Action: 'Modify',
                  LogicalResourceId: 'DatabaseInstance',
                  ResourceType: 'AWS::RDS::DBInstance',
                  Replacement: 'True',
                },
              },
            ]
          : [],
    }));
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const refused = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required', mode: 'update' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    const failed = await registry.getDeployment(refused.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain(
      'replaces DatabaseInstance (AWS::RDS::DBInstance) in innovate-prod-database',
    );
    expect(failed?.error).toContain('"acceptDataLoss": ["DatabaseInstance"]');
    expect(
      toolkit.deploys.filter(d => d.method.kind === 'execute-change-set'),
    ).toEqual([]);

    const accepted = await service.requestDeployment(
      spec.name,
      {
        spec,
        approval: 'required',
        mode: 'update',
        acceptDataLoss: ['DatabaseInstance'],
      },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    expect((await registry.getDeployment(accepted.id))?.status).toBe(
      'awaiting-approval',
    );
  });

  it('cancels a deployment awaiting approval when a new one is requested', async () => {
    const { service, worker, registry } = await setup();
    aws.cloudFormation.on(DescribeChangeSetCommand).resolves({ Changes: [] });
    const first = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const second = await service.requestDeployment(
      spec.name,
      { spec, mode: 'update' },
      permittedRequester('user:default/jane'),
    );
    expect(await registry.getDeployment(first.id)).toMatchObject({
      status: 'cancelled',
      error: `Superseded by deployment ${second.id} before its change sets were executed`,
    });
  });

  it('destroys all stacks but the stateful one and what it reads, dependents first', async () => {
    const { service, worker, toolkit, registry, events } = await setup();
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const destroy = await service.requestDestroy(
      spec.name,
      { confirm: spec.name },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    expect(toolkit.destroys).toHaveLength(1);
    // The database reads the network stack's outputs: deleting the network
    // would fail (DELETE_FAILED) while the database uses its subnets.
    expect(toolkit.destroys[0].stackNames).toEqual([
      'innovate-prod-budget',
      'innovate-prod-observability',
      'innovate-prod-cluster',
    ]);
    expect(
      aws.cloudFormation.commandCalls(UpdateTerminationProtectionCommand),
    ).toHaveLength(0);
    expect((await registry.getDeployment(destroy.id))?.status).toBe(
      'succeeded',
    );
    const environment = await registry.getEnvironment(spec.name);
    expect(environment?.status).toBe('destroyed');
    expect(environment?.stacks?.map(s => s.stackName)).toEqual([
      'innovate-prod-network',
      'innovate-prod-database',
    ]);
    expect(events.publish).toHaveBeenLastCalledWith({
      topic: 'aws-environments',
      eventPayload: { environment: spec.name, change: 'destroyed' },
    });
  });

  it('lifts termination and deletion protection and deletes the database when destroyData is set', async () => {
    const { service, worker, toolkit, registry } = await setup();
    aws.cloudFormation
      .on(DescribeChangeSetCommand)
      .resolves({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE' });
    aws.cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'innovate-prod-database',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
        },
      ],
    });
    aws.rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        {
          DBSnapshotIdentifier: 'innovate-prod-database-db-snapshot-old',
          SnapshotCreateTime: new Date('2026-01-01T00:00:00Z'),
        },
        {
          DBSnapshotIdentifier:
            'innovate-prod-database-databasefinal-1a2b3c4d5e6f',
          SnapshotCreateTime: new Date('2026-11-30T00:00:00Z'),
        },
      ],
    });
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    await service.requestDestroy(
      spec.name,
      { confirm: spec.name, destroyData: true },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    expect(
      aws.cloudFormation
        .commandCalls(UpdateTerminationProtectionCommand)
        .map(c => c.args[0].input),
    ).toEqual([
      {
        StackName: 'innovate-prod-database',
        EnableTerminationProtection: false,
      },
    ]);
    // Deletion protection goes through a change set of the stack itself.
    const [unprotect] = aws.cloudFormation.commandCalls(CreateChangeSetCommand);
    expect(unprotect.args[0].input).toMatchObject({
      StackName: 'innovate-prod-database',
      ChangeSetType: 'UPDATE',
    });
    const template = JSON.parse(unprotect.args[0].input.TemplateBody!);
    expect(template.Resources.Database.Properties.DeletionProtection).toBe(
      false,
    );
    expect(
      aws.cloudFormation.commandCalls(ExecuteChangeSetCommand)[0].args[0].input,
    ).toEqual({
      StackName: 'innovate-prod-database',
      ChangeSetName: unprotect.args[0].input.ChangeSetName,
    });
    // Every stack goes, network last.
    expect(toolkit.destroys[0].stackNames).toEqual([
      'innovate-prod-budget',
      'innovate-prod-observability',
      'innovate-prod-cluster',
      'innovate-prod-database',
      'innovate-prod-network',
    ]);
    const [destroy] = await registry.listDeployments(spec.name, { limit: 1 });
    const events = (await registry.getDeploymentWithEvents(destroy.id))!.events;
    expect(events.map(e => e.message)).toEqual(
      expect.arrayContaining([
        'Deletion protection lifted from Database through a change set (destroyData was set); CloudFormation keeps a final snapshot',
        'Final snapshot of database innovate-prod-db kept: innovate-prod-database-databasefinal-1a2b3c4d5e6f',
      ]),
    );
  });

  it('destroys the stacks a failed first deployment left, found in CloudFormation', async () => {
    const { service, worker, toolkit, registry } = await setup();
    toolkit.failure = new Error(
      'The stack named innovate-prod-cluster failed creation: ROLLBACK_COMPLETE',
    );
    await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    expect((await registry.getEnvironment(spec.name))?.stacks).toBeNull();
    toolkit.failure = undefined;
    const existing: Record<string, string> = {
      'innovate-prod-network': 'CREATE_COMPLETE',
      'innovate-prod-cluster': 'ROLLBACK_COMPLETE',
    };
    aws.cloudFormation.on(DescribeStacksCommand).callsFake(input => {
      const status = existing[input.StackName];
      if (!status) {
        throw awsError(
          'ValidationError',
          `Stack with id ${input.StackName} does not exist`,
        );
      }
      return {
        Stacks: [
          {
            StackName: input.StackName,
            StackStatus: status,
            CreationTime: new Date(),
          },
        ],
      };
    });

    const destroy = await service.requestDestroy(
      spec.name,
      { confirm: spec.name },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();

    expect(toolkit.destroys[0].stackNames).toEqual([
      'innovate-prod-cluster',
      'innovate-prod-network',
    ]);
    const done = await registry.getDeploymentWithEvents(destroy.id);
    expect(done?.status).toBe('succeeded');
    expect(done?.events.map(e => e.message)).toContainEqual(
      'Found innovate-prod-network, innovate-prod-cluster in CloudFormation without a successful deployment (a failed deployment left them); destroying them too',
    );
  });

  it("records a failed CloudFormation deployment with the toolkit's message", async () => {
    const { service, worker, toolkit, registry } = await setup();
    toolkit.failure = new Error(
      'The stack named innovate-prod-cluster failed creation, it may need to be manually deleted from the AWS console: ROLLBACK_COMPLETE',
    );
    const { id } = await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    const deployment = await registry.getDeployment(id);
    expect(deployment?.status).toBe('failed');
    expect(deployment?.error).toContain('ROLLBACK_COMPLETE');
    expect((await registry.getEnvironment(spec.name))?.status).toBe('failed');
  });
});

describe('deployments lost with their worker', () => {
  it('are marked failed by the next worker, and stay failed if the old one wakes up', async () => {
    let release: (value: SynthesizedEnvironment) => void = () => {};
    const stuck: EnvironmentSynthesizer = {
      synthesize: (s: EnvironmentSpec, options) =>
        new Promise(resolve => {
          release = () =>
            resolve(new FakeSynthesizer().synthesize(s, options) as never);
        }) as never,
    };
    const { service, makeWorker, registry, knex } = await setup({
      leaseTimeoutMs: 1_000,
    });
    const { id } = await service.requestDeployment(
      spec.name,
      { spec, source: 'sandbox' },
      permittedRequester('user:default/jane'),
    );
    const crashed = makeWorker('worker-crashed', stuck);
    const running = crashed.runOnce();
    await waitFor(
      async () => (await registry.getDeployment(id))?.status === 'running',
    );
    // The instance dies: no more heartbeats.
    crashed.stop();
    await knex('deployments')
      .where({ id })
      .update({ heartbeat_at: new Date(Date.now() - 5_000) });

    await makeWorker('worker-2').runOnce();
    const lost = await registry.getDeploymentWithEvents(id);
    expect(lost?.status).toBe('failed');
    expect(lost?.error).toMatch(
      /^Interrupted: the backend instance running this deployment stopped \(last heartbeat .*\)\. Start a new deployment to retry\.$/,
    );
    expect(lost?.events.at(-1)).toMatchObject({ level: 'error' });
    expect((await registry.getEnvironment(spec.name))?.status).toBe('failed');

    release(undefined as never);
    await running;
    expect((await registry.getDeployment(id))?.status).toBe('failed');
    expect((await registry.getEnvironment(spec.name))?.status).toBe('failed');
  });
});

describe('the per-user limit', () => {
  it('refuses a user more active deployments than the limit, and writes nothing', async () => {
    const { service, registry } = await setup({ perUserLimit: 2 });
    const jane = permittedRequester('user:default/jane');
    for (const name of ['env-a', 'env-b']) {
      await service.requestDeployment(
        name,
        { spec: { ...spec, name }, approval: 'required' },
        jane,
      );
    }
    await expect(
      service.requestDeployment(
        'env-c',
        { spec: { ...spec, name: 'env-c' } },
        jane,
      ),
    ).rejects.toThrow(
      'user:default/jane already has 2 deployments queued, running or awaiting approval (awsEnvironments.deployments.perUserLimit is 2)',
    );
    expect(await registry.getEnvironment('env-c')).toBeUndefined();
    // Another user is not held up by Jane's.
    await service.requestDeployment(
      'env-c',
      { spec: { ...spec, name: 'env-c' } },
      permittedRequester('user:default/sam'),
    );
  });
});

describe.each(databases.eachSupportedId())('fencing on %s', databaseId => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
  });
  afterEach(() => aws.restore());

  it('refuses the next AWS change of a stalled instance once another took the deployment over', async () => {
    let release: () => void = () => {};
    const stalls: EnvironmentSynthesizer = {
      synthesize: (s: EnvironmentSpec, options) =>
        new Promise<void>(resolve => {
          release = resolve;
        }).then(() => new FakeSynthesizer().synthesize(s, options)),
    };
    const { service, makeWorker, registry, knex, toolkit } = await setup({
      databaseId,
      leaseTimeoutMs: 1_000,
    });
    const { id } = await service.requestDeployment(
      spec.name,
      { spec },
      permittedRequester('user:default/jane'),
    );
    // Instance A claims the deployment and stalls in the middle of it.
    const instanceA = makeWorker('instance-a', stalls);
    const runningOnA = instanceA.runOnce();
    await waitFor(
      async () => (await registry.getDeployment(id))?.status === 'running',
    );
    instanceA.stop();
    await knex('deployments')
      .where({ id })
      .update({ heartbeat_at: new Date(Date.now() - 5_000) });

    // Instance B, with its own registry on the same database, takes over.
    const registryB = await DatabaseEnvironmentRegistry.create({
      database: mockServices.database({ knex }),
    });
    await makeWorker('instance-b', undefined, registryB).runOnce();
    expect((await registryB.getDeployment(id))?.status).toBe('failed');

    // A wakes up: its next change in AWS is refused, and nothing it
    // records overwrites B's verdict.
    release();
    await runningOnA;
    expect(toolkit.deploys).toEqual([]);
    expect(
      aws.cloudFormation.commandCalls(UpdateTerminationProtectionCommand),
    ).toEqual([]);
    const deployment = await registry.getDeploymentWithEvents(id);
    expect(deployment?.status).toBe('failed');
    expect(deployment?.error).toMatch(/^Interrupted: /);
    expect(deployment?.events.map(e => e.message)).toContainEqual(
      expect.stringContaining(
        `LeaseLostError: Deployment ${id} was taken over by another backend instance`,
      ),
    );
  });
});

describe('the deployment worker', () => {
  it('stays draining until every loop has stopped, even when one fails', async () => {
    let finish: () => void = () => {};
    const registry = {
      findLostDeployments: async () => [],
      claimNextDeployment: jest
        .fn()
        .mockRejectedValueOnce(new Error('connection lost'))
        .mockResolvedValueOnce({ id: 'd1', environment: spec.name })
        .mockResolvedValue(undefined),
      heartbeat: async () => {},
    } as unknown as EnvironmentRegistry;
    const runner = {
      run: jest.fn(
        () =>
          new Promise<void>(resolve => {
            finish = resolve;
          }),
      ),
    } as unknown as DeploymentRunner;
    const worker = new DeploymentWorker({
      registry,
      runner,
      logger: mockServices.logger.mock(),
      workerId: 'w1',
      leaseTimeoutMs: 60_000,
    });

    const draining = worker.runOnce();
    draining.catch(() => {});
    await waitFor(async () => (runner.run as jest.Mock).mock.calls.length > 0);
    // Still one run: a new one would start more loops than the concurrency.
    expect(worker.runOnce()).toBe(draining);
    finish();
    await expect(draining).rejects.toThrow('connection lost');
  });
});

describe.each(databases.eachSupportedId())('seeding on %s', databaseId => {
  it('registers the seed environment once, even from instances starting together', async () => {
    const { registry, service } = await setup({ databaseId });
    const other = new DefaultDeploymentService({
      registry,
      validateSpec: validateEnvironmentSpec,
      defaultSource: 'sandbox',
      seedOwner: 'group:default/platform-team',
      perUserLimit: 3,
      onQueued: () => {},
    });
    const results = await Promise.all([
      service.seed(spec),
      other.seed(spec),
      service.seed(spec),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await registry.listEnvironments()).toHaveLength(1);
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
    expect(await service.seed(spec)).toBe(false);
  });
});

describe.each(databases.eachSupportedId())(
  'concurrent requests on %s',
  databaseId => {
    async function requestAtOnce(
      service: DefaultDeploymentService,
      count: number,
    ) {
      const results = await Promise.allSettled(
        Array.from({ length: count }, () =>
          service.requestDeployment(
            spec.name,
            { spec, mode: 'update' },
            permittedRequester('user:default/jane'),
          ),
        ),
      );
      const refused = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason as Error] : [],
      );
      return { accepted: count - refused.length, refused };
    }

    it('queues one deployment of an environment, new or existing, and refuse the rest', async () => {
      const { service, registry } = await setup({ databaseId });
      const created = await requestAtOnce(service, 4);
      expect(created.accepted).toBe(1);
      expect(created.refused.map(e => e.name)).toEqual([
        'ConflictError',
        'ConflictError',
        'ConflictError',
      ]);
      const [first] = await registry.listDeployments(spec.name);
      await registry.updateDeployment(first.id, { status: 'succeeded' });

      const updated = await requestAtOnce(service, 4);
      expect(updated.accepted).toBe(1);
      expect(updated.refused.map(e => e.name)).toEqual([
        'ConflictError',
        'ConflictError',
        'ConflictError',
      ]);
      expect(await registry.listDeployments(spec.name)).toHaveLength(2);
    });
  },
);

async function waitFor(condition: () => Promise<boolean>) {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
