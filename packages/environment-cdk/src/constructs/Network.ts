import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SUBNET_MASK_OFFSETS } from '@innovate/plugin-aws-environments-common';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { POSTGRES_PORT } from './Database';
import type { NetworkProps } from './NetworkProps';
import { retentionDays } from './retention';

/**
 * The environment's network: a VPC with private (nodes, internal ALB), public (NAT)
 * and isolated (database) subnets in each AZ, NAT gateways, flow logs to
 * CloudWatch Logs, and the security-group chain ALB → nodes (API port) →
 * database (5432). All three groups live here so that the cluster, database
 * and edge stacks only read them and never reference each other for rules.
 *
 * @public
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  readonly nodeSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const prefix = Number(props.vpcCidr.split('/')[1]);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      availabilityZones: props.availabilityZones,
      natGateways: props.natGateways,
      // Order matters: largest tier first, as `planSubnets` assumes.
      subnetConfiguration: [
        {
          name: 'Private',
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrMask: prefix + SUBNET_MASK_OFFSETS.private,
        },
        {
          name: 'Public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: prefix + SUBNET_MASK_OFFSETS.public,
          mapPublicIpOnLaunch: false,
        },
        {
          name: 'Isolated',
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: prefix + SUBNET_MASK_OFFSETS.isolated,
        },
      ],
      restrictDefaultSecurityGroup: true,
    });
    acknowledge(
      this.vpc,
      'CloudFormation-Validate::W3010',
      'AZ names come from the supported-region table on purpose: the app must synthesize without an availability-zone lookup. Every account has these names (each maps them to its own AZ ids), so the subnets deploy in any account.',
    );

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: props.flowLogGroupName,
      retention: retentionDays(props.flowLogRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    this.loadBalancerSecurityGroup = new ec2.SecurityGroup(
      this,
      'LoadBalancerSecurityGroup',
      {
        vpc: this.vpc,
        // Its one ingress rule, from the CloudFront VPC origin, is added by
        // the edge (`EdgeVpcOriginAccess`): that group exists only once the
        // VPC origin does.
        description: 'ALB: from the CloudFront VPC origin only',
        allowAllOutbound: false,
      },
    );
    this.nodeSecurityGroup = new ec2.SecurityGroup(this, 'NodeSecurityGroup', {
      vpc: this.vpc,
      description: `EKS nodes and pods: API port ${props.apiPort} from the ALB`,
      allowAllOutbound: true,
    });
    this.databaseSecurityGroup = new ec2.SecurityGroup(
      this,
      'DatabaseSecurityGroup',
      {
        vpc: this.vpc,
        description: `RDS: PostgreSQL ${POSTGRES_PORT} from the EKS nodes only`,
        allowAllOutbound: false,
      },
    );

    this.loadBalancerSecurityGroup.addEgressRule(
      this.nodeSecurityGroup,
      ec2.Port.tcp(props.apiPort),
      'To the API pods',
    );
    this.nodeSecurityGroup.addIngressRule(
      this.loadBalancerSecurityGroup,
      ec2.Port.tcp(props.apiPort),
      'API traffic from the ALB',
    );
    this.databaseSecurityGroup.addIngressRule(
      this.nodeSecurityGroup,
      ec2.Port.tcp(POSTGRES_PORT),
      'PostgreSQL from the EKS nodes',
    );
  }
}
