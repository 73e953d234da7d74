import {
  CloudFormationClient,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { MockedAwsClientFactory } from '../../../__testUtils__/awsMocks';
import type {
  DeploymentRecord,
  EnvironmentRecord,
  RecordedStack,
} from '../../EnvironmentRegistry/types';
import type { SynthesizedEnvironment } from '../../Synthesizer/types';
import type { TargetDestroyInput } from '../types';
import { AwsDeploymentTarget } from './AwsDeploymentTarget';
import type { CdkToolkit } from './CdkToolkit';

const spec = defaultEnvironmentSpec();
const { workloads } = spec.accounts;

function stack(
  role: string,
  resources: Record<string, { Type: string }>,
): RecordedStack {
  return {
    stackName: `${spec.name}-${role}`,
    role,
    account: workloads,
    region: 'us-east-1',
    template: { Resources: resources },
    stateful: false,
    terminationProtection: false,
  } as unknown as RecordedStack;
}

const edge = stack('edge', {
  DomainZonesSpaZoneA1B2C3D4: { Type: 'AWS::Route53::HostedZone' },
  CertificateCertificate4E7ABB08: {
    Type: 'AWS::CertificateManager::Certificate',
  },
});
const observability = stack('observability', {
  Topic: { Type: 'AWS::SNS::Topic' },
});

describe('AwsDeploymentTarget.destroy with delegated zones', () => {
  const cloudFormation = mockClient(CloudFormationClient);
  const route53 = mockClient(Route53Client);
  const order: string[] = [];
  const toolkit = {
    destroy: jest.fn(async ({ stackNames }: { stackNames: string[] }) => {
      order.push(`destroy ${stackNames.join(',')}`);
    }),
  } as unknown as CdkToolkit;
  const events: { level: string; message: string }[] = [];

  beforeEach(() => {
    cloudFormation.reset();
    route53.reset();
    order.length = 0;
    events.length = 0;
    cloudFormation
      .on(ListStackResourcesCommand, { StackName: edge.stackName })
      .resolves({
        StackResourceSummaries: [
          {
            LogicalResourceId: 'DomainZonesSpaZoneA1B2C3D4',
            PhysicalResourceId: 'Z0412345ABCDEFGHIJKL',
            ResourceType: 'AWS::Route53::HostedZone',
            ResourceStatus: 'CREATE_COMPLETE',
            LastUpdatedTimestamp: new Date('2026-11-01T00:00:00Z'),
          },
        ],
      });
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [
        {
          Name: '_5e2f1c0d9b8a7f6e5d4c3b2a1f0e9d8c.app.innovate.example.',
          Type: 'CNAME',
          TTL: 300,
          ResourceRecords: [
            { Value: '_0a1b2c3d4e5f.xlfgrmvvlj.acm-validations.aws.' },
          ],
        },
      ],
      IsTruncated: false,
      MaxItems: 100,
    });
    route53.on(ChangeResourceRecordSetsCommand).callsFake(() => {
      order.push('delete validation records');
      return {
        ChangeInfo: {
          Id: '/change/C1',
          Status: 'PENDING',
          SubmittedAt: new Date('2026-11-30T00:00:00Z'),
        },
      };
    });
  });

  function input(remove: RecordedStack[]): TargetDestroyInput {
    return {
      deployment: { id: 'd-1', spec, destroyData: false } as DeploymentRecord,
      lease: { assertHeld: jest.fn(async () => undefined) },
      synthesis: {
        assemblyDir: '/tmp/assembly',
        stacks: remove,
      } as unknown as SynthesizedEnvironment,
      environment: { name: spec.name, spec } as unknown as EnvironmentRecord,
      remove,
      keep: [],
      events: {
        emit: async (event: { level: string; message: string }) => {
          events.push(event);
        },
      },
    } as unknown as TargetDestroyInput;
  }

  it("removes the ACM validation CNAMEs from the environment's own zones before CloudFormation deletes the stacks", async () => {
    const target = new AwsDeploymentTarget({
      toolkit,
      clients: new MockedAwsClientFactory(),
    });
    await target.destroy(input([observability, edge]));
    expect(order).toEqual([
      'delete validation records',
      `destroy ${observability.stackName},${edge.stackName}`,
    ]);
    // Only the stack that created a zone is listed.
    expect(
      cloudFormation
        .commandCalls(ListStackResourcesCommand)
        .map(c => c.args[0].input.StackName),
    ).toEqual([edge.stackName]);
    expect(events.map(e => e.message)).toEqual([
      expect.stringContaining(
        'Removed 1 ACM validation record(s) from hosted zone Z0412345ABCDEFGHIJKL',
      ),
    ]);
  });

  it('calls Route 53 not at all when no removed stack created a zone', async () => {
    const target = new AwsDeploymentTarget({
      toolkit,
      clients: new MockedAwsClientFactory(),
    });
    await target.destroy(input([observability]));
    expect(route53.calls()).toHaveLength(0);
    expect(order).toEqual([`destroy ${observability.stackName}`]);
  });
});
