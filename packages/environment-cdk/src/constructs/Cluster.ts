import { CfnJson, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EC2_INSTANCE_TYPES } from '@innovate/plugin-aws-environments-common';
import { Construct } from 'constructs';
import { NODE_GROUP_ROLE_LABEL } from '../templates';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import type { ClusterProps, NodeGroupSizing } from './ClusterProps';
import { retentionDays } from './retention';

const ALL_CONTROL_PLANE_LOGS = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

function amiTypeFor(instanceType: string): eks.NodegroupAmiType {
  const info = EC2_INSTANCE_TYPES.find(type => type.name === instanceType);
  return info?.architecture === 'arm64'
    ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
    : eks.NodegroupAmiType.AL2023_X86_64_STANDARD;
}

/**
 * The EKS cluster: private API endpoint, Kubernetes secrets encrypted with a
 * customer managed KMS key, all control-plane logs to CloudWatch Logs, the
 * system and application managed node groups in the private subnets, the
 * add-ons the HPA and the Cluster Autoscaler need (metrics-server; Container
 * Insights for the node alarms), and IAM roles for service accounts (IRSA):
 * the API (may read only the database secret), the Cluster Autoscaler, the
 * AWS Load Balancer Controller and the CloudWatch agent.
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

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);

    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes secrets in ${props.clusterName}`,
      enableKeyRotation: true,
    });

    const controlPlaneLogs = new logs.LogGroup(this, 'ControlPlaneLogGroup', {
      logGroupName: props.controlPlaneLogGroupName,
      retention: retentionDays(props.controlPlaneLogRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.cluster = new eks.Cluster(this, 'Cluster', {
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
    });
    this.cluster.node.addDependency(controlPlaneLogs);
    acknowledge(
      this.cluster.role,
      managedPolicyFinding('AmazonEKSClusterPolicy'),
      'EKS requires the AWS managed AmazonEKSClusterPolicy on the cluster role; AWS keeps it in step with what the control plane calls.',
    );

    const launchTemplate = new ec2.LaunchTemplate(this, 'NodeLaunchTemplate', {
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
    launchTemplate.addSecurityGroup(this.cluster.clusterSecurityGroup);

    const nodeGroup = (
      nodeGroupId: string,
      role: 'system' | 'application',
      sizing: NodeGroupSizing,
    ) =>
      new eks.Nodegroup(this, nodeGroupId, {
        cluster: this.cluster,
        nodegroupName: `${props.clusterName}-${role}`,
        instanceTypes: [new ec2.InstanceType(sizing.instanceType)],
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
    this.systemNodeGroup = nodeGroup(
      'SystemNodeGroup',
      'system',
      props.systemNodeGroup,
    );
    this.applicationNodeGroup = nodeGroup(
      'ApplicationNodeGroup',
      'application',
      props.applicationNodeGroup,
    );
    for (const group of [this.systemNodeGroup, this.applicationNodeGroup]) {
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

    this.apiRole = this.serviceAccountRole(
      'ApiServiceAccountRole',
      props.apiServiceAccount,
      'Flask API pods: read the database credentials secret',
    );
    this.apiRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        resources: [props.databaseSecretArn],
      }),
    );

    this.clusterAutoscalerRole = this.serviceAccountRole(
      'ClusterAutoscalerRole',
      props.clusterAutoscalerServiceAccount,
      'Cluster Autoscaler: resize the managed node groups',
    );
    this.clusterAutoscalerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
        ],
        resources: ['*'],
      }),
    );
    this.clusterAutoscalerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['eks:DescribeNodegroup'],
        resources: [
          this.systemNodeGroup.nodegroupArn,
          this.applicationNodeGroup.nodegroupArn,
        ],
      }),
    );
    this.clusterAutoscalerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:SetDesiredCapacity',
          'autoscaling:TerminateInstanceInAutoScalingGroup',
        ],
        resources: ['*'],
        // EKS tags the node groups' Auto Scaling groups with this key.
        conditions: {
          StringEquals: {
            [`aws:ResourceTag/k8s.io/cluster-autoscaler/${props.clusterName}`]:
              'owned',
          },
        },
      }),
    );

    acknowledge(
      this.clusterAutoscalerRole.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'The Auto Scaling and EC2 Describe* actions and ec2:GetInstanceTypesFromInstanceRequirements do not support resource-level permissions; eks:DescribeNodegroup is limited to the two node groups and the two mutating actions to groups with the cluster ownership tag, as in the Cluster Autoscaler AWS guide.',
    );

    this.loadBalancerControllerRole = this.serviceAccountRole(
      'LoadBalancerControllerRole',
      props.loadBalancerControllerServiceAccount,
      'AWS Load Balancer Controller: register the API pods in the ALB target group',
    );
    this.loadBalancerControllerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'elasticloadbalancing:DescribeListeners',
          'elasticloadbalancing:DescribeLoadBalancers',
          'elasticloadbalancing:DescribeTags',
          'elasticloadbalancing:DescribeTargetGroupAttributes',
          'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetHealth',
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInstances',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
        ],
        resources: ['*'],
      }),
    );
    this.loadBalancerControllerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'elasticloadbalancing:RegisterTargets',
          'elasticloadbalancing:DeregisterTargets',
        ],
        resources: [props.apiTargetGroupArn],
      }),
    );
    acknowledge(
      this.loadBalancerControllerRole.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'Describe actions of Elastic Load Balancing and EC2 do not support resource-level permissions; registering targets is limited to the API target group.',
    );

    this.cloudWatchAgentRole = this.serviceAccountRole(
      'CloudWatchAgentRole',
      props.cloudWatchAgentServiceAccount,
      'CloudWatch agent (Container Insights): publish node metrics and logs',
    );
    this.cloudWatchAgentRole.addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy'),
    );
    acknowledge(
      this.cloudWatchAgentRole,
      managedPolicyFinding('CloudWatchAgentServerPolicy'),
      'The amazon-cloudwatch-observability add-on documents this AWS managed policy for its agent role; it allows writing metrics, logs and X-Ray traces, describing EC2 volumes and tags, and reading AmazonCloudWatch-* SSM parameters, nothing else.',
    );

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

  /** An IAM role that one Kubernetes service account assumes (IRSA). */
  private serviceAccountRole(
    id: string,
    serviceAccount: { namespace: string; name: string },
    description: string,
  ): iam.Role {
    const provider = this.cluster.openIdConnectProvider;
    const issuer = provider.openIdConnectProviderIssuer;
    // The issuer is only known at deploy time, and IAM condition keys cannot
    // be intrinsics: CfnJson resolves the keys during deployment.
    const conditions = new CfnJson(this, `${id}Conditions`, {
      value: {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:sub`]: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
      },
    });
    return new iam.Role(this, id, {
      description,
      assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({
        StringEquals: conditions,
      }),
    });
  }
}
