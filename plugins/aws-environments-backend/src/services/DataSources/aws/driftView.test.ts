import {
  CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  type DescribeStackDriftDetectionStatusCommandOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import {
  AWS_FIXTURE_NOW,
  awsError,
  MockedAwsClientFactory,
} from '../../../__testUtils__/awsMocks';
import { fixtureEnvironment } from '../../../__testUtils__/fixtureEnvironment';
import { DataSourceError } from '../../../errors';
import type { DeployedEnvironment } from '../types';
import { AwsDataSource } from './AwsDataSource';

const spec = defaultEnvironmentSpec();
const environment: DeployedEnvironment = fixtureEnvironment(spec, {
  source: 'aws',
});
const CLUSTER_STACK = `${spec.name}-cluster`;
const OBSERVABILITY_STACK = `${spec.name}-observability`;
const BUDGET_STACK = `${spec.name}-budget`;
const stackArn = (name: string, account = spec.accounts.workloads) =>
  `arn:aws:cloudformation:us-east-1:${account}:stack/${name}/5b9a1d40-c6b1-11f0-8f3a-0a1b2c3d4e5f`;

const minutesAgo = (minutes: number) =>
  new Date(AWS_FIXTURE_NOW.getTime() - minutes * 60_000);

/** A DescribeStacks answer (shape of the CloudFormation API reference). */
function stack(name: string, drift: Stack['DriftInformation']): Stack {
  return {
    StackId: stackArn(name),
    StackName: name,
    StackStatus: 'UPDATE_COMPLETE',
    CreationTime: new Date('2025-11-01T00:00:00Z'),
    DriftInformation: drift,
  };
}

function detectionStatus(
  name: string,
  out: Partial<DescribeStackDriftDetectionStatusCommandOutput>,
) {
  return {
    StackId: stackArn(name),
    StackDriftDetectionId: `detection-${name}`,
    Timestamp: AWS_FIXTURE_NOW,
    ...out,
  } as DescribeStackDriftDetectionStatusCommandOutput;
}

describe('the aws drift view', () => {
  let cloudFormation: AwsClientStub<CloudFormationClient>;
  let clients: MockedAwsClientFactory;
  let sleeps: number[];
  let source: AwsDataSource;

  beforeEach(() => {
    cloudFormation = mockClient(CloudFormationClient);
    clients = new MockedAwsClientFactory();
    sleeps = [];
    source = new AwsDataSource({
      clients,
      costAllocationTag: 'innovate:environment',
      estimate: env => estimateFromSpec(env.spec),
      now: () => AWS_FIXTURE_NOW,
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
    // By default every stack was checked 20 minutes ago and is in sync, and
    // a new detection completes in sync at once.
    cloudFormation.on(DescribeStacksCommand).callsFake(input => ({
      Stacks: [
        stack(input.StackName, {
          StackDriftStatus: 'IN_SYNC',
          LastCheckTimestamp: minutesAgo(20),
        }),
      ],
    }));
    cloudFormation.on(DetectStackDriftCommand).callsFake(input => ({
      StackDriftDetectionId: `detection-${input.StackName}`,
    }));
    cloudFormation
      .on(DescribeStackDriftDetectionStatusCommand)
      .callsFake(input =>
        detectionStatus(input.StackDriftDetectionId.replace('detection-', ''), {
          DetectionStatus: 'DETECTION_COMPLETE',
          StackDriftStatus: 'IN_SYNC',
        }),
      );
  });
  afterEach(() => cloudFormation.restore());

  it('detects drift of every stack in its own account and finds them in sync', async () => {
    const drift = await source.getView('drift', environment);
    expect(drift).toEqual({
      status: 'IN_SYNC',
      stacks: environment.stacks.map(s => ({
        name: s.stackName,
        status: 'IN_SYNC',
        detectedAt: AWS_FIXTURE_NOW.toISOString(),
        resources: [],
      })),
    });
    expect(cloudFormation.commandCalls(DetectStackDriftCommand)).toHaveLength(
      environment.stacks.length,
    );
    // In sync: no resource drifts to ask for.
    expect(
      cloudFormation.commandCalls(DescribeStackResourceDriftsCommand),
    ).toHaveLength(0);
    // The budget stack is in the management account.
    expect(new Set(clients.requestedAccounts)).toEqual(
      new Set([spec.accounts.workloads, spec.accounts.management]),
    );
  });

  it('lists drifted resources with their property differences', async () => {
    cloudFormation
      .on(DescribeStackDriftDetectionStatusCommand, {
        StackDriftDetectionId: `detection-${CLUSTER_STACK}`,
      })
      .resolvesOnce(
        detectionStatus(CLUSTER_STACK, {
          DetectionStatus: 'DETECTION_IN_PROGRESS',
        }),
      )
      .resolves(
        detectionStatus(CLUSTER_STACK, {
          DetectionStatus: 'DETECTION_COMPLETE',
          StackDriftStatus: 'DRIFTED',
          DriftedStackResourceCount: 1,
          Timestamp: new Date('2025-11-20T12:00:03Z'),
        }),
      );
    cloudFormation
      .on(DescribeStackDriftDetectionStatusCommand, {
        StackDriftDetectionId: `detection-${OBSERVABILITY_STACK}`,
      })
      .resolves(
        detectionStatus(OBSERVABILITY_STACK, {
          DetectionStatus: 'DETECTION_COMPLETE',
          StackDriftStatus: 'DRIFTED',
          DriftedStackResourceCount: 1,
        }),
      );
    cloudFormation
      .on(DescribeStackResourceDriftsCommand, { StackName: CLUSTER_STACK })
      .resolvesOnce({
        StackResourceDrifts: [
          {
            StackId: stackArn(CLUSTER_STACK),
            LogicalResourceId: 'ApplicationNodegroup',
            PhysicalResourceId: 'innovate-prod/innovate-prod-application',
            ResourceType: 'AWS::EKS::Nodegroup',
            ExpectedProperties: '{"ScalingConfig":{"DesiredSize":2}}',
            ActualProperties: '{"ScalingConfig":{"DesiredSize":4}}',
            PropertyDifferences: [
              {
                PropertyPath: '/ScalingConfig/DesiredSize',
                ExpectedValue: '2',
                ActualValue: '4',
                DifferenceType: 'NOT_EQUAL',
              },
            ],
            StackResourceDriftStatus: 'MODIFIED',
            Timestamp: new Date('2025-11-20T12:00:02Z'),
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ StackResourceDrifts: [] });
    cloudFormation
      .on(DescribeStackResourceDriftsCommand, {
        StackName: OBSERVABILITY_STACK,
      })
      .resolves({
        StackResourceDrifts: [
          {
            StackId: stackArn(OBSERVABILITY_STACK),
            LogicalResourceId: 'NodeCpuAlarm',
            PhysicalResourceId: 'innovate-prod-node-cpu',
            ResourceType: 'AWS::CloudWatch::Alarm',
            StackResourceDriftStatus: 'DELETED',
            Timestamp: new Date('2025-11-20T12:00:02Z'),
          },
        ],
      });

    const drift = await source.getView('drift', environment);

    expect(drift.status).toBe('DRIFTED');
    const byName = Object.fromEntries(drift.stacks.map(s => [s.name, s]));
    expect(byName[CLUSTER_STACK]).toEqual({
      name: CLUSTER_STACK,
      status: 'DRIFTED',
      detectedAt: '2025-11-20T12:00:03.000Z',
      resources: [
        {
          logicalId: 'ApplicationNodegroup',
          physicalId: 'innovate-prod/innovate-prod-application',
          type: 'AWS::EKS::Nodegroup',
          status: 'MODIFIED',
          differences: [
            {
              path: '/ScalingConfig/DesiredSize',
              expected: '2',
              actual: '4',
              kind: 'NOT_EQUAL',
            },
          ],
        },
      ],
    });
    expect(byName[OBSERVABILITY_STACK].resources).toEqual([
      {
        logicalId: 'NodeCpuAlarm',
        physicalId: 'innovate-prod-node-cpu',
        type: 'AWS::CloudWatch::Alarm',
        status: 'DELETED',
        differences: [],
      },
    ]);
    expect(byName[BUDGET_STACK].status).toBe('IN_SYNC');
    // Only drifted and deleted resources, every page.
    const calls = cloudFormation.commandCalls(
      DescribeStackResourceDriftsCommand,
      { StackName: CLUSTER_STACK },
    );
    // (The SDK's paginator reuses one input object, so only the last
    // NextToken can be seen here.)
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.args[0].input).toMatchObject({
        StackName: CLUSTER_STACK,
        StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
      });
    }
    expect(calls[1].args[0].input.NextToken).toBe('page-2');
    // The running detection was polled again after a wait.
    expect(sleeps).toEqual([1_000]);
  });

  it('does not start a detection when the last check is recent', async () => {
    cloudFormation.on(DescribeStacksCommand).callsFake(input => ({
      Stacks: [
        stack(input.StackName, {
          StackDriftStatus:
            input.StackName === CLUSTER_STACK ? 'DRIFTED' : 'IN_SYNC',
          LastCheckTimestamp: minutesAgo(5),
        }),
      ],
    }));
    cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({
      StackResourceDrifts: [
        {
          StackId: stackArn(CLUSTER_STACK),
          LogicalResourceId: 'SystemNodegroup',
          ResourceType: 'AWS::EKS::Nodegroup',
          PropertyDifferences: [
            {
              PropertyPath: '/Tags/team',
              ExpectedValue: '',
              ActualValue: 'platform',
              DifferenceType: 'ADD',
            },
          ],
          StackResourceDriftStatus: 'MODIFIED',
          Timestamp: minutesAgo(5),
        },
      ],
    });

    const drift = await source.getView('drift', environment);

    expect(cloudFormation.commandCalls(DetectStackDriftCommand)).toHaveLength(
      0,
    );
    expect(drift.status).toBe('DRIFTED');
    expect(drift.stacks.find(s => s.name === CLUSTER_STACK)).toMatchObject({
      status: 'DRIFTED',
      detectedAt: minutesAgo(5).toISOString(),
      resources: [
        {
          logicalId: 'SystemNodegroup',
          differences: [
            {
              path: '/Tags/team',
              expected: '',
              actual: 'platform',
              kind: 'ADD',
            },
          ],
        },
      ],
    });
  });

  it('makes a stack UNKNOWN with the reason when its detection fails', async () => {
    cloudFormation
      .on(DescribeStackDriftDetectionStatusCommand, {
        StackDriftDetectionId: `detection-${CLUSTER_STACK}`,
      })
      .resolves(
        detectionStatus(CLUSTER_STACK, {
          DetectionStatus: 'DETECTION_FAILED',
          DetectionStatusReason:
            'Failed to detect drift on resource [ApplicationNodegroup]: Access denied for operation DescribeNodegroup',
        }),
      );

    const drift = await source.getView('drift', environment);

    expect(drift.status).toBe('UNKNOWN');
    expect(drift.stacks.find(s => s.name === CLUSTER_STACK)).toEqual({
      name: CLUSTER_STACK,
      status: 'UNKNOWN',
      reason: expect.stringContaining(
        'Failed to detect drift on resource [ApplicationNodegroup]',
      ),
      resources: [],
    });
  });

  it('gives up waiting for a detection after about a minute', async () => {
    cloudFormation
      .on(DescribeStackDriftDetectionStatusCommand, {
        StackDriftDetectionId: `detection-${CLUSTER_STACK}`,
      })
      .resolves(
        detectionStatus(CLUSTER_STACK, {
          DetectionStatus: 'DETECTION_IN_PROGRESS',
        }),
      );

    const drift = await source.getView('drift', environment);

    expect(drift.stacks.find(s => s.name === CLUSTER_STACK)).toMatchObject({
      status: 'UNKNOWN',
      reason: expect.stringMatching(/still running after 60 s/),
    });
    expect(drift.status).toBe('UNKNOWN');
    // Backoff: 1, 2, 4, 8 s, then 10 s steps, 60 s in all.
    expect(sleeps).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 5_000,
    ]);
  });

  it('shows a stack it may not check as UNKNOWN and the others as they are', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: BUDGET_STACK })
      .rejects(
        awsError(
          'AccessDenied',
          `User: arn:aws:sts::${spec.accounts.management}:assumed-role/portal/innovate is not authorized to perform: cloudformation:DescribeStacks`,
        ),
      );

    const drift = await source.getView('drift', environment);

    expect(drift.status).toBe('UNKNOWN');
    expect(drift.stacks.find(s => s.name === BUDGET_STACK)).toEqual({
      name: BUDGET_STACK,
      status: 'UNKNOWN',
      reason: expect.stringMatching(
        new RegExp(
          `^Access denied: .*management account ${spec.accounts.management}.*cloudformation:DescribeStacks on stack ${BUDGET_STACK}`,
        ),
      ),
      resources: [],
    });
    expect(
      drift.stacks.filter(s => s.name !== BUDGET_STACK).map(s => s.status),
    ).toEqual(Array(environment.stacks.length - 1).fill('IN_SYNC'));
  });

  it('fails the view when no stack could be checked', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(awsError('Throttling', 'Rate exceeded', 4));
    await expect(source.getView('drift', environment)).rejects.toThrow(
      DataSourceError,
    );
  });

  it('says when a recorded stack no longer exists', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: CLUSTER_STACK })
      .rejects(
        awsError(
          'ValidationError',
          `Stack with id ${CLUSTER_STACK} does not exist`,
        ),
      );
    const drift = await source.getView('drift', environment);
    expect(drift.stacks.find(s => s.name === CLUSTER_STACK)).toMatchObject({
      status: 'UNKNOWN',
      reason: expect.stringMatching(/does not exist .*Redeploy/),
    });
  });
});
