import type { ChangeSetSummary } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../EnvironmentRegistry/types';
import {
  changeSetDataLoss,
  dataLossMessage,
  templateDataLoss,
} from './dataLossGate';

function stack(stackName: string, resources: object): RecordedStack {
  return {
    id: stackName,
    stackName,
    account: '333333333333',
    region: 'us-east-1',
    stateful: false,
    terminationProtection: false,
    template: { Resources: resources } as RecordedStack['template'],
  };
}

const vpc = (cidr: string) => ({
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } },
});
const nodegroup = (desired: number) => ({
  AppNodes: {
    Type: 'AWS::EKS::Nodegroup',
    Properties: {
      ClusterName: 'c',
      NodeRole: 'r',
      Subnets: ['s'],
      ScalingConfig: { MinSize: 2, DesiredSize: desired, MaxSize: 20 },
    },
  },
});

describe('templateDataLoss', () => {
  it('finds the replacement of a stateful resource (a VPC CIDR change)', () => {
    expect(
      templateDataLoss(
        [stack('net', vpc('10.0.0.0/16'))],
        [stack('net', vpc('10.1.0.0/16'))],
        [],
      ),
    ).toEqual([
      {
        stack: 'net',
        logicalId: 'Vpc',
        type: 'AWS::EC2::VPC',
        action: 'replace',
      },
    ]);
  });

  it('leaves out what the request accepted, and changes of stateless resources', () => {
    expect(
      templateDataLoss(
        [stack('net', { ...vpc('10.0.0.0/16'), ...nodegroup(2) })],
        [stack('net', { ...vpc('10.1.0.0/16'), ...nodegroup(4) })],
        ['Vpc'],
      ),
    ).toEqual([]);
  });

  it('finds the removal of a stateful resource, but not a stack no longer synthesized', () => {
    const db = {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } },
    };
    expect(
      templateDataLoss(
        [stack('data', db), stack('net', vpc('10.0.0.0/16'))],
        [stack('data', {})],
        [],
      ),
    ).toEqual([
      {
        stack: 'data',
        logicalId: 'Db',
        type: 'AWS::RDS::DBInstance',
        action: 'remove',
      },
    ]);
  });

  it('finds nothing for a first deployment (everything is added)', () => {
    expect(
      templateDataLoss([], [stack('net', vpc('10.0.0.0/16'))], []),
    ).toEqual([]);
  });
});

describe('changeSetDataLoss', () => {
  const changeSets: ChangeSetSummary[] = [
    {
      stack: 'data',
      changeSetName: 'innovate-portal-1',
      changes: [
        {
          stack: 'data',
          action: 'Modify',
          logicalId: 'Db',
          resourceType: 'AWS::RDS::DBInstance',
          replacement: 'True',
        },
        {
          stack: 'data',
          action: 'Modify',
          logicalId: 'SubnetGroup',
          resourceType: 'AWS::RDS::DBSubnetGroup',
          replacement: 'Conditional',
        },
        {
          stack: 'data',
          action: 'Remove',
          logicalId: 'Key',
          resourceType: 'AWS::KMS::Key',
        },
        {
          stack: 'data',
          action: 'Modify',
          logicalId: 'Alarm',
          resourceType: 'AWS::CloudWatch::Alarm',
          replacement: 'True',
        },
      ],
    },
  ];

  it("takes CloudFormation's replacements and removals of stateful resources, not conditional ones", () => {
    expect(changeSetDataLoss(changeSets, [])).toEqual([
      {
        stack: 'data',
        logicalId: 'Db',
        type: 'AWS::RDS::DBInstance',
        action: 'replace',
      },
      {
        stack: 'data',
        logicalId: 'Key',
        type: 'AWS::KMS::Key',
        action: 'remove',
      },
    ]);
    expect(changeSetDataLoss(changeSets, ['Db', 'Key'])).toEqual([]);
  });

  it('says what is lost, that nothing ran, and the way out', () => {
    const message = dataLossMessage(
      'innovate-prod',
      changeSetDataLoss(changeSets, []),
      'change sets',
    );
    expect(message).toContain(
      'replaces Db (AWS::RDS::DBInstance) in data: the database instance; its data is lost',
    );
    expect(message).toContain('none was executed');
    expect(message).toContain('"acceptDataLoss": ["Db", "Key"]');
  });
});
