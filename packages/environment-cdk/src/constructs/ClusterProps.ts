import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * Size and type of one managed node group.
 *
 * @public
 */
export interface NodeGroupSizing {
  readonly instanceType: ec2.InstanceType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
}

/**
 * A Kubernetes service account, by namespace and name.
 *
 * @public
 */
export interface ServiceAccountName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Properties of {@link Cluster}.
 *
 * @public
 */
export interface ClusterProps {
  /** EKS cluster name; node group names derive from it. */
  readonly clusterName: string;
  readonly vpc: ec2.IVpc;
  /**
   * Security group of the nodes (and so of the pods): the ALB and database
   * rules refer to it. The EKS cluster security group is attached as well.
   */
  readonly nodeSecurityGroup: ec2.ISecurityGroup;
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  readonly systemNodeGroup: NodeGroupSizing;
  readonly applicationNodeGroup: NodeGroupSizing;
  /** Root volume of every node, GiB (gp3, encrypted). */
  readonly nodeRootVolumeGb: number;
  /**
   * The database credentials secret: the only thing the API pods' IAM role
   * may read.
   */
  readonly databaseSecret: secretsmanager.ISecret;
  /** Kubernetes service account of the API pods. */
  readonly apiServiceAccount: ServiceAccountName;
  readonly clusterAutoscalerServiceAccount: ServiceAccountName;
  /**
   * Service account of the AWS Load Balancer Controller, which registers the
   * API pods in the ALB's target group (TargetGroupBinding).
   */
  readonly loadBalancerControllerServiceAccount: ServiceAccountName;
  /** The ALB target group the API pods are registered in. */
  readonly apiTargetGroup: elbv2.IApplicationTargetGroup;
  readonly cloudWatchAgentServiceAccount: ServiceAccountName;
  /** Name of the control-plane log group EKS writes to. */
  readonly controlPlaneLogGroupName: string;
  readonly controlPlaneLogRetentionDays: number;
}
