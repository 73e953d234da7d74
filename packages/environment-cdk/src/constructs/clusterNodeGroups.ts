import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EC2_INSTANCE_TYPES } from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { NODE_GROUP_ROLE_LABEL } from '../templates';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import type { ClusterProps, NodeGroupSizing } from './ClusterProps';

function amiTypeFor(instanceType: ec2.InstanceType): eks.NodegroupAmiType {
  const name = instanceType.toString();
  const info = EC2_INSTANCE_TYPES.find(type => type.name === name);
  return info?.architecture === 'arm64'
    ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
    : eks.NodegroupAmiType.AL2023_X86_64_STANDARD;
}

/** The two managed node groups of the cluster. */
export interface ClusterNodeGroups {
  system: eks.Nodegroup;
  application: eks.Nodegroup;
}

/**
 * The launch template shared by the nodes (IMDSv2 with one hop, so pods use
 * IRSA rather than the node role; encrypted gp3 root volume) and the
 * system and application managed node groups in the private subnets,
 * created in `scope` (the `Cluster` construct: their construct ids, and so
 * their logical ids, are the cluster's children).
 */
export function addNodeGroups(
  scope: Construct,
  cluster: eks.Cluster,
  props: ClusterProps,
): ClusterNodeGroups {
  const launchTemplate = new ec2.LaunchTemplate(scope, 'NodeLaunchTemplate', {
    requireImdsv2: true,
    // Pods cannot reach the node role's credentials; they use IRSA.
    httpPutResponseHopLimit: 1,
    securityGroup: props.nodeSecurityGroup,
    blockDevices: [
      {
        deviceName: '/dev/xvda',
        volume: ec2.BlockDeviceVolume.ebs(props.nodeRootVolumeGb, {
          volumeType: ec2.EbsDeviceVolumeType.GP3,
          encrypted: true,
          deleteOnTermination: true,
        }),
      },
    ],
  });
  launchTemplate.addSecurityGroup(cluster.clusterSecurityGroup);

  const nodeGroup = (
    nodeGroupId: string,
    role: 'system' | 'application',
    sizing: NodeGroupSizing,
  ) =>
    new eks.Nodegroup(scope, nodeGroupId, {
      cluster,
      nodegroupName: `${props.clusterName}-${role}`,
      instanceTypes: [sizing.instanceType],
      amiType: amiTypeFor(sizing.instanceType),
      minSize: sizing.minSize,
      desiredSize: sizing.desiredSize,
      maxSize: sizing.maxSize,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplateSpec: {
        id: launchTemplate.launchTemplateId!,
        version: launchTemplate.latestVersionNumber,
      },
      labels: { [NODE_GROUP_ROLE_LABEL]: role },
    });
  const groups = {
    system: nodeGroup('SystemNodeGroup', 'system', props.systemNodeGroup),
    application: nodeGroup(
      'ApplicationNodeGroup',
      'application',
      props.applicationNodeGroup,
    ),
  };
  for (const group of [groups.system, groups.application]) {
    acknowledgeNodeRolePolicies(group);
  }
  return groups;
}

function acknowledgeNodeRolePolicies(group: eks.Nodegroup) {
  acknowledge(
    group.role,
    managedPolicyFinding('AmazonEKSWorkerNodePolicy'),
    'EKS managed node groups require AmazonEKSWorkerNodePolicy on the node role to join the cluster.',
  );
  acknowledge(
    group.role,
    managedPolicyFinding('AmazonEKS_CNI_Policy'),
    'The VPC CNI (aws-node, bootstrapped by EKS) assigns pod IPs with the node role; AWS maintains this policy for it.',
  );
  acknowledge(
    group.role,
    managedPolicyFinding('AmazonEC2ContainerRegistryReadOnly'),
    'Nodes pull images from ECR, including the management account repository that grants this account pull access; read-only.',
  );
}
