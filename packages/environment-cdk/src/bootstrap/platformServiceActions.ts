/**
 * Part of RESOURCE_TYPE_ACTIONS (see resourceActions.ts for the sources):
 * IAM, KMS, logs, S3, SNS, SSM, CloudWatch, CloudTrail, GuardDuty, load
 * balancing, CloudFront, WAF, Secrets Manager, Lambda, Route 53, ACM and the
 * CDK's custom resources.
 */
export const PLATFORM_SERVICE_ACTIONS: Readonly<
  Record<string, readonly string[]>
> = {
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
    // A function in a VPC (the kubectl provider's): Lambda checks the
    // subnets and security groups with the caller's credentials.
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
  ],
  // Registry schema of AWS::Lambda::LayerVersion (the kubectl/helm and AWS
  // CLI layers of the kubectl provider). CreateFunction with layers needs
  // GetLayerVersion on each layer as well. The content comes from the
  // bootstrap assets bucket (see policies.ts).
  'AWS::Lambda::LayerVersion': [
    'lambda:PublishLayerVersion',
    'lambda:GetLayerVersion',
    'lambda:DeleteLayerVersion',
  ],
  'AWS::Lambda::Permission': [
    'lambda:AddPermission',
    'lambda:RemovePermission',
    'lambda:GetPolicy',
  ],

  // Route 53 and ACM, for a spec with a domain. Neither type has handler
  // permissions in the registry (both are CloudFormation's own, non-provider
  // types): the actions are those of the API calls the resources make.
  // CloudFormation writes an ACM certificate's DNS validation records into
  // the named zone with the execution role, so the certificate needs the
  // record-set actions too.
  'AWS::Route53::RecordSet': [
    'route53:ChangeResourceRecordSets',
    'route53:GetChange',
    'route53:GetHostedZone',
    'route53:ListResourceRecordSets',
  ],
  // A zone of the environment's own, delegated from a zone in the
  // management account (domain.hostedZoneAccount: management). Public, no
  // VPC association and no query logging: the schema handlers' actions
  // for those are left out.
  'AWS::Route53::HostedZone': [
    'route53:CreateHostedZone',
    'route53:GetHostedZone',
    'route53:DeleteHostedZone',
    'route53:UpdateHostedZoneComment',
    'route53:GetChange',
    'route53:ChangeTagsForResource',
    'route53:ListTagsForResource',
    'route53:ListQueryLoggingConfigs',
    'route53:ListHostedZones',
  ],
  'AWS::CertificateManager::Certificate': [
    'acm:RequestCertificate',
    'acm:DescribeCertificate',
    'acm:DeleteCertificate',
    'acm:AddTagsToCertificate',
    'acm:RemoveTagsFromCertificate',
    'acm:ListTagsForCertificate',
    'acm:UpdateCertificateOptions',
    'route53:ChangeResourceRecordSets',
    'route53:GetChange',
    'route53:ListResourceRecordSets',
  ],

  // CDK custom resources: CloudFormation invokes the provider function
  // (created in the same template, with its own role) with the execution
  // role's credentials; the AWS calls are the function role's.
  'Custom::AWS': ['lambda:InvokeFunction'],
  'Custom::AWSCDKCfnJson': ['lambda:InvokeFunction'],
  'Custom::VpcRestrictDefaultSG': ['lambda:InvokeFunction'],
  // aws-eks-v2's Helm chart: its kubectl provider runs helm against the
  // cluster with the provider function's role (a cluster access entry).
  'Custom::AWSCDK-EKS-HelmChart': ['lambda:InvokeFunction'],
  // Its function assumes the management account's innovate-dns-delegation-<name>
  // role (sts:AssumeRole is in the function role's own policy).
  'Custom::CrossAccountZoneDelegation': ['lambda:InvokeFunction'],
};
