import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Size and type of one managed node group.
 *
 * @public
 */
export interface NodeGroupSizing {
  readonly instanceType: string;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
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
   * ARN of the database credentials secret: the only thing the API pods'
   * IAM role may read.
   */
  readonly databaseSecretArn: string;
  /** Kubernetes service account (`namespace`, `name`) of the API pods. */
  readonly apiServiceAccount: { namespace: string; name: string };
  readonly clusterAutoscalerServiceAccount: { namespace: string; name: string };
  /**
   * Service account of the AWS Load Balancer Controller, which registers the
   * API pods in the ALB's target group (TargetGroupBinding).
   */
  readonly loadBalancerControllerServiceAccount: {
    namespace: string;
    name: string;
  };
  /** ARN of the ALB target group the API pods are registered in. */
  readonly apiTargetGroupArn: string;
  readonly cloudWatchAgentServiceAccount: { namespace: string; name: string };
  /** Name of the control-plane log group EKS writes to. */
  readonly controlPlaneLogGroupName: string;
  readonly controlPlaneLogRetentionDays: number;
}
