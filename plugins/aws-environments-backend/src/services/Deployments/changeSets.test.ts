import type { RecordedStack } from '../EnvironmentRegistry/types';
import { diffChangeSets } from './changeSets';

function stack(name: string, resources: Record<string, object>): RecordedStack {
  return {
    id: name,
    stackName: name,
    account: '222222222222',
    region: 'us-east-1',
    stateful: false,
    terminationProtection: false,
    template: { Resources: resources as never },
  };
}

describe('diffChangeSets', () => {
  it('lists additions, modifications and removals per stack, like CloudFormation change sets', () => {
    const before = [
      stack('env-network', {
        Vpc: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: '10.0.0.0/16' },
        },
      }),
      stack('env-cluster', {
        Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Version: '1.32' } },
        OldAddon: { Type: 'AWS::EKS::Addon' },
      }),
    ];
    const after = [
      stack('env-network', {
        Vpc: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: '10.0.0.0/16' },
        },
      }),
      stack('env-cluster', {
        Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Version: '1.33' } },
        Nodes: { Type: 'AWS::EKS::Nodegroup' },
      }),
    ];
    expect(diffChangeSets(before, after, 'cs-1')).toEqual([
      {
        stack: 'env-cluster',
        changeSetName: 'cs-1',
        changes: [
          {
            stack: 'env-cluster',
            action: 'Modify',
            logicalId: 'Cluster',
            resourceType: 'AWS::EKS::Cluster',
            replacement: 'Conditional',
          },
          {
            stack: 'env-cluster',
            action: 'Add',
            logicalId: 'Nodes',
            resourceType: 'AWS::EKS::Nodegroup',
          },
          {
            stack: 'env-cluster',
            action: 'Remove',
            logicalId: 'OldAddon',
            resourceType: 'AWS::EKS::Addon',
          },
        ],
      },
    ]);
  });

  it('adds every resource of a new environment', () => {
    const [changeSet] = diffChangeSets(
      [],
      [stack('env-network', { Vpc: { Type: 'AWS::EC2::VPC' } })],
      'cs',
    );
    expect(changeSet.changes).toEqual([
      {
        stack: 'env-network',
        action: 'Add',
        logicalId: 'Vpc',
        resourceType: 'AWS::EC2::VPC',
      },
    ]);
  });
});
