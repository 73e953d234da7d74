import { CfnJson } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import type { ClusterProps, ServiceAccountName } from './ClusterProps';
import type { ClusterNodeGroups } from './clusterNodeGroups';

/** The IAM roles for service accounts (IRSA) of the cluster. */
export interface ClusterServiceAccountRoles {
  api: iam.Role;
  clusterAutoscaler: iam.Role;
  loadBalancerController: iam.Role;
  cloudWatchAgent: iam.Role;
}

/**
 * The IRSA roles, created in `scope` (the `Cluster` construct: their
 * construct ids, and so their logical ids, are the cluster's children):
 * the API (may read only the database secret), the Cluster Autoscaler, the
 * AWS Load Balancer Controller and the CloudWatch agent.
 */
export function addServiceAccountRoles(
  scope: Construct,
  cluster: eks.Cluster,
  props: ClusterProps,
  nodeGroups: ClusterNodeGroups,
): ClusterServiceAccountRoles {
  const roleFor: RoleFor = (id, serviceAccount, description, policy) =>
    serviceAccountRole(scope, cluster, id, serviceAccount, description, policy);
  return {
    api: apiRole(roleFor, props),
    clusterAutoscaler: clusterAutoscalerRole(roleFor, props, nodeGroups),
    loadBalancerController: loadBalancerControllerRole(roleFor, props),
    cloudWatchAgent: cloudWatchAgentRole(roleFor, props),
  };
}

/** What a service account's role may do through its inline policy. */
interface InlinePolicy {
  /** The statements of the role's `DefaultPolicy`, in order. */
  statements: iam.PolicyStatement[];
  /** Why some statements need `Resource::*` (acknowledges AwsSolutions-IAM5). */
  wildcardResourcesReason?: string;
}

type RoleFor = (
  id: string,
  serviceAccount: ServiceAccountName,
  description: string,
  policy?: InlinePolicy,
) => iam.Role;

/**
 * An IAM role that one Kubernetes service account assumes (IRSA), with the
 * statements of `policy` inline.
 */
function serviceAccountRole(
  scope: Construct,
  cluster: eks.Cluster,
  id: string,
  serviceAccount: ServiceAccountName,
  description: string,
  policy?: InlinePolicy,
): iam.Role {
  const provider = cluster.openIdConnectProvider;
  const issuer = provider.openIdConnectProviderIssuer;
  // The issuer is only known at deploy time, and IAM condition keys cannot
  // be intrinsics: CfnJson resolves the keys during deployment.
  const conditions = new CfnJson(scope, `${id}Conditions`, {
    value: {
      [`${issuer}:aud`]: 'sts.amazonaws.com',
      [`${issuer}:sub`]: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
    },
  });
  const role = new iam.Role(scope, id, {
    description,
    assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({
      StringEquals: conditions,
    }),
  });
  for (const statement of policy?.statements ?? []) {
    role.addToPolicy(statement);
  }
  if (policy?.wildcardResourcesReason) {
    acknowledge(
      role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      policy.wildcardResourcesReason,
    );
  }
  return role;
}

function apiRole(roleFor: RoleFor, props: ClusterProps): iam.Role {
  return roleFor(
    'ApiServiceAccountRole',
    props.apiServiceAccount,
    'Flask API pods: read the database credentials secret',
    {
      statements: [
        new iam.PolicyStatement({
          actions: [
            'secretsmanager:GetSecretValue',
            'secretsmanager:DescribeSecret',
          ],
          resources: [props.databaseSecret.secretArn],
        }),
      ],
    },
  );
}

function clusterAutoscalerRole(
  roleFor: RoleFor,
  props: ClusterProps,
  nodeGroups: ClusterNodeGroups,
): iam.Role {
  return roleFor(
    'ClusterAutoscalerRole',
    props.clusterAutoscalerServiceAccount,
    'Cluster Autoscaler: resize the managed node groups',
    {
      statements: [
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
        new iam.PolicyStatement({
          actions: ['eks:DescribeNodegroup'],
          resources: [
            nodeGroups.system.nodegroupArn,
            nodeGroups.application.nodegroupArn,
          ],
        }),
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
      ],
      wildcardResourcesReason:
        'The Auto Scaling and EC2 Describe* actions and ec2:GetInstanceTypesFromInstanceRequirements do not support resource-level permissions; eks:DescribeNodegroup is limited to the two node groups and the two mutating actions to groups with the cluster ownership tag, as in the Cluster Autoscaler AWS guide.',
    },
  );
}

/**
 * What the AWS Load Balancer Controller calls for a TargetGroupBinding with
 * `targetType: ip` and no `networking` section (ours; the chart's values
 * switch off Ingress, Service, Shield, WAF and backend security groups):
 * DescribeTargetGroups (the webhook fills the binding's VPC and IP address
 * type), DescribeTargetHealth (the targets, and the pods' readiness gate),
 * ec2:DescribeVpcs (whether a pod IP is inside the VPC's CIDRs before
 * registering it), ec2:DescribeSecurityGroups (its garbage collection of
 * rules it may have added to endpoint security groups, of which there are
 * none without `networking`), and RegisterTargets/DeregisterTargets.
 * Leader election and its caches use the Kubernetes API only. Security
 * group rule changes (ec2:Authorize/RevokeSecurityGroupIngress) would be
 * needed only for a binding with `networking`, which ours does not have.
 */
export const LOAD_BALANCER_CONTROLLER_READ_ACTIONS = [
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
] as const;

/** The only actions that change anything: on the API target group only. */
export const LOAD_BALANCER_CONTROLLER_TARGET_ACTIONS = [
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:DeregisterTargets',
] as const;

function loadBalancerControllerRole(
  roleFor: RoleFor,
  props: ClusterProps,
): iam.Role {
  return roleFor(
    'LoadBalancerControllerRole',
    props.loadBalancerControllerServiceAccount,
    'AWS Load Balancer Controller: register the API pods in the ALB target group',
    {
      statements: [
        new iam.PolicyStatement({
          actions: [...LOAD_BALANCER_CONTROLLER_READ_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          actions: [...LOAD_BALANCER_CONTROLLER_TARGET_ACTIONS],
          resources: [props.apiTargetGroup.targetGroupArn],
        }),
      ],
      wildcardResourcesReason:
        'elasticloadbalancing:DescribeTargetGroups/DescribeTargetHealth and ec2:DescribeVpcs/DescribeSecurityGroups do not support resource-level permissions; registering and deregistering targets is limited to the API target group.',
    },
  );
}

function cloudWatchAgentRole(roleFor: RoleFor, props: ClusterProps): iam.Role {
  const role = roleFor(
    'CloudWatchAgentRole',
    props.cloudWatchAgentServiceAccount,
    'CloudWatch agent (Container Insights): publish node metrics and logs',
  );
  role.addManagedPolicy(
    iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy'),
  );
  acknowledge(
    role,
    managedPolicyFinding('CloudWatchAgentServerPolicy'),
    'The amazon-cloudwatch-observability add-on documents this AWS managed policy for its agent role; it allows writing metrics, logs and X-Ray traces, describing EC2 volumes and tags, and reading AmazonCloudWatch-* SSM parameters, nothing else.',
  );
  return role;
}
