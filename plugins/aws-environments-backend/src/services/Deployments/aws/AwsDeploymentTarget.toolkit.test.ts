import type { JsonObject } from '@backstage/types';
import {
  ACCOUNT_BASELINE_STACK_NAME,
  defaultEnvironmentSpec,
  ENVIRONMENT_STACK_ROLES,
  planDestroy,
} from '@innovate/plugin-aws-environments-common';
import {
  ScriptedCloudFormation,
  Template,
  useScriptedToolkitAws,
} from '../../../__testUtils__/scriptedCloudFormation';
import {
  BASE_ACCESS_KEY,
  cloudFormationSdk,
  rdsSdk,
  ToolkitAwsMock,
} from '../../../__testUtils__/toolkitAws';
import { useSynthesizedEnvironmentApp } from '../../../__testUtils__/synthesizedApp';
import type { AwsClientFactory } from '../../AwsClients/types';
import type {
  DeploymentRecord,
  EnvironmentRecord,
  NewDeploymentEvent,
  RecordedStack,
} from '../../EnvironmentRegistry/types';
import type { SynthesizedEnvironment } from '../../Synthesizer/types';
import { LeaseLostError } from '../DeploymentLease';
import type { TargetDestroyInput } from '../types';
import { AwsDeploymentTarget } from './AwsDeploymentTarget';
import { protectedDatabases } from './databaseTeardown';
import { ToolkitLibCdkToolkit } from './ToolkitLibCdkToolkit';

// Synthesizing the environment's CDK app takes about 10 s.
jest.setTimeout(180_000);

const spec = defaultEnvironmentSpec();
const { workloads } = spec.accounts;
const region = spec.region;
const baseCredentials = {
  accessKeyId: BASE_ACCESS_KEY,
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const synthesized = useSynthesizedEnvironmentApp(spec, 'aws-target-test-');
/** The environment's stacks as the synthesizer records them. */
let stacks: RecordedStack[];

beforeAll(() => {
  const { built, assembly } = synthesized;
  const byRole = built.stacks as Partial<
    Record<string, { artifactId: string }>
  >;
  // As CdkEnvironmentSynthesizer records them.
  stacks = ENVIRONMENT_STACK_ROLES.flatMap(role => {
    const stack = byRole[role];
    if (!stack) {
      return [];
    }
    const artifact = assembly.getStackArtifact(stack.artifactId);
    return [
      {
        id: role,
        stackName: artifact.stackName,
        account: artifact.environment.account,
        region: artifact.environment.region,
        stateful: role === 'database',
        terminationProtection: artifact.terminationProtection ?? false,
        template: artifact.template as JsonObject,
      },
    ];
  });
});

const scripted = useScriptedToolkitAws({ baseAccount: workloads, region });
let aws: ToolkitAwsMock;
let cloudFormation: ScriptedCloudFormation;
let events: NewDeploymentEvent[];

beforeEach(() => {
  ({ aws, cloudFormation } = scripted);
  for (const account of new Set(stacks.map(s => s.account))) {
    cloudFormation.bootstrapped(account);
  }
  // Every stack of the environment is deployed, with its template.
  for (const stack of stacks) {
    cloudFormation.existing(stack.account, stack.stackName, {
      template: stack.template as Template,
      terminationProtection: stack.terminationProtection,
    });
  }
  events = [];
});

/**
 * The portal's clients, with the workloads account's base credentials: the
 * clients toolkit-lib builds and the target's own are answered alike.
 */
const clients = {
  credentials: async (accountId: string) => {
    expect(accountId).toBe(workloads);
    return { sdkCredentialProvider: async () => baseCredentials };
  },
  cloudFormation: async (target: { accountId: string; region: string }) => {
    expect(target).toEqual({ accountId: workloads, region });
    return new cloudFormationSdk.CloudFormationClient({
      region,
      credentials: baseCredentials,
    });
  },
  rds: async (target: { accountId: string; region: string }) => {
    expect(target).toEqual({ accountId: workloads, region });
    return new rdsSdk.RDSClient({ region, credentials: baseCredentials });
  },
} as unknown as AwsClientFactory;

const target = new AwsDeploymentTarget({
  toolkit: new ToolkitLibCdkToolkit({ stackEventPollingIntervalMs: 10 }),
  clients,
});

/** A lease that holds until `lost()` says otherwise; counts its checks. */
function lease(lost: () => boolean = () => false) {
  const checks: boolean[] = [];
  return {
    checks,
    async assertHeld() {
      const held = !lost();
      checks.push(held);
      if (!held) {
        throw new LeaseLostError('Deployment d-1 was taken over');
      }
    },
  };
}

function destroyInput(
  destroyData: boolean,
  held = lease(),
): TargetDestroyInput {
  const { keep, remove } = planDestroy(stacks, { destroyData });
  return {
    deployment: {
      id: 'd-1',
      spec,
      destroyData,
    } as unknown as DeploymentRecord,
    lease: held,
    synthesis: {
      assemblyDir: synthesized.assemblyDir,
      stacks,
      checks: {},
      entities: [],
    } as unknown as SynthesizedEnvironment,
    environment: {
      name: spec.name,
      spec,
      stacks,
    } as unknown as EnvironmentRecord,
    remove,
    keep,
    events: {
      emit: async (event: NewDeploymentEvent) => {
        events.push(event);
      },
    },
  };
}

const MUTATIONS = new Set([
  'CloudFormation.CreateChangeSet',
  'CloudFormation.ExecuteChangeSet',
  'CloudFormation.DeleteChangeSet',
  'CloudFormation.DeleteStack',
  'CloudFormation.UpdateTerminationProtection',
]);

/** A stack's name, from its name or ARN (toolkit-lib deletes by ARN). */
function nameOf(stackNameOrArn: unknown): string {
  const name = String(stackNameOrArn);
  return (
    /^arn:aws:cloudformation:[^:]*:\d{12}:stack\/([^/]+)\//.exec(name)?.[1] ??
    name
  );
}

/** The calls that change CloudFormation: `Operation stack`. */
function mutations() {
  return aws.calls
    .filter(c => MUTATIONS.has(c.call))
    .map(
      c =>
        `${c.call.replace('CloudFormation.', '')} ${nameOf(c.input.StackName)}`,
    );
}

/** The stacks deleted, in order. */
function deleted() {
  return aws.calls
    .filter(c => c.call === 'CloudFormation.DeleteStack')
    .map(c => nameOf(c.input.StackName));
}

/**
 * The pairs of a deletion order that delete a stack while a stack still
 * there reads its outputs (planDestroy of the two stacks says which of
 * them goes first).
 */
function readWhileDeleted(order: string[]): string[] {
  const byName = new Map(stacks.map(s => [s.stackName, s]));
  return order.flatMap((earlier, i) =>
    order.slice(i + 1).flatMap(later => {
      const pair = [byName.get(later)!, byName.get(earlier)!];
      const [first] = planDestroy(pair, { destroyData: true }).remove;
      return first.stackName === earlier
        ? []
        : [`${earlier} deleted while ${later} reads it`];
    }),
  );
}

function stackNamed(role: string) {
  const stack = stacks.find(s => s.id === role);
  if (!stack) {
    throw new Error(`No ${role} stack in the synthesized app`);
  }
  return stack;
}

describe('AwsDeploymentTarget with toolkit-lib against mocked AWS', () => {
  it('destroys with data: lifts both protections, deletes every stack, none while another reads it, names the final snapshot', async () => {
    const database = stackNamed('database');
    const network = stackNamed('network');
    // The real database stack: termination- and deletion-protected.
    expect(database.terminationProtection).toBe(true);
    expect(protectedDatabases(database)).not.toEqual([]);
    cloudFormation.whenExecuted(workloads, database.stackName, [
      { status: 'UPDATE_COMPLETE' },
    ]);
    aws.rds.on(rdsSdk.DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        {
          DBSnapshotIdentifier: 'innovate-prod-database-snapshot-old',
          SnapshotCreateTime: new Date('2026-01-01T00:00:00Z'),
        },
        {
          DBSnapshotIdentifier: 'innovate-prod-databasefinal-1a2b3c4d',
          SnapshotCreateTime: new Date('2026-11-30T00:00:00Z'),
        },
      ],
    });
    const input = destroyInput(true);
    const planned = input.remove.map(s => s.stackName);
    // Every stack but the shared account baseline, which no destroy deletes.
    expect(planned).toHaveLength(stacks.length - 1);
    expect(input.keep.map(s => s.stackName)).toEqual([
      ACCOUNT_BASELINE_STACK_NAME,
    ]);
    expect(planned.slice(-2)).toEqual([database.stackName, network.stackName]);

    await target.destroy(input);

    const [protection, unprotect, execute, ...deletions] = mutations();
    expect([protection, unprotect, execute]).toEqual([
      `UpdateTerminationProtection ${database.stackName}`,
      `CreateChangeSet ${database.stackName}`,
      `ExecuteChangeSet ${database.stackName}`,
    ]);
    expect(deletions.sort()).toEqual(
      planned.map(name => `DeleteStack ${name}`).sort(),
    );
    // toolkit-lib orders the deletions itself (the assembly's dependencies,
    // not the order asked): no stack goes while another still reads it.
    expect(readWhileDeleted(deleted())).toEqual([]);
    expect(deleted().indexOf(database.stackName)).toBeLessThan(
      deleted().indexOf(network.stackName),
    );
    const created = aws.calls.find(
      c => c.call === 'CloudFormation.CreateChangeSet',
    )!;
    expect(created.input).toMatchObject({
      StackName: database.stackName,
      ChangeSetName: 'innovate-portal-d-1-unprotect',
      ChangeSetType: 'UPDATE',
    });
    // The same template with deletion protection off, and nothing else.
    const sent = JSON.parse(String(created.input.TemplateBody));
    for (const id of protectedDatabases(database)) {
      expect(sent.Resources[id].Properties.DeletionProtection).toBe(false);
      sent.Resources[id].Properties.DeletionProtection = true;
    }
    expect(sent).toEqual(database.template);
    // The database stack was deleted by toolkit-lib's deploy role.
    expect(
      aws.calls.find(
        c =>
          c.call === 'CloudFormation.DeleteStack' &&
          nameOf(c.input.StackName) === database.stackName,
      )?.accessKeyId,
    ).toBe(`ASIA${workloads}DEPLOY`);
    for (const stack of stacks) {
      expect(cloudFormation.stack(stack.account, stack.stackName)?.status).toBe(
        stack.stackName === ACCOUNT_BASELINE_STACK_NAME
          ? 'CREATE_COMPLETE'
          : 'DELETE_COMPLETE',
      );
    }
    expect(aws.calls.find(c => c.call === 'RDS.DescribeDBSnapshots')).toEqual(
      expect.objectContaining({
        input: {
          DBInstanceIdentifier: 'innovate-prod-db',
          SnapshotType: 'manual',
        },
        accessKeyId: BASE_ACCESS_KEY,
      }),
    );
    expect(events.map(e => e.message)).toEqual(
      expect.arrayContaining([
        `Termination protection lifted from ${database.stackName} (destroyData was set)`,
        `Deletion protection lifted from ${protectedDatabases(database).join(
          ', ',
        )} through a change set (destroyData was set); CloudFormation keeps a final snapshot`,
        'Final snapshot of database innovate-prod-db kept: innovate-prod-databasefinal-1a2b3c4d',
        `DELETE_COMPLETE AWS::CloudFormation::Stack ${database.stackName}`,
      ]),
    );
  });

  it('destroys keeping data: deletes only the planned stacks, the database and network untouched', async () => {
    const database = stackNamed('database');
    const network = stackNamed('network');
    const input = destroyInput(false);
    const planned = input.remove.map(s => s.stackName);
    expect(input.keep.map(s => s.stackName).sort()).toEqual(
      [
        database.stackName,
        network.stackName,
        ACCOUNT_BASELINE_STACK_NAME,
      ].sort(),
    );

    await target.destroy(input);

    expect(mutations().sort()).toEqual(
      planned.map(name => `DeleteStack ${name}`).sort(),
    );
    expect(readWhileDeleted(deleted())).toEqual([]);
    for (const kept of [database, network, stackNamed('baseline')]) {
      expect(
        aws.calls.filter(c => nameOf(c.input.StackName) === kept.stackName),
      ).toEqual([]);
      expect(cloudFormation.stack(kept.account, kept.stackName)).toEqual({
        status: 'CREATE_COMPLETE',
        changeSets: [],
        terminationProtection: kept.terminationProtection,
      });
    }
    expect(aws.callNames()).not.toContain('RDS.DescribeDBSnapshots');
    expect(
      events.filter(e => e.level === 'warning').map(e => e.message),
    ).toEqual(
      input.keep.map(kept =>
        kept === database
          ? `Keeping ${database.stackName}: it holds data and destroyData was not set`
          : `Keeping ${kept.stackName}: the kept data stack reads its outputs`,
      ),
    );
  });

  // toolkit-lib asks CDK_TOOLKIT_I7010 once for all the stacks of a
  // destroy; the io host fences again as each stack's deletion starts.
  it('stops toolkit-lib before the second stack once the lease is lost after the first', async () => {
    // The lease is lost as soon as the first stack's deletion was sent.
    const held = lease(() =>
      aws.callNames().includes('CloudFormation.DeleteStack'),
    );
    const input = destroyInput(false, held);

    const error = await target.destroy(input).catch(e => e);

    // toolkit-lib's first stack; no change at all to any other.
    const [first] = deleted();
    expect(mutations()).toEqual([`DeleteStack ${first}`]);
    expect(
      aws.calls.filter(
        c => MUTATIONS.has(c.call) && nameOf(c.input.StackName) !== first,
      ),
    ).toEqual([]);
    expect(error).toBeInstanceOf(LeaseLostError);
    expect(held.checks).toContain(false);
  });
});
