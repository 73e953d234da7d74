import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import { addLoadBalancerController } from './clusterLoadBalancerController';
import { addNodeGroups } from './clusterNodeGroups';
import type { ClusterProps } from './ClusterProps';
import { addServiceAccountRoles } from './clusterServiceAccountRoles';
import { kubectlLayerFor } from './kubectlLayer';
import { retentionDays } from './retention';

const ALL_CONTROL_PLANE_LOGS = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/**
 * The EKS cluster: private API endpoint, Kubernetes secrets encrypted with a
 * customer managed KMS key, all control-plane logs to CloudWatch Logs, the
 * system and application managed node groups in the private subnets, the
 * add-ons the HPA and the Cluster Autoscaler need (metrics-server; Container
 * Insights for the node alarms), and IAM roles for service accounts (IRSA):
 * the API (may read only the database secret), the Cluster Autoscaler, the
 * AWS Load Balancer Controller and the CloudWatch agent. The AWS Load
 * Balancer Controller itself is installed with Helm (TargetGroupBinding
 * only) through aws-eks-v2's kubectl provider, a Lambda function in the
 * private subnets (the API endpoint is private).
 *
 * The node groups, the IRSA roles, the controller and the add-ons are built
 * by functions of their own (`clusterNodeGroups`,
 * `clusterServiceAccountRoles`, `clusterLoadBalancerController`) but stay
 * direct children of this construct: their construct paths, and so the
 * logical ids of deployed resources, are unchanged.
 *
 * @public
 */
export class Cluster extends Construct {
  readonly cluster: eks.Cluster;
  readonly secretsKey: kms.Key;
  readonly systemNodeGroup: eks.Nodegroup;
  readonly applicationNodeGroup: eks.Nodegroup;
  readonly apiRole: iam.Role;
  readonly clusterAutoscalerRole: iam.Role;
  readonly loadBalancerControllerRole: iam.Role;
  readonly cloudWatchAgentRole: iam.Role;
  /** The AWS Load Balancer Controller's Helm release. */
  readonly loadBalancerController: eks.HelmChart;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);

    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes secrets in ${props.clusterName}`,
      enableKeyRotation: true,
    });
    this.cluster = this.createCluster(props);

    const nodeGroups = addNodeGroups(this, this.cluster, props);
    this.systemNodeGroup = nodeGroups.system;
    this.applicationNodeGroup = nodeGroups.application;

    const roles = addServiceAccountRoles(this, this.cluster, props, nodeGroups);
    this.apiRole = roles.api;
    this.clusterAutoscalerRole = roles.clusterAutoscaler;
    this.loadBalancerControllerRole = roles.loadBalancerController;
    this.cloudWatchAgentRole = roles.cloudWatchAgent;

    this.loadBalancerController = addLoadBalancerController(
      this,
      this.cluster,
      props,
      this.loadBalancerControllerRole,
      nodeGroups,
    );
    this.addAddons();
  }

  /** The control plane, after the log group it writes to. */
  private createCluster(props: ClusterProps): eks.Cluster {
    const controlPlaneLogs = new logs.LogGroup(this, 'ControlPlaneLogGroup', {
      logGroupName: props.controlPlaneLogGroupName,
      retention: retentionDays(props.controlPlaneLogRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      version: eks.KubernetesVersion.of(props.kubernetesVersion),
      vpc: props.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      // GitOps (ArgoCD runs in the cluster) needs no public API endpoint.
      endpointAccess: eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: this.secretsKey,
      clusterLogging: ALL_CONTROL_PLANE_LOGS,
      // Managed node groups below, not EKS Auto Mode.
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      kubectlProviderOptions: {
        // kubectl and helm of the cluster's own minor version (see
        // kubectlLayerFor): an upgrade to 1.34 or 1.35 brings its kubectl.
        kubectlLayer: kubectlLayerFor(
          this,
          'KubectlLayer',
          props.kubernetesVersion,
        ),
        // The endpoint is private: the provider's functions run in the
        // private subnets (NAT for the chart repository), with the
        // cluster security group. aws-eks-v2 picks the cluster's private
        // subnets for a private endpoint anyway; said here so it stays so.
        privateSubnets: props.vpc.selectSubnets({
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
        }).subnets,
      },
    });
    cluster.node.addDependency(controlPlaneLogs);
    acknowledge(
      cluster.role,
      managedPolicyFinding('AmazonEKSClusterPolicy'),
      'EKS requires the AWS managed AmazonEKSClusterPolicy on the cluster role; AWS keeps it in step with what the control plane calls.',
    );
    return cluster;
  }

  /**
   * metrics-server (for the HPA) and amazon-cloudwatch-observability
   * (Container Insights, with the CloudWatch agent's IRSA role). L1
   * `CfnAddon`s: aws-eks-v2's `Addon` has no service account role and no
   * conflict resolution, and would move the resources to another path.
   */
  private addAddons() {
    const metricsServer = new eks.CfnAddon(this, 'MetricsServerAddon', {
      clusterName: this.cluster.clusterName,
      addonName: 'metrics-server',
      resolveConflicts: 'OVERWRITE',
    });
    const cloudWatchObservability = new eks.CfnAddon(
      this,
      'CloudWatchObservabilityAddon',
      {
        clusterName: this.cluster.clusterName,
        addonName: 'amazon-cloudwatch-observability',
        serviceAccountRoleArn: this.cloudWatchAgentRole.roleArn,
        resolveConflicts: 'OVERWRITE',
      },
    );
    // Add-on pods need nodes to run on before the add-on turns ACTIVE.
    for (const addon of [metricsServer, cloudWatchObservability]) {
      addon.node.addDependency(this.systemNodeGroup);
    }
  }
}
