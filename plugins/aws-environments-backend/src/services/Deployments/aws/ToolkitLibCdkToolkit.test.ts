import {
  defaultEnvironmentSpec,
  environmentStackName,
} from '@innovate/plugin-aws-environments-common';
import {
  ScriptedCloudFormation,
  Template,
  useScriptedToolkitAws,
} from '../../../__testUtils__/scriptedCloudFormation';
import {
  BASE_ACCESS_KEY,
  ToolkitAwsMock,
} from '../../../__testUtils__/toolkitAws';
import { useSynthesizedEnvironmentApp } from '../../../__testUtils__/synthesizedApp';
import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';
import {
  SecurityChangeNeedsApprovalError,
  ToolkitDeployRequest,
} from './CdkToolkit';
import { ToolkitLibCdkToolkit } from './ToolkitLibCdkToolkit';

// Synthesizing the environment's CDK app takes about 10 s.
jest.setTimeout(120_000);

const spec = defaultEnvironmentSpec();
const { management, workloads } = spec.accounts;
const region = spec.region;
const registry = environmentStackName(spec.name, 'registry');
const budget = environmentStackName(spec.name, 'budget');
const deployRole = (account: string) => `ASIA${account}DEPLOY`;

const synthesized = useSynthesizedEnvironmentApp(spec, 'toolkit-lib-test-');
let templates: Record<string, Template>;

beforeAll(() => {
  templates = Object.fromEntries(
    synthesized.assembly.stacks.map(stack => [stack.stackName, stack.template]),
  );
});

const scripted = useScriptedToolkitAws({ baseAccount: workloads, region });
let aws: ToolkitAwsMock;
let cloudFormation: ScriptedCloudFormation;
let events: NewDeploymentEvent[];

beforeEach(() => {
  ({ aws, cloudFormation } = scripted);
  cloudFormation.bootstrapped(management).bootstrapped(workloads);
  events = [];
});

const toolkit = new ToolkitLibCdkToolkit({ stackEventPollingIntervalMs: 10 });

function request(stackNames: string[]) {
  return {
    assemblyDir: synthesized.assemblyDir,
    stackNames,
    credentials: async () => ({
      accessKeyId: BASE_ACCESS_KEY,
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    }),
    region,
    events: {
      emit: async (event: NewDeploymentEvent) => {
        events.push(event);
      },
    },
  };
}

function deploy(
  stackNames: string[],
  method: ToolkitDeployRequest['method'],
  approvedByPerson?: boolean,
) {
  return toolkit.deploy({ ...request(stackNames), method, approvedByPerson });
}

/** The calls on one stack, without the event polls (their number depends on timing). */
function callsOn(stackName: string) {
  return aws.calls
    .filter(
      c =>
        c.call.startsWith('CloudFormation.') &&
        c.call !== 'CloudFormation.DescribeStackEvents' &&
        String(c.input.StackName).includes(stackName),
    )
    .map(c => c.call.replace('CloudFormation.', ''));
}

const budgetId = 'BudgetMonthlyBudget2091D726';
const repositoryId = 'RegistryApiRepository78E4425C';

/** The resource events of the deployment: `STATUS logicalId: reason`. */
function resourceEvents() {
  return events
    .filter(e => e.resourceStatus)
    .map(e => `${e.resourceStatus} ${e.logicalId}`);
}

describe('ToolkitLibCdkToolkit against mocked AWS', () => {
  it('creates a stack through a change set, streaming its events', async () => {
    cloudFormation.whenExecuted(management, budget, [
      {
        status: 'CREATE_IN_PROGRESS',
        resourceEvents: [[budgetId, 'CREATE_IN_PROGRESS']],
      },
      {
        status: 'CREATE_COMPLETE',
        resourceEvents: [[budgetId, 'CREATE_COMPLETE']],
      },
    ]);

    const stacks = await deploy([budget], {
      kind: 'change-set',
      changeSetName: 'innovate-d1',
      execute: true,
    });

    expect(stacks).toEqual([
      { stackName: budget, hierarchicalId: 'Budget', outputs: {} },
    ]);
    // The portal's credentials assume the bootstrap roles of the management
    // account; the template goes to the assets bucket first.
    expect(
      aws.calls
        .filter(c => c.call !== 'CloudFormation.DescribeStackEvents')
        .map(c => `${c.call} ${c.accessKeyId}`),
    ).toEqual([
      `STS.GetCallerIdentity ${BASE_ACCESS_KEY}`,
      `STS.AssumeRole ${BASE_ACCESS_KEY}`,
      `S3.ListObjectsV2 ASIA${management}FILES`,
      `STS.AssumeRole ${BASE_ACCESS_KEY}`,
      `SSM.GetParameter ${deployRole(management)}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `S3.GetBucketLocation ASIA${management}FILES`,
      `S3.ListObjectsV2 ASIA${management}FILES`,
      `S3.GetBucketEncryption ASIA${management}FILES`,
      `S3.PutObject ASIA${management}FILES`,
      `STS.AssumeRole ${BASE_ACCESS_KEY}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `CloudFormation.CreateChangeSet ${deployRole(management)}`,
      `CloudFormation.DescribeChangeSet ${deployRole(management)}`,
      `STS.AssumeRole ${BASE_ACCESS_KEY}`,
      `CloudFormation.DescribeStacks ASIA${management}LOOKUP`,
      `CloudFormation.GetTemplate ASIA${management}LOOKUP`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `CloudFormation.DescribeChangeSet ${deployRole(management)}`,
      `CloudFormation.ExecuteChangeSet ${deployRole(management)}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
      `CloudFormation.DescribeStacks ${deployRole(management)}`,
    ]);
    expect(
      aws.calls.find(c => c.call === 'STS.AssumeRole')?.input,
    ).toMatchObject({
      RoleArn: `arn:aws:iam::${management}:role/cdk-hnb659fds-file-publishing-role-${management}-${region}`,
    });
    expect(
      aws.calls.find(c => c.call === 'SSM.GetParameter')?.input,
    ).toMatchObject({ Name: '/cdk-bootstrap/hnb659fds/version' });
    expect(
      aws.calls.find(c => c.call === 'CloudFormation.CreateChangeSet')?.input,
    ).toMatchObject({
      StackName: budget,
      ChangeSetName: 'innovate-d1',
      ChangeSetType: 'CREATE',
      TemplateURL: expect.stringContaining(
        `cdk-hnb659fds-assets-${management}-${region}`,
      ),
    });
    expect(aws.callNames()).toContain('CloudFormation.DescribeStackEvents');
    expect(resourceEvents()).toEqual([
      `CREATE_IN_PROGRESS ${budget}`,
      `CREATE_IN_PROGRESS ${budgetId}`,
      `CREATE_COMPLETE ${budgetId}`,
      `CREATE_COMPLETE ${budget}`,
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: `CREATE_COMPLETE AWS::Budgets::Budget ${budgetId}`,
        stack: budget,
      }),
    );
  });

  it('updates a stack whose changes widen no permission under approval: auto', async () => {
    // Deployed before: the same repository policy, another lifecycle rule.
    const deployed = JSON.parse(
      JSON.stringify(templates[registry]).replace(
        'Keep the last 30 images',
        'Keep the last 10 images',
      ),
    );
    expect(deployed).not.toEqual(templates[registry]);
    cloudFormation
      .existing(management, registry, {
        template: deployed,
        outputs: { RepositoryUri: 'uri-before' },
      })
      .whenExecuted(management, registry, [
        {
          status: 'UPDATE_IN_PROGRESS',
          resourceEvents: [[repositoryId, 'UPDATE_IN_PROGRESS']],
        },
        {
          status: 'UPDATE_COMPLETE',
          resourceEvents: [[repositoryId, 'UPDATE_COMPLETE']],
          outputs: {
            RepositoryUri: `${management}.dkr.ecr.${region}.amazonaws.com/innovate-prod/api`,
          },
        },
      ]);

    const stacks = await deploy([registry], {
      kind: 'change-set',
      changeSetName: 'innovate-d2',
      execute: true,
    });

    expect(stacks[0].outputs).toEqual({
      RepositoryUri: `${management}.dkr.ecr.${region}.amazonaws.com/innovate-prod/api`,
    });
    expect(
      aws.calls.find(c => c.call === 'CloudFormation.CreateChangeSet')?.input,
    ).toMatchObject({ ChangeSetType: 'UPDATE' });
    expect(callsOn(registry)).toContain('ExecuteChangeSet');
    expect(resourceEvents()).toEqual([
      `UPDATE_IN_PROGRESS ${registry}`,
      `UPDATE_IN_PROGRESS ${repositoryId}`,
      `UPDATE_COMPLETE ${repositoryId}`,
      `UPDATE_COMPLETE ${registry}`,
    ]);
  });

  it('stops a change set that widens permissions under approval: auto, before executing it', async () => {
    const deploying = deploy([registry], {
      kind: 'change-set',
      changeSetName: 'innovate-d3',
      execute: true,
    });

    const error = await deploying.catch(e => e);
    expect(error).toBeInstanceOf(SecurityChangeNeedsApprovalError);
    expect(error).toMatchObject({
      name: 'SecurityChangeNeedsApprovalError',
      stackName: registry,
      securityDiff: expect.stringContaining('ecr:BatchGetImage'),
    });
    expect(error.message).toContain(
      `Stack ${registry} widens IAM permissions or resource policies`,
    );
    expect(error.securityDiff).toContain(`AWS:arn:aws:iam::${workloads}:root`);
    // toolkit-lib removed the change set and the empty stack it created.
    expect(callsOn(registry)).toEqual([
      'DescribeStacks',
      'CreateChangeSet',
      'DescribeChangeSet',
      'DescribeStacks',
      'GetTemplate',
      'DescribeStacks',
      'DeleteChangeSet',
      'DeleteStack',
      'DescribeStacks',
    ]);
    expect(cloudFormation.stack(management, registry)?.status).toBe(
      'DELETE_COMPLETE',
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        stack: registry,
        message: `${registry} widens IAM permissions or resource policies: not executing its change set without a person's approval`,
      }),
    );
  });

  it('creates a change set for review, then executes it once a person approved', async () => {
    await deploy([registry], {
      kind: 'change-set',
      changeSetName: 'innovate-d4',
      execute: false,
    });

    // Created for review only: toolkit-lib's question is answered yes.
    expect(callsOn(registry)).not.toContain('ExecuteChangeSet');
    expect(events.filter(e => e.level !== 'info')).toEqual([]);
    expect(cloudFormation.stack(management, registry)).toMatchObject({
      status: 'REVIEW_IN_PROGRESS',
      changeSets: ['innovate-d4'],
    });

    // Executing it takes the person's approval.
    await expect(
      deploy([registry], {
        kind: 'execute-change-set',
        changeSetName: 'innovate-d4',
      }),
    ).rejects.toBeInstanceOf(SecurityChangeNeedsApprovalError);
    expect(callsOn(registry)).not.toContain('ExecuteChangeSet');
    expect(cloudFormation.stack(management, registry)?.changeSets).toEqual([
      'innovate-d4',
    ]);

    cloudFormation.whenExecuted(management, registry, [
      {
        status: 'CREATE_IN_PROGRESS',
        resourceEvents: [[repositoryId, 'CREATE_IN_PROGRESS']],
      },
      {
        status: 'CREATE_COMPLETE',
        resourceEvents: [[repositoryId, 'CREATE_COMPLETE']],
        outputs: {
          RepositoryUri: `${management}.dkr.ecr.${region}.amazonaws.com/innovate-prod/api`,
        },
      },
    ]);
    aws.calls.length = 0;
    const stacks = await deploy(
      [registry],
      { kind: 'execute-change-set', changeSetName: 'innovate-d4' },
      true,
    );

    expect(stacks).toEqual([
      {
        stackName: registry,
        hierarchicalId: 'Registry',
        outputs: {
          RepositoryUri: `${management}.dkr.ecr.${region}.amazonaws.com/innovate-prod/api`,
        },
      },
    ]);
    expect(callsOn(registry)).not.toContain('CreateChangeSet');
    expect(
      aws.calls.find(c => c.call === 'CloudFormation.ExecuteChangeSet'),
    ).toMatchObject({
      input: {
        StackName: registry,
        ChangeSetName: expect.stringContaining(':changeSet/innovate-d4/'),
      },
      accessKeyId: deployRole(management),
    });
    expect(cloudFormation.stack(management, registry)?.status).toBe(
      'CREATE_COMPLETE',
    );
  });

  it('fails with the failed resource and its reason when the stack rolls back', async () => {
    const reason =
      'Resource handler returned message: "Error creating budget: DuplicateRecordException: ' +
      'the budget innovate-prod-monthly already exists" (RequestToken: 3f1c2a9e-0b7d-4c55-9e0f-6a1d2b3c4d5e, HandlerErrorCode: AlreadyExists)';
    cloudFormation.whenExecuted(management, budget, [
      {
        status: 'CREATE_IN_PROGRESS',
        resourceEvents: [[budgetId, 'CREATE_IN_PROGRESS']],
      },
      {
        status: 'ROLLBACK_IN_PROGRESS',
        statusReason: `The following resource(s) failed to create: [${budgetId}]. Rollback requested by user.`,
        resourceEvents: [[budgetId, 'CREATE_FAILED', reason]],
      },
      {
        status: 'ROLLBACK_COMPLETE',
        resourceEvents: [[budgetId, 'DELETE_COMPLETE']],
      },
    ]);

    const error = await deploy([budget], {
      kind: 'change-set',
      changeSetName: 'innovate-d5',
      execute: true,
    }).catch(e => e);

    // toolkit-lib's diagnosis names the resource and wraps its reason.
    expect(error.message).toContain(`${budget} failed: DeploymentError`);
    expect(error.message).toContain(
      `(AWS::Budgets::Budget ${budgetId})\n  Resource handler returned message: "Error creating budget: DuplicateRecordException`,
    );
    expect(resourceEvents()).toEqual([
      `CREATE_IN_PROGRESS ${budget}`,
      `CREATE_IN_PROGRESS ${budgetId}`,
      `CREATE_FAILED ${budgetId}`,
      `ROLLBACK_IN_PROGRESS ${budget}`,
      `DELETE_COMPLETE ${budgetId}`,
      `ROLLBACK_COMPLETE ${budget}`,
    ]);
    expect(events).toContainEqual({
      at: expect.any(String),
      level: 'error',
      message: `CREATE_FAILED AWS::Budgets::Budget ${budgetId}: ${reason}`,
      stack: budget,
      logicalId: budgetId,
      resourceStatus: 'CREATE_FAILED',
    });
  });

  it('deletes the stacks it destroys', async () => {
    cloudFormation
      .existing(management, budget, { template: templates[budget] })
      .whenDeleted(management, budget, [
        {
          status: 'DELETE_IN_PROGRESS',
          resourceEvents: [[budgetId, 'DELETE_IN_PROGRESS']],
        },
        {
          status: 'DELETE_COMPLETE',
          resourceEvents: [[budgetId, 'DELETE_COMPLETE']],
        },
      ]);

    await toolkit.destroy(request([budget]));

    expect(callsOn(budget)).toEqual([
      'DescribeStacks',
      'DeleteStack',
      'DescribeStacks',
      'DescribeStacks',
    ]);
    expect(
      aws.calls.find(c => c.call === 'CloudFormation.DeleteStack'),
    ).toMatchObject({ accessKeyId: deployRole(management) });
    expect(cloudFormation.stack(management, budget)?.status).toBe(
      'DELETE_COMPLETE',
    );
    expect(resourceEvents()).toEqual([
      `DELETE_IN_PROGRESS ${budget}`,
      `DELETE_IN_PROGRESS ${budgetId}`,
      `DELETE_COMPLETE ${budgetId}`,
      `DELETE_COMPLETE ${budget}`,
    ]);
  });

  it('rides out CloudFormation throttling mid-deploy with the SDK retry', async () => {
    cloudFormation.whenExecuted(management, budget, [
      {
        status: 'CREATE_IN_PROGRESS',
        resourceEvents: [[budgetId, 'CREATE_IN_PROGRESS']],
      },
      'throttled',
      {
        status: 'CREATE_COMPLETE',
        resourceEvents: [[budgetId, 'CREATE_COMPLETE']],
      },
    ]);

    await expect(
      deploy([budget], {
        kind: 'change-set',
        changeSetName: 'innovate-d6',
        execute: true,
      }),
    ).resolves.toEqual([
      { stackName: budget, hierarchicalId: 'Budget', outputs: {} },
    ]);

    const afterExecute = callsOn(budget).slice(
      callsOn(budget).indexOf('ExecuteChangeSet'),
    );
    // The throttled poll was sent again, once.
    expect(afterExecute).toEqual([
      'ExecuteChangeSet',
      'DescribeStacks',
      'DescribeStacks',
      'DescribeStacks',
    ]);
    expect(resourceEvents()).toContain(`CREATE_COMPLETE ${budget}`);
  });
});
