/*
 * The properties of the CloudFormation resources that conformance reads,
 * as the synthesized template writes them. Only the properties a check
 * reads are listed. A property a template may write as an intrinsic
 * (`Ref`, `Fn::GetAtt`, a cross-stack output) is a `TemplateValue`.
 */

/** A template value: a literal, or an intrinsic function to resolve. */
export type TemplateValue = unknown;

/** An entry of `SecurityGroupIngress`/`SecurityGroupEgress`, or a rule resource. */
export interface SecurityGroupRuleProperties {
  IpProtocol?: TemplateValue;
  FromPort?: TemplateValue;
  ToPort?: TemplateValue;
  CidrIp?: TemplateValue;
  CidrIpv6?: TemplateValue;
  SourceSecurityGroupId?: TemplateValue;
  DestinationSecurityGroupId?: TemplateValue;
  SourcePrefixListId?: TemplateValue;
  DestinationPrefixListId?: TemplateValue;
  GroupId?: TemplateValue;
}

/** A statement of an IAM, SNS topic or KMS key policy. */
export interface PolicyStatement {
  Effect?: TemplateValue;
  Action?: TemplateValue;
  Resource?: TemplateValue;
  Principal?: { Service?: TemplateValue; Federated?: TemplateValue };
  Condition?: { StringEquals?: Record<string, TemplateValue> };
}

/** A policy document. */
export interface PolicyDocument {
  Statement?: TemplateValue;
}

/** A rule of a WAF web ACL. */
export interface WebAclRule {
  Name?: TemplateValue;
  Statement?: {
    ManagedRuleGroupStatement?: { Name?: TemplateValue };
    RateBasedStatement?: {
      Limit?: TemplateValue;
      AggregateKeyType?: TemplateValue;
    };
  };
  OverrideAction?: { None?: object; Count?: object };
  Action?: { Block?: object };
}

/** The part of `DistributionConfig` conformance reads. */
export interface DistributionConfig {
  WebACLId?: TemplateValue;
  Aliases?: TemplateValue;
  ViewerCertificate?: {
    AcmCertificateArn?: TemplateValue;
    MinimumProtocolVersion?: TemplateValue;
    SslSupportMethod?: TemplateValue;
  };
  Origins?: TemplateValue;
  DefaultCacheBehavior?: { TargetOriginId?: TemplateValue };
  CacheBehaviors?: TemplateValue;
}

/** An origin of a distribution. */
export interface DistributionOrigin {
  Id?: TemplateValue;
  DomainName?: TemplateValue;
  OriginAccessControlId?: TemplateValue;
  VpcOriginConfig?: { VpcOriginId?: TemplateValue };
}

/** A cache behavior of a distribution. */
export interface CacheBehavior {
  PathPattern?: TemplateValue;
  TargetOriginId?: TemplateValue;
}

/** A metric of a CloudWatch alarm on several metrics (or math). */
export interface AlarmMetric {
  Id?: TemplateValue;
  Expression?: TemplateValue;
  ReturnData?: TemplateValue;
  MetricStat?: {
    Metric?: { MetricName?: TemplateValue; Dimensions?: TemplateValue };
  };
}

/** A dimension of a CloudWatch metric. */
export interface MetricDimension {
  Name?: TemplateValue;
  Value?: TemplateValue;
}

/** A notification of an AWS Budgets budget. */
export interface BudgetNotification {
  Notification?: {
    NotificationType?: TemplateValue;
    Threshold?: TemplateValue;
    ThresholdType?: TemplateValue;
    ComparisonOperator?: TemplateValue;
  };
  Subscribers?: TemplateValue;
}

/** The properties read of each resource type, by CloudFormation type. */
export interface CfnProperties {
  'AWS::EC2::VPC': { CidrBlock?: TemplateValue };
  'AWS::EC2::Subnet': {
    AvailabilityZone?: TemplateValue;
    MapPublicIpOnLaunch?: TemplateValue;
  };
  'AWS::EC2::SubnetRouteTableAssociation': {
    SubnetId?: TemplateValue;
    RouteTableId?: TemplateValue;
  };
  'AWS::EC2::Route': {
    DestinationCidrBlock?: TemplateValue;
    RouteTableId?: TemplateValue;
    NatGatewayId?: TemplateValue;
    GatewayId?: TemplateValue;
  };
  'AWS::EC2::NatGateway': { SubnetId?: TemplateValue };
  'AWS::EC2::LaunchTemplate': {
    LaunchTemplateData?: {
      NetworkInterfaces?: TemplateValue;
      SecurityGroupIds?: TemplateValue;
    };
  };
  'AWS::EC2::SecurityGroup': {
    SecurityGroupIngress?: TemplateValue;
    SecurityGroupEgress?: TemplateValue;
  };
  'AWS::EC2::SecurityGroupIngress': SecurityGroupRuleProperties;
  'AWS::EC2::SecurityGroupEgress': SecurityGroupRuleProperties;
  'AWS::EC2::FlowLog': {
    ResourceType?: TemplateValue;
    ResourceId?: TemplateValue;
    TrafficType?: TemplateValue;
    LogDestinationType?: TemplateValue;
  };
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    Scheme?: TemplateValue;
    SecurityGroups?: TemplateValue;
  };
  'AWS::CloudFront::VpcOrigin': {
    VpcOriginEndpointConfig?: {
      Arn?: TemplateValue;
      OriginProtocolPolicy?: TemplateValue;
    };
  };
  'AWS::ElasticLoadBalancingV2::Listener': { DefaultActions?: TemplateValue };
  'AWS::CloudFront::Distribution': { DistributionConfig?: DistributionConfig };
  'AWS::Route53::RecordSet': {
    HostedZoneId?: TemplateValue;
    Name?: TemplateValue;
    Type?: TemplateValue;
    AliasTarget?: { DNSName?: TemplateValue };
  };
  'AWS::Route53::HostedZone': { Name?: TemplateValue };
  'Custom::CrossAccountZoneDelegation': {
    ParentZoneId?: TemplateValue;
    DelegatedZoneName?: TemplateValue;
    DelegatedZoneNameServers?: TemplateValue;
  };
  'AWS::CertificateManager::Certificate': {
    DomainName?: TemplateValue;
    SubjectAlternativeNames?: TemplateValue;
    ValidationMethod?: TemplateValue;
  };
  'AWS::WAFv2::WebACL': {
    Name?: TemplateValue;
    Scope?: TemplateValue;
    Rules?: TemplateValue;
  };
  'AWS::EKS::Cluster': {
    Name?: TemplateValue;
    Version?: TemplateValue;
    EncryptionConfig?: TemplateValue;
    Logging?: {
      ClusterLogging?: { EnabledTypes?: Array<{ Type: string }> };
    };
  };
  'AWS::EKS::Nodegroup': {
    NodegroupName?: TemplateValue;
    Labels?: Record<string, string>;
    InstanceTypes?: TemplateValue;
    Subnets?: TemplateValue;
    ScalingConfig?: {
      MinSize?: TemplateValue;
      DesiredSize?: TemplateValue;
      MaxSize?: TemplateValue;
    };
  };
  'AWS::EKS::Addon': { AddonName?: TemplateValue };
  'AWS::IAM::Role': {
    AssumeRolePolicyDocument?: PolicyDocument;
    Policies?: TemplateValue;
    ManagedPolicyArns?: TemplateValue;
  };
  'AWS::IAM::Policy': {
    Roles?: TemplateValue;
    PolicyDocument?: PolicyDocument;
  };
  'AWS::IAM::ManagedPolicy': {
    Roles?: TemplateValue;
    PolicyDocument?: PolicyDocument;
  };
  'AWS::RDS::DBInstance': {
    Engine?: TemplateValue;
    EngineVersion?: TemplateValue;
    DBInstanceClass?: TemplateValue;
    DBInstanceIdentifier?: TemplateValue;
    AllocatedStorage?: TemplateValue;
    StorageType?: TemplateValue;
    StorageEncrypted?: TemplateValue;
    KmsKeyId?: TemplateValue;
    MultiAZ?: TemplateValue;
    BackupRetentionPeriod?: TemplateValue;
    ManageMasterUserPassword?: TemplateValue;
    MasterUserPassword?: TemplateValue;
    Port?: TemplateValue;
    PubliclyAccessible?: TemplateValue;
    DBSubnetGroupName?: TemplateValue;
    VPCSecurityGroups?: TemplateValue;
  };
  'AWS::RDS::DBSubnetGroup': { SubnetIds?: TemplateValue };
  'AWS::CloudWatch::Alarm': {
    AlarmName?: TemplateValue;
    AlarmActions?: TemplateValue;
    MetricName?: TemplateValue;
    Namespace?: TemplateValue;
    ExtendedStatistic?: TemplateValue;
    Dimensions?: TemplateValue;
    Metrics?: TemplateValue;
    Threshold?: TemplateValue;
    ComparisonOperator?: TemplateValue;
  };
  'AWS::SNS::TopicPolicy': {
    Topics?: TemplateValue;
    PolicyDocument?: PolicyDocument;
  };
  'AWS::CloudTrail::Trail': {
    TrailName?: TemplateValue;
    IsLogging?: TemplateValue;
    IsMultiRegionTrail?: TemplateValue;
    EnableLogFileValidation?: TemplateValue;
  };
  'AWS::GuardDuty::Detector': { Enable?: TemplateValue };
  'AWS::Budgets::Budget': {
    Budget?: {
      BudgetLimit?: { Amount?: TemplateValue };
      TimeUnit?: TemplateValue;
    };
    NotificationsWithSubscribers?: TemplateValue;
  };
  'AWS::ECR::Repository': {
    RepositoryName?: TemplateValue;
    ImageScanningConfiguration?: { ScanOnPush?: TemplateValue };
    ImageTagMutability?: TemplateValue;
  };
}

/** A CloudFormation resource type conformance reads. */
export type ResourceType = keyof CfnProperties;
