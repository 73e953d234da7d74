import {
  ChangeSetNotFoundException,
  DescribeChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
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

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const spec = defaultEnvironmentSpec();

async function setup(
  options: {
    databaseId?: TestDatabaseId;
    synthesizer?: EnvironmentSynthesizer;
    leaseTimeoutMs?: number;
  } = {},
) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const registry = await DatabaseEnvironmentRegistry.create({
    database: mockServices.database({ knex }),
  });
  const toolkit = new FakeToolkit();
  const events = mockServices.events.mock();
  const logger = mockServices.logger.mock();
  const makeWorker = (workerId: string, synthesizer?: EnvironmentSynthesizer) =>
    new DeploymentWorker({
      registry,
      runner: new DeploymentRunner({
        registry,
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
      'user:default/jane',
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

  it('creates change sets for approval, then executes them', async () => {
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
    const { id } = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required' },
      'user:default/jane',
    );
    await worker.runOnce();

    expect(toolkit.deploys[0].method).toEqual({
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

    await service.executeChangeSets(spec.name, id, 'user:default/approver');
    await worker.runOnce();
    expect(toolkit.deploys[1]).toMatchObject({
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
      'Change sets approved by user:default/approver; queued for execution',
    );
  });

  it('executes an approved deployment without changes without asking CloudFormation', async () => {
    const { service, worker, toolkit, registry } = await setup();
    await service.requestDeployment(spec.name, { spec }, 'user:default/jane');
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
      'user:default/jane',
    );
    await worker.runOnce();
    expect((await registry.getDeployment(id))?.changeSets).toEqual([]);

    await service.executeChangeSets(spec.name, id, 'user:default/approver');
    await worker.runOnce();
    const done = await registry.getDeploymentWithEvents(id);
    expect(done?.error).toBeUndefined();
    expect(done?.status).toBe('succeeded');
    expect(toolkit.deploys).toHaveLength(2);
    expect((await registry.getEnvironment(spec.name))?.outputs).toEqual(
      before?.outputs,
    );
  });

  it('cancels a deployment awaiting approval when a new one is requested', async () => {
    const { service, worker, registry } = await setup();
    aws.cloudFormation.on(DescribeChangeSetCommand).resolves({ Changes: [] });
    const first = await service.requestDeployment(
      spec.name,
      { spec, approval: 'required' },
      'user:default/jane',
    );
    await worker.runOnce();
    const second = await service.requestDeployment(
      spec.name,
      { spec, mode: 'update' },
      'user:default/jane',
    );
    expect(await registry.getDeployment(first.id)).toMatchObject({
      status: 'cancelled',
      error: `Superseded by deployment ${second.id} before its change sets were executed`,
    });
  });

  it('destroys all stacks but the stateful one, dependents first', async () => {
    const { service, worker, toolkit, registry, events } = await setup();
    await service.requestDeployment(spec.name, { spec }, 'user:default/jane');
    await worker.runOnce();
    const destroy = await service.requestDestroy(
      spec.name,
      { confirm: spec.name },
      'user:default/jane',
    );
    await worker.runOnce();

    expect(toolkit.destroys).toHaveLength(1);
    expect(toolkit.destroys[0].stackNames).toEqual([
      'innovate-prod-budget',
      'innovate-prod-observability',
      'innovate-prod-cluster',
      'innovate-prod-network',
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
      'innovate-prod-database',
    ]);
    expect(events.publish).toHaveBeenLastCalledWith({
      topic: 'aws-environments',
      eventPayload: { environment: spec.name, change: 'destroyed' },
    });
  });

  it('lifts termination protection and deletes the database when destroyData is set', async () => {
    const { service, worker, toolkit } = await setup();
    await service.requestDeployment(spec.name, { spec }, 'user:default/jane');
    await worker.runOnce();
    await service.requestDestroy(
      spec.name,
      { confirm: spec.name, destroyData: true },
      'user:default/jane',
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
    expect(toolkit.destroys[0].stackNames).toContain('innovate-prod-database');
  });

  it("records a failed CloudFormation deployment with the toolkit's message", async () => {
    const { service, worker, toolkit, registry } = await setup();
    toolkit.failure = new Error(
      'The stack named innovate-prod-cluster failed creation, it may need to be manually deleted from the AWS console: ROLLBACK_COMPLETE',
    );
    const { id } = await service.requestDeployment(
      spec.name,
      { spec },
      'user:default/jane',
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
      'user:default/jane',
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
            'user:default/jane',
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
