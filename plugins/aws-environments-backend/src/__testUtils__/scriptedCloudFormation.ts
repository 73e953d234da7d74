import type {
  Change,
  Stack,
  StackEvent,
  StackStatus,
} from '@aws-sdk/client-cloudformation';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  accountOfAccessKey,
  answerAsBootstrapped,
  awsServiceError,
  cloudFormationSdk as cfn,
  mockToolkitAws,
  ToolkitAwsMock,
} from './toolkitAws';

/** A CloudFormation template, as far as these answers read it. */
export interface Template {
  Resources?: Record<string, { Type: string }>;
  [key: string]: unknown;
}

/** A resource event of a step: `[logicalId, status, reason?]`. */
export type ResourceEventSpec = [string, string, string?];

/**
 * What CloudFormation reports at one status poll while it works on a stack:
 * the stack's status afterwards and the events that happened meanwhile;
 * or `'throttled'`: that poll is refused with CloudFormation's throttling
 * error (`Throttling: Rate exceeded`).
 */
export type ScriptStep = StatusStep | 'throttled';

export interface StatusStep {
  status: StackStatus;
  statusReason?: string;
  resourceEvents?: ResourceEventSpec[];
  /** Outputs the stack has from this step on. */
  outputs?: Record<string, string>;
}

interface StackState {
  account: string;
  region: string;
  name: string;
  id: string;
  status: StackStatus;
  statusReason?: string;
  template?: Template;
  outputs: Record<string, string>;
  terminationProtection: boolean;
  createdAt: Date;
  events: StackEvent[];
  changeSets: Map<
    string,
    {
      id: string;
      type: 'CREATE' | 'UPDATE';
      template: Template;
      createdAt: Date;
    }
  >;
  /** The steps left of the operation in progress (one per DescribeStacks). */
  running: ScriptStep[];
}

const OPERATION_STARTS = new Set<StackStatus>([
  'CREATE_IN_PROGRESS',
  'UPDATE_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
]);

function resourceChanges(
  deployed: Template | undefined,
  next: Template,
): Change[] {
  const before = deployed?.Resources ?? {};
  const after = next.Resources ?? {};
  const change = (
    action: 'Add' | 'Modify' | 'Remove',
    logicalId: string,
    type: string,
  ): Change => ({
    Type: 'Resource',
    ResourceChange: {
      Action: action,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ...(action === 'Modify'
        ? { Replacement: 'False', Scope: ['Properties'] }
        : {}),
      Details: [],
    },
  });
  return [
    ...Object.entries(after).flatMap(([id, resource]) => {
      if (!before[id]) {
        return [change('Add', id, resource.Type)];
      }
      return JSON.stringify(before[id]) === JSON.stringify(resource)
        ? []
        : [change('Modify', id, resource.Type)];
    }),
    ...Object.entries(before)
      .filter(([id]) => !after[id])
      .map(([id, resource]) => change('Remove', id, resource.Type)),
  ];
}

/**
 * CloudFormation as `@aws-cdk/toolkit-lib` sees it, answered through the
 * `aws-sdk-client-mock` stub: stacks per account (told apart by who signed
 * the call), change sets, and what happens when a change set is executed or
 * a stack deleted, scripted step by step by the test. The response shapes
 * are those of the CloudFormation API reference.
 */
export class ScriptedCloudFormation {
  private readonly stacks: StackState[] = [];
  private readonly scripts = new Map<
    string,
    { execute: ScriptStep[][]; delete: ScriptStep[][] }
  >();
  private eventCount = 0;
  private lastEventAt = 0;

  constructor(
    private readonly aws: ToolkitAwsMock,
    private readonly env: {
      baseAccount: string;
      region: string;
      /** Objects in the assets buckets by `bucket/key`: the templates. */
      uploaded: Map<string, string>;
    },
  ) {
    const { cloudFormation } = aws;
    cloudFormation
      .on(cfn.DescribeStacksCommand)
      .callsFake(input => this.describeStacks(input.StackName!));
    cloudFormation
      .on(cfn.GetTemplateCommand)
      .callsFake(input => this.getTemplate(input.StackName!));
    cloudFormation
      .on(cfn.CreateChangeSetCommand)
      .callsFake(input => this.createChangeSet(input));
    cloudFormation
      .on(cfn.DescribeChangeSetCommand)
      .callsFake(input =>
        this.describeChangeSet(input.StackName!, input.ChangeSetName!),
      );
    cloudFormation
      .on(cfn.ExecuteChangeSetCommand)
      .callsFake(input =>
        this.executeChangeSet(input.StackName!, input.ChangeSetName!),
      );
    cloudFormation
      .on(cfn.DeleteChangeSetCommand)
      .callsFake(input =>
        this.deleteChangeSet(input.StackName!, input.ChangeSetName!),
      );
    cloudFormation
      .on(cfn.DeleteStackCommand)
      .callsFake(input => this.deleteStack(input.StackName!));
    cloudFormation.on(cfn.DescribeStackEventsCommand).callsFake(input => ({
      StackEvents: [...this.find(input.StackName!).events].reverse(),
    }));
    cloudFormation
      .on(cfn.UpdateTerminationProtectionCommand)
      .callsFake(input => {
        const stack = this.find(input.StackName!);
        stack.terminationProtection = input.EnableTerminationProtection!;
        return { StackId: stack.id };
      });
  }

  /** The bootstrap stack of `cdk bootstrap` in an account. */
  bootstrapped(account: string, version = 30) {
    this.addStack(account, 'CDKToolkit', 'UPDATE_COMPLETE', {
      outputs: {
        BucketName: `cdk-hnb659fds-assets-${account}-${this.env.region}`,
        BucketDomainName: `cdk-hnb659fds-assets-${account}-${this.env.region}.s3.${this.env.region}.amazonaws.com`,
        FileAssetKeyArn: 'AWS_MANAGED_KEY',
        ImageRepositoryName: `cdk-hnb659fds-container-assets-${account}-${this.env.region}`,
        BootstrapVersion: String(version),
      },
    });
    return this;
  }

  /** A stack that is already deployed. */
  existing(
    account: string,
    name: string,
    options: {
      template: Template;
      status?: StackStatus;
      outputs?: Record<string, string>;
      terminationProtection?: boolean;
    },
  ) {
    this.addStack(account, name, options.status ?? 'CREATE_COMPLETE', options);
    return this;
  }

  /**
   * What CloudFormation reports, poll by poll, once the next change set of
   * the stack is executed.
   */
  whenExecuted(account: string, name: string, steps: ScriptStep[]) {
    this.scriptsOf(account, name).execute.push(steps);
    return this;
  }

  /** What CloudFormation reports, poll by poll, once the stack is deleted. */
  whenDeleted(account: string, name: string, steps: ScriptStep[]) {
    this.scriptsOf(account, name).delete.push(steps);
    return this;
  }

  /** The current state of a stack, as a test sees it. */
  stack(account: string, name: string) {
    const stack = this.stacks.find(
      s => s.account === account && s.name === name,
    );
    return (
      stack && {
        status: stack.status,
        changeSets: [...stack.changeSets.keys()],
        terminationProtection: stack.terminationProtection,
      }
    );
  }

  private scriptsOf(account: string, name: string) {
    const key = `${account}/${name}`;
    const scripts = this.scripts.get(key) ?? { execute: [], delete: [] };
    this.scripts.set(key, scripts);
    return scripts;
  }

  private addStack(
    account: string,
    name: string,
    status: StackStatus,
    options: {
      template?: Template;
      outputs?: Record<string, string>;
      terminationProtection?: boolean;
    },
  ): StackState {
    const stack: StackState = {
      account,
      region: this.env.region,
      name,
      id: `arn:aws:cloudformation:${this.env.region}:${account}:stack/${name}/${
        this.stacks.length + 1
      }a2b3c4d-5e6f-11ef-8a1b-0e3f2c4d5e6f`,
      status,
      template: options.template,
      outputs: options.outputs ?? {},
      terminationProtection: options.terminationProtection ?? false,
      createdAt: new Date(),
      events: [],
      changeSets: new Map(),
      running: [],
    };
    this.stacks.push(stack);
    return stack;
  }

  /** The account whose credentials signed the call being answered. */
  private caller(): string {
    return accountOfAccessKey(
      this.aws.answering().accessKeyId,
      this.env.baseAccount,
    );
  }

  private lookup(nameOrArn: string): StackState | undefined {
    if (nameOrArn.startsWith('arn:')) {
      return this.stacks.find(s => s.id === nameOrArn);
    }
    const account = this.caller();
    return this.stacks.find(
      s =>
        s.account === account &&
        s.name === nameOrArn &&
        s.status !== 'DELETE_COMPLETE',
    );
  }

  private find(nameOrArn: string): StackState {
    const stack = this.lookup(nameOrArn);
    if (!stack) {
      throw awsServiceError(
        'ValidationError',
        `Stack with id ${nameOrArn} does not exist`,
      );
    }
    return stack;
  }

  private event(
    stack: StackState,
    logicalId: string,
    type: string,
    status: string,
    reason?: string,
  ): StackEvent {
    this.eventCount += 1;
    // Strictly increasing, so that toolkit-lib orders events as they came.
    this.lastEventAt = Math.max(Date.now(), this.lastEventAt + 1);
    return {
      StackId: stack.id,
      EventId: `${logicalId}-${status}-${this.eventCount}`,
      StackName: stack.name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: logicalId === stack.name ? stack.id : undefined,
      ResourceType: type,
      Timestamp: new Date(this.lastEventAt),
      ResourceStatus: status as StackEvent['ResourceStatus'],
      ...(reason ? { ResourceStatusReason: reason } : {}),
    };
  }

  private advance(stack: StackState) {
    const step = stack.running.shift();
    if (!step) {
      return;
    }
    if (step === 'throttled') {
      throw awsServiceError('Throttling', 'Rate exceeded');
    }
    const types = stack.template?.Resources ?? {};
    const resourceEvents = (step.resourceEvents ?? []).map(
      ([logicalId, status, reason]) =>
        () =>
          this.event(
            stack,
            logicalId,
            types[logicalId]?.Type ?? 'AWS::CloudFormation::Stack',
            status,
            reason,
          ),
    );
    const stackEvent = () =>
      this.event(
        stack,
        stack.name,
        'AWS::CloudFormation::Stack',
        step.status,
        step.statusReason,
      );
    // A stack reports that it starts before its resources, and that it
    // failed or finished after them.
    const ordered = OPERATION_STARTS.has(step.status)
      ? [stackEvent, ...resourceEvents]
      : [...resourceEvents, stackEvent];
    stack.events.push(...ordered.map(event => event()));
    stack.status = step.status;
    stack.statusReason = step.statusReason;
    if (step.outputs) {
      stack.outputs = step.outputs;
    }
  }

  private describeStacks(nameOrArn: string): { Stacks: Stack[] } {
    const stack = this.find(nameOrArn);
    this.advance(stack);
    return {
      Stacks: [
        {
          StackId: stack.id,
          StackName: stack.name,
          CreationTime: stack.createdAt,
          StackStatus: stack.status,
          ...(stack.statusReason
            ? { StackStatusReason: stack.statusReason }
            : {}),
          DisableRollback: false,
          NotificationARNs: [],
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
          Outputs: Object.entries(stack.outputs).map(([key, value]) => ({
            OutputKey: key,
            OutputValue: value,
          })),
          Tags: [],
          EnableTerminationProtection: stack.terminationProtection,
          DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
        },
      ],
    };
  }

  private getTemplate(nameOrArn: string) {
    const stack = this.find(nameOrArn);
    return {
      TemplateBody: JSON.stringify(stack.template ?? {}),
      StagesAvailable: ['Original', 'Processed'] as const,
    };
  }

  private createChangeSet(input: {
    StackName?: string;
    ChangeSetName?: string;
    ChangeSetType?: string;
    TemplateURL?: string;
    TemplateBody?: string;
  }) {
    let stack = this.lookup(input.StackName!);
    if (input.ChangeSetType === 'CREATE') {
      if (stack && stack.status !== 'REVIEW_IN_PROGRESS') {
        throw awsServiceError(
          'AlreadyExistsException',
          `Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`,
        );
      }
      stack ??= this.addStack(
        this.caller(),
        input.StackName!,
        'REVIEW_IN_PROGRESS',
        {},
      );
    } else if (!stack) {
      throw awsServiceError(
        'ValidationError',
        `Stack [${input.StackName}] does not exist`,
      );
    }
    const id = `arn:aws:cloudformation:${stack.region}:${
      stack.account
    }:changeSet/${input.ChangeSetName}/${stack.changeSets.size + 1}f2e3d4c`;
    stack.changeSets.set(input.ChangeSetName!, {
      id,
      type: input.ChangeSetType === 'CREATE' ? 'CREATE' : 'UPDATE',
      template: this.templateOf(input),
      createdAt: new Date(),
    });
    return { Id: id, StackId: stack.id };
  }

  /** The template a change set carries, as toolkit-lib uploaded it. */
  private templateOf(input: {
    TemplateURL?: string;
    TemplateBody?: string;
  }): Template {
    if (input.TemplateBody) {
      return JSON.parse(input.TemplateBody);
    }
    const [, bucket, key] =
      /^https:\/\/s3\.[^/]+\/([^/]+)\/(.+)$/.exec(input.TemplateURL ?? '') ??
      [];
    const body = this.env.uploaded.get(`${bucket}/${key}`);
    if (!body) {
      throw awsServiceError(
        'ValidationError',
        `TemplateURL must be a supported URL: ${input.TemplateURL}`,
      );
    }
    return JSON.parse(body);
  }

  private changeSet(stackNameOrArn: string, nameOrArn: string) {
    const stack = this.find(stackNameOrArn);
    const entry = [...stack.changeSets.entries()].find(
      ([name, changeSet]) => name === nameOrArn || changeSet.id === nameOrArn,
    );
    if (!entry) {
      throw awsServiceError(
        'ChangeSetNotFoundException',
        `ChangeSet [${nameOrArn}] does not exist`,
      );
    }
    return { stack, name: entry[0], ...entry[1] };
  }

  private describeChangeSet(stackNameOrArn: string, nameOrArn: string) {
    const { stack, name, id, type, template, createdAt } = this.changeSet(
      stackNameOrArn,
      nameOrArn,
    );
    return {
      ChangeSetName: name,
      ChangeSetId: id,
      StackId: stack.id,
      StackName: stack.name,
      CreationTime: createdAt,
      ExecutionStatus: 'AVAILABLE' as const,
      Status: 'CREATE_COMPLETE' as const,
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const,
      Changes: resourceChanges(
        type === 'CREATE' ? undefined : stack.template,
        template,
      ),
      IncludeNestedStacks: true,
    };
  }

  private executeChangeSet(stackNameOrArn: string, nameOrArn: string) {
    const { stack, name, template } = this.changeSet(stackNameOrArn, nameOrArn);
    const script = this.scriptsOf(stack.account, stack.name).execute.shift();
    if (!script) {
      throw new Error(`Test set-up: no whenExecuted script for ${stack.name}`);
    }
    stack.changeSets.delete(name);
    stack.template = template;
    stack.running = [...script];
    return {};
  }

  private deleteChangeSet(stackNameOrArn: string, nameOrArn: string) {
    const stack = this.find(stackNameOrArn);
    // Succeeds whenever the stack exists, whether the change set does or not.
    for (const [name, changeSet] of stack.changeSets) {
      if (name === nameOrArn || changeSet.id === nameOrArn) {
        stack.changeSets.delete(name);
      }
    }
    return {};
  }

  private deleteStack(nameOrArn: string) {
    const stack = this.lookup(nameOrArn);
    if (!stack) {
      // DeleteStack of a stack that does not exist succeeds.
      return {};
    }
    if (stack.terminationProtection) {
      throw awsServiceError(
        'ValidationError',
        `Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`,
      );
    }
    const script: ScriptStep[] = this.scriptsOf(
      stack.account,
      stack.name,
    ).delete.shift() ?? [{ status: 'DELETE_COMPLETE' }];
    stack.running = [...script];
    return {};
  }
}

/**
 * For each test of a file: AWS mocked as toolkit-lib calls it, with
 * CloudFormation scripted and the base account bootstrapped, in a fresh
 * CDK_HOME (toolkit-lib caches the account of each access key there).
 * Read `aws` and `cloudFormation` inside the tests.
 */
export function useScriptedToolkitAws(env: {
  baseAccount: string;
  region: string;
}) {
  const current = {} as {
    aws: ToolkitAwsMock;
    cloudFormation: ScriptedCloudFormation;
  };
  let cdkHome: string;
  const previousCdkHome = process.env.CDK_HOME;
  beforeEach(() => {
    cdkHome = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-home-'));
    process.env.CDK_HOME = cdkHome;
    current.aws = mockToolkitAws();
    const { uploaded } = answerAsBootstrapped(current.aws, {
      baseAccount: env.baseAccount,
    });
    current.cloudFormation = new ScriptedCloudFormation(current.aws, {
      ...env,
      uploaded,
    });
  });
  afterEach(() => {
    current.aws.restore();
    process.env.CDK_HOME = previousCdkHome;
    fs.rmSync(cdkHome, { recursive: true, force: true });
  });
  return current;
}
