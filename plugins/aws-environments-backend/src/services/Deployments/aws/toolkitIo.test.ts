import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';
import { DeploymentIoHost, toolkitMessageToEvent } from './toolkitIo';

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

describe('DeploymentIoHost', () => {
  /** toolkit-lib's question before deploying a stack's changes. */
  const deployQuestion = (permissionChangeType: string) => ({
    time,
    level: 'info' as const,
    action: 'deploy' as const,
    code: 'CDK_TOOLKIT_I5060',
    message:
      'Stack Registry (innovate-prod-registry)\nIAM Statement Changes\n...\n\n' +
      'Stack includes security-sensitive updates. Do you wish to deploy these changes?',
    data: {
      motivation: 'Stack includes security-sensitive updates',
      concurrency: 1,
      permissionChangeType,
      templateDiffs: { 'Registry (innovate-prod-registry)': {} },
      destructiveChanges: [],
    },
    defaultResponse: true,
  });

  /** toolkit-lib's confirmation before destroying a stack. */
  const destroyQuestion = {
    time,
    level: 'info' as const,
    action: 'destroy' as const,
    code: 'CDK_TOOLKIT_I7010',
    message: 'Are you sure you want to delete: innovate-prod-budget?',
    data: { motivation: 'Destroying stacks is an irreversible action' },
    defaultResponse: false,
  };

  function host(approval: { executes: boolean; approvedByPerson: boolean }) {
    const events: NewDeploymentEvent[] = [];
    const io = new DeploymentIoHost(
      { emit: async event => void events.push(event) },
      approval,
    );
    return { io, events };
  }

  it.each`
    permissionChangeType | executes | approvedByPerson | answer
    ${'none'}            | ${true}  | ${false}         | ${true}
    ${'non-broadening'}  | ${true}  | ${false}         | ${true}
    ${'broadening'}      | ${false} | ${false}         | ${true}
    ${'broadening'}      | ${true}  | ${true}          | ${true}
    ${'broadening'}      | ${true}  | ${false}         | ${false}
  `(
    'answers $answer to deploying $permissionChangeType changes (executes: $executes, approved: $approvedByPerson)',
    async ({ permissionChangeType, executes, approvedByPerson, answer }) => {
      const { io } = host({ executes, approvedByPerson });
      await expect(
        io.requestResponse(deployQuestion(permissionChangeType) as never),
      ).resolves.toBe(answer);
      expect(io.declined !== undefined).toBe(!answer);
    },
  );

  it('keeps the declined change and says why in a warning', async () => {
    const { io, events } = host({ executes: true, approvedByPerson: false });
    await io.requestResponse(deployQuestion('broadening') as never);

    expect(io.declined).toEqual({
      stackName: 'innovate-prod-registry',
      securityDiff: expect.stringContaining('IAM Statement Changes'),
    });
    expect(events.at(-1)).toEqual({
      at: time.toISOString(),
      level: 'warning',
      message:
        "innovate-prod-registry widens IAM permissions or resource policies: not executing its change set without a person's approval",
      stack: 'innovate-prod-registry',
    });
  });

  it('confirms destroying: the person typed the name', async () => {
    const { io } = host({ executes: true, approvedByPerson: false });
    await expect(io.requestResponse(destroyQuestion as never)).resolves.toBe(
      true,
    );
  });

  it('stops toolkit-lib before the next stack when the run lost its deployment', async () => {
    let held = true;
    const io = new DeploymentIoHost(
      { emit: async () => {} },
      { executes: true, approvedByPerson: true },
      async () => {
        if (!held) {
          throw new Error('taken over');
        }
      },
    );
    await expect(
      io.requestResponse(deployQuestion('none') as never),
    ).resolves.toBe(true);
    held = false;
    await expect(
      io.requestResponse(deployQuestion('none') as never),
    ).rejects.toThrow('taken over');
    await expect(io.requestResponse(destroyQuestion as never)).rejects.toThrow(
      'taken over',
    );
  });
});
