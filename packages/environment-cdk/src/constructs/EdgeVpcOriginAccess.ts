import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, managedPolicyFinding } from './acknowledge';
import { retentionDays } from './retention';

/**
 * The security group CloudFront creates in a VPC for the VPC origins'
 * network interfaces (one per VPC, shared by its VPC origins).
 *
 * @public
 */
export const VPC_ORIGINS_SECURITY_GROUP_NAME =
  'CloudFront-VPCOrigins-Service-SG';

/**
 * Properties of {@link EdgeVpcOriginAccess}.
 *
 * @public
 */
export interface EdgeVpcOriginAccessProps {
  readonly vpc: ec2.IVpc;
  /** The ALB's security group, which gets the one ingress rule. */
  readonly loadBalancerSecurityGroup: ec2.ISecurityGroup;
  /** The listener port CloudFront connects to (80 or 443). */
  readonly port: number;
  /**
   * The CloudFront VPC origin and distribution: CloudFront creates its
   * security group when the VPC origin deploys, so the look-up waits for them.
   */
  readonly dependsOn: Construct[];
  /** Days the look-up function's log is kept. */
  readonly logRetentionDays: number;
}

/**
 * Admits the CloudFront VPC origin, and only it, to the ALB: an ingress
 * rule from the `CloudFront-VPCOrigins-Service-SG` security group that
 * CloudFront creates in the VPC for the VPC origin's network interfaces, as
 * AWS documents in "Restrict access with VPC origins". CloudFormation does
 * not return that group's id, so a custom resource looks it up
 * (`ec2:DescribeSecurityGroups` in this VPC, by name) after the VPC origin
 * and distribution exist. Not the public origin-facing prefix list: that one
 * holds the addresses of every customer's distribution.
 *
 * @public
 */
export class EdgeVpcOriginAccess extends Construct {
  readonly lookup: cr.AwsCustomResource;
  readonly logGroup: logs.LogGroup;
  readonly ingress: ec2.CfnSecurityGroupIngress;

  constructor(scope: Construct, id: string, props: EdgeVpcOriginAccessProps) {
    super(scope, id);
    const describe: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeSecurityGroups',
      parameters: {
        Filters: [
          { Name: 'vpc-id', Values: [props.vpc.vpcId] },
          { Name: 'group-name', Values: [VPC_ORIGINS_SECURITY_GROUP_NAME] },
        ],
      },
      physicalResourceId: cr.PhysicalResourceId.of(
        `${VPC_ORIGINS_SECURITY_GROUP_NAME}-${props.vpc.vpcId}`,
      ),
      outputPaths: ['SecurityGroups.0.GroupId'],
    };
    // Unnamed and deleted with the stack (the provider's default log group
    // is retained): nothing of the look-up outlives the environment.
    this.logGroup = new logs.LogGroup(this, 'LookupLogGroup', {
      retention: retentionDays(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.lookup = new cr.AwsCustomResource(this, 'SecurityGroupLookup', {
      onCreate: describe,
      onUpdate: describe,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
      installLatestAwsSdk: false,
      logGroup: this.logGroup,
    });
    props.dependsOn.forEach(dependency =>
      this.lookup.node.addDependency(dependency),
    );

    this.ingress = new ec2.CfnSecurityGroupIngress(this, 'Ingress', {
      groupId: props.loadBalancerSecurityGroup.securityGroupId,
      sourceSecurityGroupId: this.lookup.getResponseField(
        'SecurityGroups.0.GroupId',
      ),
      ipProtocol: 'tcp',
      fromPort: props.port,
      toPort: props.port,
      description: 'From the CloudFront VPC origin only',
    });
    this.acknowledgeProviderFindings();
  }

  /** The look-up's Lambda function (one per stack, shared by its calls). */
  private acknowledgeProviderFindings() {
    const stack = Stack.of(this);
    const provider = stack.node.tryFindChild(
      `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
    );
    if (provider) {
      acknowledge(
        provider.node.findChild('ServiceRole'),
        managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
        "The custom-resource provider of aws-cdk-lib's AwsCustomResource: AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs.",
      );
    }
    acknowledge(
      this.lookup,
      'AwsSolutions-IAM5[Resource::*]',
      'ec2:DescribeSecurityGroups supports no resource-level permissions (the Service Authorization Reference lists no resource type for it), so the look-up of the CloudFront VPC origin security group needs Resource "*". It is read-only and the only action in the policy.',
    );
  }
}
