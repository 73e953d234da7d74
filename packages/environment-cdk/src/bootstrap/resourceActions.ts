/**
 * The IAM actions CloudFormation's execution role needs to create, update,
 * delete and read each resource type the environment's templates use, by
 * service. Tagging actions are included because every resource carries the
 * environment tag.
 *
 * Sources: the `handlers` section (create, read, update, delete permissions)
 * of each type's CloudFormation resource type schema, as published in the
 * CloudFormation registry (`aws cloudformation describe-type --type RESOURCE
 * --type-name <type>`). Where a schema is in an open-source provider
 * repository (aws-cloudformation/aws-cloudformation-resource-providers-*)
 * the block names it. Checked line by line against the schema file: ECR
 * (aws-ecr-repository.json) and CloudWatch Logs (aws-logs-loggroup.json).
 * The other blocks follow the registry schemas' handler lists and the
 * Service Authorization Reference without an offline copy to diff against:
 * verify them with `describe-type` before the first deployment (a missing
 * action shows as an AccessDenied in the stack events, naming it). `iam:PassRole`, `iam:CreateServiceLinkedRole` and
 * the CDK bootstrap reads are added by policies.ts, scoped, not here.
 *
 * A type missing here fails `yarn env bootstrap-policy` naming the type: add
 * its schema's handler permissions when the CDK app starts using it.
 */
export const RESOURCE_TYPE_ACTIONS: Readonly<
  Record<string, readonly string[]>
> = {
  // EC2 (network, cluster launch template). Registry schemas of AWS::EC2::*
  // (providers not public, except ec2-nat-gateway).
  'AWS::EC2::VPC': [
    'ec2:CreateVpc',
    'ec2:DeleteVpc',
    'ec2:DescribeVpcs',
    'ec2:DescribeVpcAttribute',
    'ec2:ModifyVpcAttribute',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeNetworkAcls',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::Subnet': [
    'ec2:CreateSubnet',
    'ec2:DeleteSubnet',
    'ec2:DescribeSubnets',
    'ec2:ModifySubnetAttribute',
    'ec2:DescribeNetworkAcls',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::InternetGateway': [
    'ec2:CreateInternetGateway',
    'ec2:DeleteInternetGateway',
    'ec2:DescribeInternetGateways',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::VPCGatewayAttachment': [
    'ec2:AttachInternetGateway',
    'ec2:DetachInternetGateway',
    'ec2:DescribeInternetGateways',
  ],
  'AWS::EC2::EIP': [
    'ec2:AllocateAddress',
    'ec2:ReleaseAddress',
    'ec2:DescribeAddresses',
    'ec2:DisassociateAddress',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  // aws-cloudformation-resource-providers-ec2-nat-gateway.
  'AWS::EC2::NatGateway': [
    'ec2:CreateNatGateway',
    'ec2:DeleteNatGateway',
    'ec2:DescribeNatGateways',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::RouteTable': [
    'ec2:CreateRouteTable',
    'ec2:DeleteRouteTable',
    'ec2:DescribeRouteTables',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::Route': [
    'ec2:CreateRoute',
    'ec2:ReplaceRoute',
    'ec2:DeleteRoute',
    'ec2:DescribeRouteTables',
  ],
  'AWS::EC2::SubnetRouteTableAssociation': [
    'ec2:AssociateRouteTable',
    'ec2:DisassociateRouteTable',
    'ec2:ReplaceRouteTableAssociation',
    'ec2:DescribeRouteTables',
    'ec2:DescribeSubnets',
  ],
  'AWS::EC2::SecurityGroup': [
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSecurityGroupRules',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  'AWS::EC2::SecurityGroupIngress': [
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSecurityGroupRules',
  ],
  'AWS::EC2::SecurityGroupEgress': [
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSecurityGroupRules',
  ],
  'AWS::EC2::FlowLog': [
    'ec2:CreateFlowLogs',
    'ec2:DeleteFlowLogs',
    'ec2:DescribeFlowLogs',
    'ec2:CreateTags',
    'ec2:DeleteTags',
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
  ],
  'AWS::EC2::LaunchTemplate': [
    'ec2:CreateLaunchTemplate',
    'ec2:CreateLaunchTemplateVersion',
    'ec2:ModifyLaunchTemplate',
    'ec2:DeleteLaunchTemplate',
    'ec2:DeleteLaunchTemplateVersions',
    'ec2:DescribeLaunchTemplates',
    'ec2:DescribeLaunchTemplateVersions',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],

  // EKS. Registry schemas of AWS::EKS::Cluster, Nodegroup, Addon (the
  // providers are not public).
  'AWS::EKS::Cluster': [
    'eks:CreateCluster',
    'eks:DeleteCluster',
    'eks:DescribeCluster',
    'eks:DescribeUpdate',
    'eks:UpdateClusterConfig',
    'eks:UpdateClusterVersion',
    'eks:AssociateEncryptionConfig',
    'eks:CreateAccessEntry',
    'eks:DescribeAccessEntry',
    'eks:DeleteAccessEntry',
    'eks:ListAccessEntries',
    'eks:AssociateAccessPolicy',
    'eks:DisassociateAccessPolicy',
    'eks:ListAssociatedAccessPolicies',
    'eks:TagResource',
    'eks:UntagResource',
    'eks:ListTagsForResource',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
    'ec2:DescribeSecurityGroups',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'iam:GetRole',
  ],
  'AWS::EKS::Nodegroup': [
    'eks:CreateNodegroup',
    'eks:DeleteNodegroup',
    'eks:DescribeNodegroup',
    'eks:DescribeUpdate',
    'eks:UpdateNodegroupConfig',
    'eks:UpdateNodegroupVersion',
    'eks:TagResource',
    'eks:UntagResource',
    'eks:ListTagsForResource',
    'ec2:DescribeSubnets',
    'ec2:DescribeLaunchTemplateVersions',
    'iam:GetRole',
  ],
  'AWS::EKS::Addon': [
    'eks:CreateAddon',
    'eks:DeleteAddon',
    'eks:DescribeAddon',
    'eks:DescribeAddonVersions',
    'eks:DescribeUpdate',
    'eks:UpdateAddon',
    'eks:TagResource',
    'eks:UntagResource',
    'eks:ListTagsForResource',
  ],

  // RDS: aws-cloudformation-resource-providers-rds (aws-rds-dbinstance,
  // aws-rds-dbsubnetgroup schemas), trimmed to the features the app uses
  // (managed master password in Secrets Manager, KMS, enhanced monitoring).
  'AWS::RDS::DBInstance': [
    'rds:CreateDBInstance',
    'rds:DeleteDBInstance',
    'rds:DescribeDBInstances',
    'rds:ModifyDBInstance',
    'rds:RebootDBInstance',
    'rds:DescribeDBEngineVersions',
    'rds:DescribeDBSnapshots',
    'rds:CreateDBSnapshot',
    'rds:AddTagsToResource',
    'rds:RemoveTagsFromResource',
    'rds:ListTagsForResource',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'kms:Decrypt',
    'kms:GenerateDataKey',
    'secretsmanager:CreateSecret',
    'secretsmanager:TagResource',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
  ],
  'AWS::RDS::DBSubnetGroup': [
    'rds:CreateDBSubnetGroup',
    'rds:DeleteDBSubnetGroup',
    'rds:DescribeDBSubnetGroups',
    'rds:ModifyDBSubnetGroup',
    'rds:AddTagsToResource',
    'rds:RemoveTagsFromResource',
    'rds:ListTagsForResource',
  ],

  // ECR: aws-cloudformation-resource-providers-ecr, aws-ecr-repository.json
  // handlers (create, read, update, delete).
  'AWS::ECR::Repository': [
    'ecr:CreateRepository',
    'ecr:DeleteRepository',
    'ecr:DescribeRepositories',
    'ecr:PutLifecyclePolicy',
    'ecr:GetLifecyclePolicy',
    'ecr:DeleteLifecyclePolicy',
    'ecr:SetRepositoryPolicy',
    'ecr:GetRepositoryPolicy',
    'ecr:DeleteRepositoryPolicy',
    'ecr:PutImageScanningConfiguration',
    'ecr:PutImageTagMutability',
    'ecr:TagResource',
    'ecr:UntagResource',
    'ecr:ListTagsForResource',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'kms:RetireGrant',
  ],

  // Budgets: registry schema of AWS::Budgets::Budget (creating a budget is
  // authorized by budgets:ModifyBudget, Service Authorization Reference).
  'AWS::Budgets::Budget': [
    'budgets:ModifyBudget',
    'budgets:ViewBudget',
    'budgets:TagResource',
    'budgets:UntagResource',
    'budgets:ListTagsForResource',
  ],

  // IAM: registry schemas of AWS::IAM::Role, Policy, OIDCProvider.
  'AWS::IAM::Role': [
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:GetRole',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
    'iam:UpdateAssumeRolePolicy',
    'iam:AttachRolePolicy',
    'iam:DetachRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:PutRolePolicy',
    'iam:GetRolePolicy',
    'iam:DeleteRolePolicy',
    'iam:ListRolePolicies',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:ListRoleTags',
  ],
  'AWS::IAM::Policy': [
    'iam:PutRolePolicy',
    'iam:GetRolePolicy',
    'iam:DeleteRolePolicy',
  ],
  'AWS::IAM::OIDCProvider': [
    'iam:CreateOpenIDConnectProvider',
    'iam:DeleteOpenIDConnectProvider',
    'iam:GetOpenIDConnectProvider',
    'iam:UpdateOpenIDConnectProviderThumbprint',
    'iam:AddClientIDToOpenIDConnectProvider',
    'iam:RemoveClientIDFromOpenIDConnectProvider',
    'iam:TagOpenIDConnectProvider',
    'iam:UntagOpenIDConnectProvider',
  ],

  // KMS: aws-cloudformation-resource-providers-kms, aws-kms-key schema.
  'AWS::KMS::Key': [
    'kms:CreateKey',
    'kms:DescribeKey',
    'kms:GetKeyPolicy',
    'kms:PutKeyPolicy',
    'kms:EnableKey',
    'kms:DisableKey',
    'kms:EnableKeyRotation',
    'kms:DisableKeyRotation',
    'kms:GetKeyRotationStatus',
    'kms:UpdateKeyDescription',
    'kms:ScheduleKeyDeletion',
    'kms:ListResourceTags',
    'kms:TagResource',
    'kms:UntagResource',
  ],

  // CloudWatch Logs: aws-cloudformation-resource-providers-logs,
  // aws-logs-loggroup.json handlers, plus the tag-by-ARN actions.
  'AWS::Logs::LogGroup': [
    'logs:CreateLogGroup',
    'logs:DeleteLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'logs:DeleteRetentionPolicy',
    'logs:AssociateKmsKey',
    'logs:DisassociateKmsKey',
    'logs:TagLogGroup',
    'logs:UntagLogGroup',
    'logs:ListTagsLogGroup',
    'logs:TagResource',
    'logs:UntagResource',
    'logs:ListTagsForResource',
  ],

  // S3: registry schemas of AWS::S3::Bucket and BucketPolicy.
  'AWS::S3::Bucket': [
    's3:CreateBucket',
    's3:DeleteBucket',
    's3:ListBucket',
    's3:GetBucketLocation',
    's3:PutBucketTagging',
    's3:GetBucketTagging',
    's3:PutEncryptionConfiguration',
    's3:GetEncryptionConfiguration',
    's3:PutBucketPublicAccessBlock',
    's3:GetBucketPublicAccessBlock',
    's3:PutBucketVersioning',
    's3:GetBucketVersioning',
    's3:PutBucketLogging',
    's3:GetBucketLogging',
    's3:PutLifecycleConfiguration',
    's3:GetLifecycleConfiguration',
    's3:PutBucketOwnershipControls',
    's3:GetBucketOwnershipControls',
    's3:PutBucketAcl',
    's3:GetBucketAcl',
  ],
  'AWS::S3::BucketPolicy': [
    's3:PutBucketPolicy',
    's3:GetBucketPolicy',
    's3:DeleteBucketPolicy',
  ],

  // SNS: aws-cloudformation-resource-providers-sns (Topic, Subscription,
  // TopicPolicy schemas).
  'AWS::SNS::Topic': [
    'sns:CreateTopic',
    'sns:DeleteTopic',
    'sns:GetTopicAttributes',
    'sns:SetTopicAttributes',
    'sns:ListSubscriptionsByTopic',
    'sns:TagResource',
    'sns:UntagResource',
    'sns:ListTagsForResource',
  ],
  'AWS::SNS::Subscription': [
    'sns:Subscribe',
    'sns:Unsubscribe',
    'sns:GetSubscriptionAttributes',
    'sns:SetSubscriptionAttributes',
    'sns:ListSubscriptionsByTopic',
    'sns:GetTopicAttributes',
  ],
  'AWS::SNS::TopicPolicy': ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],

  // SSM: aws-cloudformation-resource-providers-ssm, aws-ssm-parameter.
  'AWS::SSM::Parameter': [
    'ssm:PutParameter',
    'ssm:GetParameters',
    'ssm:DeleteParameter',
    'ssm:AddTagsToResource',
    'ssm:RemoveTagsFromResource',
    'ssm:ListTagsForResource',
  ],

  // CloudWatch: registry schema of AWS::CloudWatch::Alarm.
  'AWS::CloudWatch::Alarm': [
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:TagResource',
    'cloudwatch:UntagResource',
    'cloudwatch:ListTagsForResource',
  ],

  // CloudTrail: registry schema of AWS::CloudTrail::Trail.
  'AWS::CloudTrail::Trail': [
    'cloudtrail:CreateTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:DeleteTrail',
    'cloudtrail:StartLogging',
    'cloudtrail:StopLogging',
    'cloudtrail:GetTrail',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:DescribeTrails',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:PutInsightSelectors',
    'cloudtrail:GetInsightSelectors',
    'cloudtrail:AddTags',
    'cloudtrail:RemoveTags',
    'cloudtrail:ListTags',
    'iam:GetRole',
  ],

  // GuardDuty: registry schema of AWS::GuardDuty::Detector.
  'AWS::GuardDuty::Detector': [
    'guardduty:CreateDetector',
    'guardduty:DeleteDetector',
    'guardduty:GetDetector',
    'guardduty:UpdateDetector',
    'guardduty:ListDetectors',
    'guardduty:TagResource',
    'guardduty:UntagResource',
    'guardduty:ListTagsForResource',
  ],

  // Elastic Load Balancing: registry schemas of AWS::ElasticLoadBalancingV2::*.
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:DeleteLoadBalancer',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
    'elasticloadbalancing:SetSecurityGroups',
    'elasticloadbalancing:SetSubnets',
    'elasticloadbalancing:SetIpAddressType',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcs',
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [
    'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:DeleteTargetGroup',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:ModifyTargetGroup',
    'elasticloadbalancing:ModifyTargetGroupAttributes',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
  ],
  'AWS::ElasticLoadBalancingV2::Listener': [
    'elasticloadbalancing:CreateListener',
    'elasticloadbalancing:DeleteListener',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:DescribeListenerAttributes',
    'elasticloadbalancing:ModifyListenerAttributes',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
  ],
  'AWS::ElasticLoadBalancingV2::ListenerRule': [
    'elasticloadbalancing:CreateRule',
    'elasticloadbalancing:DeleteRule',
    'elasticloadbalancing:DescribeRules',
    'elasticloadbalancing:ModifyRule',
    'elasticloadbalancing:SetRulePriorities',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DescribeTags',
  ],

  // CloudFront: registry schemas of AWS::CloudFront::Distribution, Function,
  // OriginAccessControl, VpcOrigin. A distribution reads its web ACL, its
  // certificate and its log bucket's ACL when it is created.
  'AWS::CloudFront::Distribution': [
    'cloudfront:CreateDistribution',
    'cloudfront:CreateDistributionWithTags',
    'cloudfront:DeleteDistribution',
    'cloudfront:GetDistribution',
    'cloudfront:GetDistributionConfig',
    'cloudfront:UpdateDistribution',
    'cloudfront:TagResource',
    'cloudfront:UntagResource',
    'cloudfront:ListTagsForResource',
    'wafv2:GetWebACL',
    'acm:DescribeCertificate',
    's3:GetBucketAcl',
    's3:PutBucketAcl',
  ],
  'AWS::CloudFront::Function': [
    'cloudfront:CreateFunction',
    'cloudfront:DeleteFunction',
    'cloudfront:DescribeFunction',
    'cloudfront:GetFunction',
    'cloudfront:UpdateFunction',
    'cloudfront:PublishFunction',
    'cloudfront:TagResource',
    'cloudfront:ListTagsForResource',
  ],
  'AWS::CloudFront::OriginAccessControl': [
    'cloudfront:CreateOriginAccessControl',
    'cloudfront:DeleteOriginAccessControl',
    'cloudfront:GetOriginAccessControl',
    'cloudfront:UpdateOriginAccessControl',
  ],
  'AWS::CloudFront::VpcOrigin': [
    'cloudfront:CreateVpcOrigin',
    'cloudfront:DeleteVpcOrigin',
    'cloudfront:GetVpcOrigin',
    'cloudfront:UpdateVpcOrigin',
    'cloudfront:TagResource',
    'cloudfront:UntagResource',
    'cloudfront:ListTagsForResource',
    'elasticloadbalancing:DescribeLoadBalancers',
    'ec2:DescribeSecurityGroups',
  ],

  // WAF: aws-cloudformation-resource-providers-wafv2, aws-wafv2-webacl.
  'AWS::WAFv2::WebACL': [
    'wafv2:CreateWebACL',
    'wafv2:DeleteWebACL',
    'wafv2:GetWebACL',
    'wafv2:UpdateWebACL',
    'wafv2:CheckCapacity',
    'wafv2:DescribeManagedRuleGroup',
    'wafv2:TagResource',
    'wafv2:UntagResource',
    'wafv2:ListTagsForResource',
  ],

  // Secrets Manager: registry schema of AWS::SecretsManager::Secret.
  'AWS::SecretsManager::Secret': [
    'secretsmanager:CreateSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:UpdateSecret',
    'secretsmanager:GetRandomPassword',
    'secretsmanager:TagResource',
    'secretsmanager:UntagResource',
  ],

  // Lambda: registry schema of AWS::Lambda::Function (the CDK's
  // custom-resource providers; their code comes from the bootstrap assets
  // bucket, see policies.ts).
  'AWS::Lambda::Function': [
    'lambda:CreateFunction',
    'lambda:DeleteFunction',
    'lambda:GetFunction',
    'lambda:GetFunctionConfiguration',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
    'lambda:GetRuntimeManagementConfig',
    'lambda:PutRuntimeManagementConfig',
    'lambda:TagResource',
    'lambda:UntagResource',
    'lambda:ListTags',
  ],
  'AWS::Lambda::Permission': [
    'lambda:AddPermission',
    'lambda:RemovePermission',
    'lambda:GetPolicy',
  ],

  // CDK custom resources: CloudFormation invokes the provider function
  // (created in the same template, with its own role) with the execution
  // role's credentials; the AWS calls are the function role's.
  'Custom::AWS': ['lambda:InvokeFunction'],
  'Custom::AWSCDKCfnJson': ['lambda:InvokeFunction'],
  'Custom::VpcRestrictDefaultSG': ['lambda:InvokeFunction'],
};
