import { CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';
import {
  IRSA_ROLE_ANNOTATION,
  LOAD_BALANCER_CONTROLLER_CHART,
  NODE_GROUP_ROLE_LABEL,
} from '../templates';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import type { ClusterProps } from './ClusterProps';
import type { ClusterNodeGroups } from './clusterNodeGroups';
import { retentionDays } from './retention';

/**
 * The chart's values: a controller that reconciles TargetGroupBindings
 * only. Everything that would make it create or change load balancers,
 * listeners, security groups, Shield or WAF associations is off, so its
 * IAM role needs none of those actions (see `clusterServiceAccountRoles`).
 */
export function loadBalancerControllerValues(
  props: ClusterProps,
  role: iam.IRole,
  region: string,
) {
  const serviceAccount = props.loadBalancerControllerServiceAccount;
  return {
    clusterName: props.clusterName,
    // Set, so the pods never ask the instance metadata service (the nodes'
    // IMDSv2 hop limit keeps pods from reaching it).
    region,
    vpcId: props.vpc.vpcId,
    replicaCount: 2,
    podDisruptionBudget: { maxUnavailable: 1 },
    // Cluster add-ons run on the system node group (the seed's sizing table).
    nodeSelector: { [NODE_GROUP_ROLE_LABEL]: 'system' },
    serviceAccount: {
      create: true,
      name: serviceAccount.name,
      annotations: { [IRSA_ROLE_ANNOTATION]: role.roleArn },
    },
    // No Service of type LoadBalancer is ours to claim, nor any Ingress:
    // the ALB and its target group belong to the CDK app.
    enableServiceMutatorWebhook: false,
    controllerConfig: { featureGates: { EnableServiceController: false } },
    createIngressClassResource: false,
    ingressClassParams: { create: false },
    disableIngressClassAnnotation: true,
    disableIngressGroupNameAnnotation: true,
    enableShield: false,
    enableWaf: false,
    enableWafv2: false,
    // Our TargetGroupBinding has no `networking` section: the node security
    // group's rule from the ALB is the CDK app's, so no shared backend
    // security group and no rule management.
    enableBackendSecurityGroup: false,
    enableEndpointSlices: true,
    // Keep the webhook's certificate across upgrades of the release.
    keepTLSSecret: true,
  };
}

/**
 * Installs the AWS Load Balancer Controller with Helm through the cluster's
 * kubectl provider, in `scope` (the `Cluster` construct), after the system
 * node group it runs on.
 */
export function addLoadBalancerController(
  scope: Construct,
  cluster: eks.Cluster,
  props: ClusterProps,
  role: iam.IRole,
  nodeGroups: ClusterNodeGroups,
): eks.HelmChart {
  const chart = new eks.HelmChart(scope, 'LoadBalancerController', {
    cluster,
    ...LOAD_BALANCER_CONTROLLER_CHART,
    namespace: props.loadBalancerControllerServiceAccount.namespace,
    createNamespace: false,
    values: loadBalancerControllerValues(props, role, Stack.of(scope).region),
    // Fail the deployment, not later, when the pods cannot start.
    wait: true,
    timeout: Duration.minutes(10),
  });
  chart.node.addDependency(nodeGroups.system);
  keepProviderLogsLikeTheCluster(cluster, props.controlPlaneLogRetentionDays);
  acknowledgeKubectlProvider(cluster);
  return chart;
}

/**
 * The log groups of the kubectl provider's functions: kept as long as the
 * control-plane logs and deleted with the stack, like every log group of
 * the environment (aws-cdk-lib's default would retain them for two years
 * after the stack is gone).
 */
function keepProviderLogsLikeTheCluster(
  cluster: eks.Cluster,
  retentionInDays: number,
) {
  const provider = cluster.node.findChild('KubectlProvider');
  for (const construct of provider.node.findAll()) {
    if (construct instanceof logs.CfnLogGroup) {
      construct.retentionInDays = retentionDays(retentionInDays);
      construct.applyRemovalPolicy(RemovalPolicy.DESTROY);
    }
  }
}

/**
 * The kubectl provider aws-eks-v2 builds (a Lambda function with the
 * kubectl/helm and AWS CLI layers, and the custom resource provider
 * framework's function in front of it): what cdk-nag finds there, each
 * where it occurs, and why it stays. aws-eks-v2 attaches these to the roles
 * it creates and offers no option to leave them out.
 */
function acknowledgeKubectlProvider(cluster: eks.Cluster) {
  const provider = cluster.node.findChild('KubectlProvider');
  const handler = provider.node.findChild('Handler');
  const onEvent = provider.node
    .findChild('Provider')
    .node.findChild('framework-onEvent');
  for (const fn of [handler, onEvent]) {
    const role = fn.node.findChild('ServiceRole');
    acknowledge(
      role,
      managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
      'The kubectl provider function writes its own logs with the AWS managed AWSLambdaBasicExecutionRole (CreateLogStream/PutLogEvents), which aws-eks-v2 attaches.',
    );
    acknowledge(
      role,
      managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
      'The cluster endpoint is private, so the kubectl provider function runs in the private subnets; AWSLambdaVPCAccessExecutionRole lets Lambda manage its network interfaces there.',
    );
  }
  const handlerRole = handler.node.findChild('ServiceRole');
  acknowledge(
    handlerRole,
    managedPolicyFinding('AmazonEC2ContainerRegistryReadOnly'),
    'aws-eks-v2 gives the kubectl handler read-only ECR access for charts from OCI registries; our chart comes from the eks-charts HTTP repository, and the access is read-only.',
  );
  acknowledge(
    handlerRole,
    `AwsSolutions-IAM4[Policy::${conditionalPolicyArn(handlerRole)}]`,
    'aws-eks-v2 adds AmazonElasticContainerRegistryPublicReadOnly to the kubectl handler in the aws partition (a condition) for public OCI charts: read-only, and only public images.',
  );
  acknowledge(
    handler.node.findChild('Resource'),
    'AwsSolutions-L1',
    'aws-eks-v2 picks the Python runtime of its kubectl handler (the latest it is tested with, determineLatestPythonRuntime) and ships the handler code for it; the runtime moves with aws-cdk-lib upgrades.',
  );
  acknowledge(
    onEvent.node.findChild('ServiceRole').node.findChild('DefaultPolicy'),
    `AwsSolutions-IAM5[Resource::<${logicalIdOf(handler)}.Arn>:*]`,
    'The custom resource provider framework may invoke the kubectl handler function and its versions (ARN:*): that one function, nothing else.',
  );
}

/** The logical id of a construct's CloudFormation resource. */
function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(
    construct.node.defaultChild as CfnElement,
  );
}

/**
 * The managed policy ARN aws-eks-v2 adds to the role under a condition
 * (`Fn::If`), as cdk-nag writes it in the finding's id.
 */
function conditionalPolicyArn(role: IConstruct): string {
  const arns = Stack.of(role).resolve(
    (role.node.defaultChild as iam.CfnRole).managedPolicyArns,
  ) as unknown[];
  const conditional = arns.find(
    arn => typeof arn === 'object' && arn !== null && 'Fn::If' in arn,
  );
  return JSON.stringify(conditional);
}
