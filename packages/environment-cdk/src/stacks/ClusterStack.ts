import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
  IRSA_SERVICE_ACCOUNTS,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Cluster, Database, Edge, Network } from '../constructs';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link ClusterStack}.
 *
 * @public
 */
export interface ClusterStackProps extends EnvironmentStackProps {
  readonly network: Network;
  readonly database: Database;
  readonly edge: Edge;
  /** The spec's `cluster`. */
  readonly cluster: EnvironmentSpec['cluster'];
}

/**
 * `<name>-cluster`: EKS, its node groups, add-ons and IRSA roles. Its
 * outputs are what the GitOps repository needs (role ARNs for the service
 * accounts, HPA bounds).
 *
 * @public
 */
export class ClusterStack extends Stack {
  readonly cluster: Cluster;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { network, database, edge, cluster: clusterSpec } = props;
    const names = environmentResourceNames(props.environmentName);
    const sizing = (group: EnvironmentSpec['cluster']['systemNodeGroup']) => ({
      ...group,
      instanceType: new ec2.InstanceType(group.instanceType),
    });
    this.cluster = new Cluster(this, 'Cluster', {
      clusterName: names.cluster,
      vpc: network.vpc,
      nodeSecurityGroup: network.nodeSecurityGroup,
      kubernetesVersion: clusterSpec.kubernetesVersion,
      systemNodeGroup: sizing(clusterSpec.systemNodeGroup),
      applicationNodeGroup: sizing(clusterSpec.applicationNodeGroup),
      nodeRootVolumeGb: ENVIRONMENT_DESIGN.nodeRootVolumeGb,
      databaseSecret: database.secret,
      apiServiceAccount: IRSA_SERVICE_ACCOUNTS.api,
      clusterAutoscalerServiceAccount: IRSA_SERVICE_ACCOUNTS.clusterAutoscaler,
      loadBalancerControllerServiceAccount:
        IRSA_SERVICE_ACCOUNTS.loadBalancerController,
      apiTargetGroup: edge.apiTargetGroup,
      cloudWatchAgentServiceAccount: IRSA_SERVICE_ACCOUNTS.cloudWatchAgent,
      controlPlaneLogGroupName: names.controlPlaneLogGroup,
      controlPlaneLogRetentionDays: ENVIRONMENT_DESIGN.logRetentionDays,
    });
    const { cluster } = this.cluster;
    addOutputs(this, {
      ClusterName: { value: cluster.clusterName },
      ClusterArn: { value: cluster.clusterArn },
      ApiServiceAccountRoleArn: {
        value: this.cluster.apiRole.roleArn,
        description: `eks.amazonaws.com/role-arn of service account ${IRSA_SERVICE_ACCOUNTS.api.namespace}/${IRSA_SERVICE_ACCOUNTS.api.name}`,
      },
      ClusterAutoscalerRoleArn: {
        value: this.cluster.clusterAutoscalerRole.roleArn,
      },
      LoadBalancerControllerRoleArn: {
        value: this.cluster.loadBalancerControllerRole.roleArn,
      },
      HpaMinReplicas: {
        value: String(clusterSpec.hpa.minReplicas),
        description: 'HPA lower bound for the API Deployment (GitOps repo)',
      },
      HpaMaxReplicas: {
        value: String(clusterSpec.hpa.maxReplicas),
        description: 'HPA upper bound for the API Deployment (GitOps repo)',
      },
    });
  }
}
