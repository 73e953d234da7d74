/*
 * The edge stacks' domain resources (certificates, alias records, the
 * distribution and the HTTPS listener) as the CDK app synthesized them for
 * the test spec with TEST_DOMAIN (environment-cdk's __testUtils__): in
 * eu-west-1 with an API name of its own, and in us-east-1 without.
 */
import type { JsonObject } from '@backstage/types';
import type { RecordedStack } from '../services/EnvironmentRegistry/types';

export const DOMAIN_STACKS: Record<
  'euWest1WithApi' | 'usEast1',
  RecordedStack[]
> = {
  euWest1WithApi: [
    {
      id: 'edge-waf',
      stackName: 'innovate-test-edge-waf',
      account: '222222222222',
      region: 'us-east-1',
      stateful: false,
      terminationProtection: false,
      template: {
        Resources: {
          CloudFrontCertificate293A3864: {
            Type: 'AWS::CertificateManager::Certificate',
            Properties: {
              DomainName: 'app.innovate.example',
              DomainValidationOptions: [
                {
                  DomainName: 'app.innovate.example',
                  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
                },
                {
                  DomainName: 'api.innovate.example',
                  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
                },
              ],
              SubjectAlternativeNames: ['api.innovate.example'],
              Tags: [
                {
                  Key: 'innovate:environment',
                  Value: 'innovate-test',
                },
                {
                  Key: 'Name',
                  Value: 'EdgeWaf/CloudFrontCertificate/Certificate',
                },
              ],
              ValidationMethod: 'DNS',
            },
          },
        },
      },
    },
    {
      id: 'edge',
      stackName: 'innovate-test-edge',
      account: '222222222222',
      region: 'eu-west-1',
      stateful: false,
      terminationProtection: false,
      template: {
        Resources: {
          CertificateBDDE2430: {
            Type: 'AWS::CertificateManager::Certificate',
            Properties: {
              DomainName: 'app.innovate.example',
              DomainValidationOptions: [
                {
                  DomainName: 'app.innovate.example',
                  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
                },
                {
                  DomainName: 'api.innovate.example',
                  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
                },
              ],
              SubjectAlternativeNames: ['api.innovate.example'],
              Tags: [
                {
                  Key: 'innovate:environment',
                  Value: 'innovate-test',
                },
                {
                  Key: 'Name',
                  Value: 'Edge/Certificate/Certificate',
                },
              ],
              ValidationMethod: 'DNS',
            },
          },
          EdgeLoadBalancerHttpsListener903E13F4: {
            Type: 'AWS::ElasticLoadBalancingV2::Listener',
            Properties: {
              Certificates: [
                {
                  CertificateArn: {
                    Ref: 'CertificateBDDE2430',
                  },
                },
              ],
              DefaultActions: [
                {
                  TargetGroupArn: {
                    Ref: 'EdgeApiTargetGroup339332F5',
                  },
                  Type: 'forward',
                },
              ],
              LoadBalancerArn: {
                Ref: 'EdgeLoadBalancer9EA98EDF',
              },
              Port: 443,
              Protocol: 'HTTPS',
              SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
              Tags: [
                {
                  Key: 'innovate:environment',
                  Value: 'innovate-test',
                },
              ],
            },
          },
          EdgeDistribution0060737B: edgeDistribution(
            ['app.innovate.example', 'api.innovate.example'],
            {
              'Fn::GetStackOutput': {
                StackName: 'innovate-test-edge-waf',
                Region: 'us-east-1',
                OutputName:
                  'PublishOutputRefCloudFrontCertificate293A3864B827233B',
              },
            },
            {
              'Fn::GetStackOutput': {
                StackName: 'innovate-test-edge-waf',
                Region: 'us-east-1',
                OutputName: 'PublishOutputFnGetAttWebAcl9BD21CA7ArnB80DA61A',
              },
            },
          ),
          DnsSpaA5BA7997D: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'app.innovate.example.',
              Type: 'A',
            },
          },
          DnsSpaAaaaF94B7937: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'app.innovate.example.',
              Type: 'AAAA',
            },
          },
          DnsApiAF06C1F68: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'api.innovate.example.',
              Type: 'A',
            },
          },
          DnsApiAaaa9F08E79E: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'api.innovate.example.',
              Type: 'AAAA',
            },
          },
        },
      },
    },
  ],
  usEast1: [
    {
      id: 'edge',
      stackName: 'innovate-test-edge',
      account: '222222222222',
      region: 'us-east-1',
      stateful: false,
      terminationProtection: false,
      template: {
        Resources: {
          CertificateBDDE2430: {
            Type: 'AWS::CertificateManager::Certificate',
            Properties: {
              DomainName: 'app.innovate.example',
              DomainValidationOptions: [
                {
                  DomainName: 'app.innovate.example',
                  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
                },
              ],
              Tags: [
                {
                  Key: 'innovate:environment',
                  Value: 'innovate-test',
                },
                {
                  Key: 'Name',
                  Value: 'Edge/Certificate/Certificate',
                },
              ],
              ValidationMethod: 'DNS',
            },
          },
          EdgeLoadBalancerHttpsListener903E13F4: {
            Type: 'AWS::ElasticLoadBalancingV2::Listener',
            Properties: {
              Certificates: [
                {
                  CertificateArn: {
                    Ref: 'CertificateBDDE2430',
                  },
                },
              ],
              DefaultActions: [
                {
                  TargetGroupArn: {
                    Ref: 'EdgeApiTargetGroup339332F5',
                  },
                  Type: 'forward',
                },
              ],
              LoadBalancerArn: {
                Ref: 'EdgeLoadBalancer9EA98EDF',
              },
              Port: 443,
              Protocol: 'HTTPS',
              SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
              Tags: [
                {
                  Key: 'innovate:environment',
                  Value: 'innovate-test',
                },
              ],
            },
          },
          EdgeDistribution0060737B: edgeDistribution(
            ['app.innovate.example'],
            {
              Ref: 'CertificateBDDE2430',
            },
            {
              'Fn::GetAtt': ['WebAcl9BD21CA7', 'Arn'],
            },
          ),
          DnsSpaA5BA7997D: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'app.innovate.example.',
              Type: 'A',
            },
          },
          DnsSpaAaaaF94B7937: {
            Type: 'AWS::Route53::RecordSet',
            Properties: {
              AliasTarget: {
                DNSName: {
                  'Fn::GetAtt': ['EdgeDistribution0060737B', 'DomainName'],
                },
                HostedZoneId: {
                  'Fn::FindInMap': [
                    'AWSCloudFrontPartitionHostedZoneIdMap',
                    {
                      Ref: 'AWS::Partition',
                    },
                    'zoneId',
                  ],
                },
              },
              HostedZoneId: 'Z0123456789ABCDEFGHIJ',
              Name: 'app.innovate.example.',
              Type: 'AAAA',
            },
          },
        },
      },
    },
  ],
};

/**
 * The CloudFront distribution of the edge stack (the same in both
 * syntheses but for its aliases, its certificate and its web ACL, which
 * come from the us-east-1 edge-waf stack outside us-east-1).
 */
function edgeDistribution(
  aliases: string[],
  certificate: JsonObject,
  webAcl: JsonObject,
): JsonObject {
  return {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        Aliases: aliases,
        CacheBehaviors: [
          {
            AllowedMethods: [
              'GET',
              'HEAD',
              'OPTIONS',
              'PUT',
              'PATCH',
              'POST',
              'DELETE',
            ],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            Compress: true,
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
            PathPattern: '/api/*',
            TargetOriginId: 'EdgeDistributionOrigin208B3E89D',
            ViewerProtocolPolicy: 'https-only',
          },
        ],
        Comment: 'React SPA and Flask API',
        DefaultCacheBehavior: {
          CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          Compress: true,
          FunctionAssociations: [
            {
              EventType: 'viewer-request',
              FunctionARN: {
                'Fn::GetAtt': ['EdgeSpaRoutingFunction3901879B', 'FunctionARN'],
              },
            },
          ],
          TargetOriginId: 'EdgeDistributionOrigin1AABD0EE4',
          ViewerProtocolPolicy: 'redirect-to-https',
        },
        DefaultRootObject: 'index.html',
        Enabled: true,
        HttpVersion: 'http2and3',
        IPV6Enabled: true,
        Logging: {
          Bucket: {
            'Fn::GetAtt': ['EdgeAccessLogBucket751571A3', 'RegionalDomainName'],
          },
          Prefix: 'cloudfront/',
        },
        Origins: [
          {
            DomainName: {
              'Fn::GetAtt': ['EdgeSpaBucket79F15004', 'RegionalDomainName'],
            },
            Id: 'EdgeDistributionOrigin1AABD0EE4',
            OriginAccessControlId: {
              'Fn::GetAtt': [
                'EdgeDistributionOrigin1S3OriginAccessControl19C3D625',
                'Id',
              ],
            },
            S3OriginConfig: {
              OriginAccessIdentity: '',
            },
          },
          {
            DomainName: 'app.innovate.example',
            Id: 'EdgeDistributionOrigin208B3E89D',
            VpcOriginConfig: {
              VpcOriginId: {
                'Fn::GetAtt': [
                  'EdgeDistributionOrigin2VpcOriginFBB9D893',
                  'Id',
                ],
              },
            },
          },
        ],
        ViewerCertificate: {
          AcmCertificateArn: certificate,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
        WebACLId: webAcl,
      },
      Tags: [
        {
          Key: 'innovate:environment',
          Value: 'innovate-test',
        },
      ],
    },
  };
}
