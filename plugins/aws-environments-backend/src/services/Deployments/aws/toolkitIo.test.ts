import { toolkitMessageToEvent } from './toolkitIo';

const time = new Date('2025-11-20T12:00:00Z');

describe('toolkitMessageToEvent', () => {
  it('turns CloudFormation stack activity into a resource event', () => {
    expect(
      toolkitMessageToEvent({
        time,
        level: 'info',
        code: 'CDK_TOOLKIT_I5502',
        message: 'innovate-prod-cluster | 3/40 | CREATE_FAILED ...',
        data: {
          deployment: 'd1',
          event: {
            StackName: 'innovate-prod-cluster',
            LogicalResourceId: 'ClusterApplicationNodeGroup8093E3EB',
            ResourceType: 'AWS::EKS::Nodegroup',
            ResourceStatus: 'CREATE_FAILED',
            ResourceStatusReason:
              'Resource handler returned message: "Instance type not supported"',
            Timestamp: new Date('2025-11-20T11:59:58Z'),
          },
          progress: { total: 40, completed: 3, formatted: '3/40' },
        },
      }),
    ).toEqual({
      at: '2025-11-20T11:59:58.000Z',
      level: 'error',
      message:
        'CREATE_FAILED AWS::EKS::Nodegroup ClusterApplicationNodeGroup8093E3EB: Resource handler returned message: "Instance type not supported"',
      stack: 'innovate-prod-cluster',
      logicalId: 'ClusterApplicationNodeGroup8093E3EB',
      resourceStatus: 'CREATE_FAILED',
    });
  });

  it('keeps warnings and results, without terminal colours, and drops debug chatter', () => {
    expect(
      toolkitMessageToEvent({
        time,
        level: 'warn',
        message: '\u001b[33mChangeset has no changes\u001b[39m',
      }),
    ).toEqual({
      at: time.toISOString(),
      level: 'warning',
      message: 'Changeset has no changes',
    });
    expect(
      toolkitMessageToEvent({
        time,
        level: 'result',
        message: ' ✅  innovate-prod-network ',
      }),
    ).toMatchObject({ level: 'info', message: '✅  innovate-prod-network' });
    expect(
      toolkitMessageToEvent({
        time,
        level: 'debug',
        message: 'Reading cached notices',
      }),
    ).toBeUndefined();
    expect(
      toolkitMessageToEvent({ time, level: 'info', message: '   ' }),
    ).toBeUndefined();
  });
});
