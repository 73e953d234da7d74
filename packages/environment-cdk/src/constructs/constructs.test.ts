import * as vm from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  EnvironmentStackRole,
  planSubnets,
} from '@innovate/plugin-aws-environments-common';
import { synthesizeTemplates, testSpec } from '../__testUtils__/synth';
import { parseTemplateJson } from '../conformance/loadBalancerController';
import type { EnvironmentStackTemplate } from '../templates';
import { EdgeWebAcl } from './EdgeWebAcl';

function templatesOf(stacks: EnvironmentStackTemplate[]) {
  return (role: EnvironmentStackRole) => {
    const stack = stacks.find(s => s.id === role);
    if (!stack) {
      throw new Error(`no ${role} stack`);
    }
    return Template.fromJSON(stack.template);
  };
}

/** A cross-stack reference to an output of another stack of this test env. */
const fromStack = (role: string) =>
  Match.objectLike({
    'Fn::GetStackOutput': Match.objectLike({
      StackName: `innovate-test-${role}`,
    }),
  });

describe('constructs of the seed environment', () => {
  let template: ReturnType<typeof templatesOf>;

  beforeAll(() => {
    template = templatesOf(synthesizeTemplates(testSpec()).stacks);
  });

  describe('Network', () => {
    it('creates the 10.0.0.0/16 VPC with the planned subnets over 3 AZs', () => {
      const network = template('network');
      network.hasResourceProperties('AWS::EC2::VPC', {
        CidrBlock: '10.0.0.0/16',
      });
      const subnets = network.findResources('AWS::EC2::Subnet');
      const actual = Object.values(subnets)
        .map(s => `${s.Properties.CidrBlock} ${s.Properties.AvailabilityZone}`)
        .sort();
      const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      const planned = planSubnets('10.0.0.0/16', 3)!
        .map(s => `${s.cidr} ${azs[s.azIndex]}`)
        .sort();
      expect(actual).toEqual(planned);
      for (const subnet of Object.values(subnets)) {
        expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
      }
    });

    it('puts a NAT gateway in each AZ', () => {
      template('network').resourceCountIs('AWS::EC2::NatGateway', 3);
    });

    it('sends all VPC traffic to CloudWatch Logs for 90 days', () => {
      const network = template('network');
      network.hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        TrafficType: 'ALL',
      });
      network.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/innovate/innovate-test/vpc-flow-logs',
        RetentionInDays: 90,
      });
    });

    it('admits only the ALB to the nodes on 8080, only the nodes to RDS on 5432 (the ALB rule is the edge’s)', () => {
      const network = template('network');
      // The ALB's one ingress rule, from the CloudFront VPC origin, lives in
      // the edge stack (see Edge.test.ts); none here.
      network.resourcePropertiesCountIs(
        'AWS::EC2::SecurityGroupIngress',
        {
          GroupId: {
            'Fn::GetAtt': [
              Match.stringLikeRegexp('LoadBalancerSecurityGroup'),
              'GroupId',
            ],
          },
        },
        0,
      );
      const ingress = Object.values(
        network.findResources('AWS::EC2::SecurityGroupIngress'),
      ).map(r => r.Properties);
      expect(ingress).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            IpProtocol: 'tcp',
            FromPort: 8080,
            ToPort: 8080,
          }),
          expect.objectContaining({
            IpProtocol: 'tcp',
            FromPort: 5432,
            ToPort: 5432,
          }),
        ]),
      );
      // The two SG-to-SG rules, nothing else.
      expect(ingress).toHaveLength(2);
      expect(ingress.filter(rule => rule.CidrIp !== undefined)).toEqual([]);
      network.resourcePropertiesCountIs(
        'AWS::EC2::SecurityGroupEgress',
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080 },
        1,
      );
      network.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    });
  });

  describe('Cluster', () => {
    it('runs EKS 1.33 privately with KMS-encrypted secrets and all control-plane logs', () => {
      const cluster = template('cluster');
      cluster.hasResourceProperties('AWS::EKS::Cluster', {
        Name: 'innovate-test',
        Version: '1.33',
        ResourcesVpcConfig: Match.objectLike({
          EndpointPrivateAccess: true,
          EndpointPublicAccess: false,
          SubnetIds: Match.arrayWith([fromStack('network')]),
        }),
        EncryptionConfig: [
          {
            Provider: {
              KeyArn: {
                'Fn::GetAtt': [Match.stringLikeRegexp('SecretsKey'), 'Arn'],
              },
            },
            Resources: ['secrets'],
          },
        ],
        Logging: {
          ClusterLogging: {
            EnabledTypes: [
              { Type: 'api' },
              { Type: 'audit' },
              { Type: 'authenticator' },
              { Type: 'controllerManager' },
              { Type: 'scheduler' },
            ],
          },
        },
      });
      cluster.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
      });
      cluster.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/aws/eks/innovate-test/cluster',
        RetentionInDays: 90,
      });
    });

    it('creates the two managed node groups of the seed in private subnets', () => {
      const cluster = template('cluster');
      cluster.resourceCountIs('AWS::EKS::Nodegroup', 2);
      cluster.hasResourceProperties('AWS::EKS::Nodegroup', {
        NodegroupName: 'innovate-test-system',
        InstanceTypes: ['t3.medium'],
        AmiType: 'AL2023_x86_64_STANDARD',
        ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 3 },
        Labels: { 'innovate.io/node-group': 'system' },
        Subnets: Match.arrayWith([fromStack('network')]),
      });
      cluster.hasResourceProperties('AWS::EKS::Nodegroup', {
        NodegroupName: 'innovate-test-application',
        InstanceTypes: ['t3.large'],
        ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 20 },
        Labels: { 'innovate.io/node-group': 'application' },
      });
    });

    it('launches nodes with IMDSv2 only, no pod access to node credentials, encrypted gp3 root volumes and both security groups', () => {
      template('cluster').hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({
          MetadataOptions: {
            HttpTokens: 'required',
            HttpPutResponseHopLimit: 1,
          },
          BlockDeviceMappings: [
            {
              DeviceName: '/dev/xvda',
              Ebs: {
                VolumeSize: 20,
                VolumeType: 'gp3',
                Encrypted: true,
                DeleteOnTermination: true,
              },
            },
          ],
          SecurityGroupIds: [
            fromStack('network'),
            { 'Fn::GetAtt': [Match.anyValue(), 'ClusterSecurityGroupId'] },
          ],
        }),
      });
    });

    it('installs metrics-server and the CloudWatch observability add-on', () => {
      const cluster = template('cluster');
      cluster.hasResourceProperties('AWS::EKS::Addon', {
        AddonName: 'metrics-server',
      });
      cluster.hasResourceProperties('AWS::EKS::Addon', {
        AddonName: 'amazon-cloudwatch-observability',
        ServiceAccountRoleArn: {
          'Fn::GetAtt': [Match.stringLikeRegexp('CloudWatchAgentRole'), 'Arn'],
        },
      });
      cluster.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    });

    it('lets the API pods read only the database secret', () => {
      const cluster = template('cluster');
      cluster.hasResourceProperties('Custom::AWSCDKCfnJson', {
        Value: Match.objectLike({
          'Fn::Join': [
            '',
            Match.arrayWith([
              ':sub":"system:serviceaccount:innovate:flask-api"}',
            ]),
          ],
        }),
      });
      cluster.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              Action: [
                'secretsmanager:DescribeSecret',
                'secretsmanager:GetSecretValue',
              ],
              Effect: 'Allow',
              Resource: fromStack('database'),
            },
          ],
          Version: '2012-10-17',
        },
        Roles: [{ Ref: Match.stringLikeRegexp('ApiServiceAccountRole') }],
      });
    });

    it('lets the Cluster Autoscaler resize only node groups tagged for this cluster', () => {
      template('cluster').hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Action: 'eks:DescribeNodegroup',
              Effect: 'Allow',
              Resource: [
                {
                  'Fn::GetAtt': [
                    Match.stringLikeRegexp('ApplicationNodeGroup'),
                    'Arn',
                  ],
                },
                {
                  'Fn::GetAtt': [
                    Match.stringLikeRegexp('SystemNodeGroup'),
                    'Arn',
                  ],
                },
              ],
            },
            {
              Action: [
                'autoscaling:SetDesiredCapacity',
                'autoscaling:TerminateInstanceInAutoScalingGroup',
              ],
              Condition: {
                StringEquals: {
                  'aws:ResourceTag/k8s.io/cluster-autoscaler/innovate-test':
                    'owned',
                },
              },
              Effect: 'Allow',
              Resource: '*',
            },
          ]),
        },
      });
    });

    it('lets the AWS Load Balancer Controller register targets only in the API target group', () => {
      template('cluster').hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              // What a TargetGroupBinding with targetType ip and no
              // networking section needs; nothing that changes an ALB,
              // a listener or a security group.
              Action: [
                'ec2:DescribeSecurityGroups',
                'ec2:DescribeVpcs',
                'elasticloadbalancing:DescribeTargetGroups',
                'elasticloadbalancing:DescribeTargetHealth',
              ],
              Effect: 'Allow',
              Resource: '*',
            },
            {
              Action: [
                'elasticloadbalancing:DeregisterTargets',
                'elasticloadbalancing:RegisterTargets',
              ],
              Effect: 'Allow',
              Resource: fromStack('edge'),
            },
          ],
        },
        Roles: [{ Ref: Match.stringLikeRegexp('LoadBalancerControllerRole') }],
      });
    });

    describe('AWS Load Balancer Controller', () => {
      const chartOf = () => {
        const charts = template('cluster').findResources(
          'Custom::AWSCDK-EKS-HelmChart',
        );
        expect(Object.keys(charts)).toHaveLength(1);
        const [[logicalId, chart]] = Object.entries(charts);
        return { logicalId, chart, properties: chart.Properties };
      };

      it('installs the pinned chart from eks-charts into kube-system of this cluster', () => {
        const { chart, properties } = chartOf();
        expect(properties).toMatchObject({
          ClusterName: { Ref: expect.any(String) },
          Chart: 'aws-load-balancer-controller',
          Repository: 'https://aws.github.io/eks-charts',
          Version: '1.14.0',
          Release: 'aws-load-balancer-controller',
          Namespace: 'kube-system',
          Wait: true,
        });
        const cluster = template('cluster').findResources('AWS::EKS::Cluster');
        expect(Object.keys(cluster)).toEqual([properties.ClusterName.Ref]);
        // After the system node group its pods run on.
        expect(chart.DependsOn).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^ClusterSystemNodeGroup[0-9A-F]{8}$/),
          ]),
        );
      });

      it('configures a TargetGroupBinding-only controller with the IRSA service account', () => {
        const values = parseTemplateJson(chartOf().properties.Values);
        const roles = template('cluster').findResources('AWS::IAM::Role');
        const controllerRole = Object.keys(roles).find(id =>
          id.startsWith('ClusterLoadBalancerControllerRole'),
        );
        expect(values).toEqual({
          clusterName: 'innovate-test',
          region: 'us-east-1',
          vpcId: {
            'Fn::GetStackOutput': expect.objectContaining({
              StackName: 'innovate-test-network',
              OutputName: expect.stringMatching(/^PublishOutputRefNetworkVpc/),
            }),
          },
          replicaCount: 2,
          podDisruptionBudget: { maxUnavailable: 1 },
          nodeSelector: { 'innovate.io/node-group': 'system' },
          serviceAccount: {
            create: true,
            name: 'aws-load-balancer-controller',
            annotations: {
              'eks.amazonaws.com/role-arn': {
                'Fn::GetAtt': [controllerRole, 'Arn'],
              },
            },
          },
          enableServiceMutatorWebhook: false,
          controllerConfig: {
            featureGates: { EnableServiceController: false },
          },
          createIngressClassResource: false,
          ingressClassParams: { create: false },
          disableIngressClassAnnotation: true,
          disableIngressGroupNameAnnotation: true,
          enableShield: false,
          enableWaf: false,
          enableWafv2: false,
          enableBackendSecurityGroup: false,
          enableEndpointSlices: true,
          keepTLSSecret: true,
        });
      });

      it('runs the kubectl provider in the private subnets with the cluster security group', () => {
        const functions = template('cluster').findResources(
          'AWS::Lambda::Function',
        );
        const provider = Object.entries(functions).filter(([id]) =>
          id.startsWith('ClusterKubectlProvider'),
        );
        // The kubectl/helm handler and the provider framework in front of it.
        expect(provider).toHaveLength(2);
        const network = template('network').toJSON().Resources;
        const privateSubnets = Object.keys(network).filter(
          id =>
            network[id].Type === 'AWS::EC2::Subnet' &&
            id.includes('PrivateSubnet'),
        );
        expect(privateSubnets).toHaveLength(3);
        const [clusterId] = Object.keys(
          template('cluster').findResources('AWS::EKS::Cluster'),
        );
        for (const [, fn] of provider) {
          const { SubnetIds, SecurityGroupIds } = fn.Properties.VpcConfig;
          expect(SecurityGroupIds).toEqual([
            { 'Fn::GetAtt': [clusterId, 'ClusterSecurityGroupId'] },
          ]);
          const outputs = SubnetIds.map(
            (id: Record<string, { OutputName: string }>) =>
              id['Fn::GetStackOutput'].OutputName,
          );
          expect(outputs).toHaveLength(3);
          for (const output of outputs) {
            expect(
              privateSubnets.some(subnet =>
                output.startsWith(`PublishOutputRef${subnet}`),
              ),
            ).toBe(true);
          }
        }
        template('cluster').hasResourceProperties('AWS::Lambda::Function', {
          Layers: Match.arrayWith([
            { Ref: Match.stringLikeRegexp('^ClusterKubectlLayer') },
          ]),
        });
        template('cluster').hasResourceProperties('AWS::EKS::AccessEntry', {
          AccessPolicies: [
            Match.objectLike({ AccessScope: { Type: 'cluster' } }),
          ],
          PrincipalArn: {
            'Fn::GetAtt': [
              Match.stringLikeRegexp(
                '^ClusterKubectlProviderHandlerServiceRole',
              ),
              'Arn',
            ],
          },
        });
      });

      it('keeps the provider’s logs like the control plane’s and deletes them with the stack', () => {
        const logGroups = Object.entries(
          template('cluster').findResources('AWS::Logs::LogGroup'),
        ).filter(([id]) => id.startsWith('ClusterKubectlProvider'));
        expect(logGroups).toHaveLength(2);
        for (const [, group] of logGroups) {
          expect(group.DeletionPolicy).toBe('Delete');
          expect(group.Properties.RetentionInDays).toBe(90);
        }
      });
    });

    it('outputs what the GitOps repository needs', () => {
      const outputs = template('cluster').toJSON().Outputs;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining([
          'ClusterName',
          'ApiServiceAccountRoleArn',
          'ClusterAutoscalerRoleArn',
          'LoadBalancerControllerRoleArn',
          'HpaMinReplicas',
          'HpaMaxReplicas',
        ]),
      );
      expect(outputs.HpaMaxReplicas.Value).toBe('100');
    });
  });

  describe('Database', () => {
    it('runs PostgreSQL 15 on db.t3.medium with 100 GB gp3, KMS, backups and deletion protection', () => {
      const database = template('database');
      database.hasResourceProperties('AWS::RDS::DBInstance', {
        DBInstanceIdentifier: 'innovate-test-db',
        Engine: 'postgres',
        EngineVersion: '15',
        DBInstanceClass: 'db.t3.medium',
        AllocatedStorage: '100',
        StorageType: 'gp3',
        StorageEncrypted: true,
        KmsKeyId: {
          'Fn::GetAtt': [Match.stringLikeRegexp('StorageKey'), 'Arn'],
        },
        MultiAZ: false,
        BackupRetentionPeriod: 14,
        DeletionProtection: true,
        ManageMasterUserPassword: true,
        PubliclyAccessible: false,
        Port: '5432',
        VPCSecurityGroups: [fromStack('network')],
      });
      database.hasResource('AWS::RDS::DBInstance', {
        DeletionPolicy: 'Snapshot',
        UpdateReplacePolicy: 'Snapshot',
      });
      expect(
        database.findResources('AWS::RDS::DBInstance', {
          Properties: { MasterUserPassword: Match.anyValue() },
        }),
      ).toEqual({});
      database.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
        SubnetIds: Match.arrayWith([fromStack('network')]),
      });
      database.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/aws/rds/instance/innovate-test-db/postgresql',
        RetentionInDays: 90,
      });
    });
  });

  describe('Edge', () => {
    it('serves the SPA from a private bucket through Origin Access Control and /api/* from the ALB, behind the WAF', () => {
      const edge = template('edge');
      edge.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
          }),
          CacheBehaviors: [
            Match.objectLike({
              PathPattern: '/api/*',
              ViewerProtocolPolicy: 'https-only',
              AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
            }),
          ],
          Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
          Origins: Match.arrayWith([
            Match.objectLike({
              S3OriginConfig: Match.anyValue(),
              OriginAccessControlId: Match.anyValue(),
            }),
            Match.objectLike({
              VpcOriginConfig: Match.objectLike({
                VpcOriginId: Match.anyValue(),
              }),
            }),
          ]),
        }),
      });
      edge.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/spa/' }),
      });
    });

    it('sends client-side routes of the SPA to index.html, and leaves API responses alone', () => {
      const edge = template('edge');
      const [distribution] = Object.values(
        edge.findResources('AWS::CloudFront::Distribution'),
      );
      const config = distribution.Properties.DistributionConfig;
      // Custom error responses would apply to /api/* (and WAF blocks) too.
      expect(config.CustomErrorResponses).toBeUndefined();
      expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
      expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
        {
          EventType: 'viewer-request',
          FunctionARN: {
            'Fn::GetAtt': [expect.stringMatching(/SpaRouting/), 'FunctionARN'],
          },
        },
      ]);
      const [spaRouting] = Object.values(
        edge.findResources('AWS::CloudFront::Function'),
      );
      expect(spaRouting.Properties.Name).toBe('innovate-test-spa-routing');
      const handler = vm.runInNewContext(
        `${spaRouting.Properties.FunctionCode}; handler`,
      );
      const route = (uri: string) => handler({ request: { uri } }).uri;
      expect(route('/')).toBe('/index.html');
      expect(route('/projects/42')).toBe('/index.html');
      expect(route('/v1.2/settings')).toBe('/index.html');
      expect(route('/assets/index-3f2a9c.js')).toBe('/assets/index-3f2a9c.js');
      expect(route('/favicon.ico')).toBe('/favicon.ico');
    });

    it('runs the AWS managed OWASP rules and a rate limit in a CLOUDFRONT web ACL', () => {
      template('edge').hasResourceProperties('AWS::WAFv2::WebACL', {
        Name: 'innovate-test-edge',
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        Rules: [
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: {
                Name: 'AWSManagedRulesCommonRuleSet',
                VendorName: 'AWS',
              },
            },
          }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: {
                Name: 'AWSManagedRulesKnownBadInputsRuleSet',
                VendorName: 'AWS',
              },
            },
          }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: {
                Name: 'AWSManagedRulesSQLiRuleSet',
                VendorName: 'AWS',
              },
            },
          }),
          Match.objectLike({
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' },
            },
          }),
        ],
      });
    });

    it('puts an internal ALB in the private subnets that forwards to pod IPs on 8080', () => {
      const edge = template('edge');
      edge.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Name: 'innovate-test-alb',
        Scheme: 'internal',
        SecurityGroups: [fromStack('network')],
        LoadBalancerAttributes: Match.arrayWith([
          {
            Key: 'routing.http.drop_invalid_header_fields.enabled',
            Value: 'true',
          },
        ]),
      });
      edge.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'access_logs.s3.enabled', Value: 'true' },
        ]),
      });
      edge.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        Name: 'innovate-test-api',
        TargetType: 'ip',
        Port: 8080,
        Protocol: 'HTTP',
        HealthCheckPath: '/healthz',
      });
      edge.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [Match.objectLike({ Type: 'forward' })],
      });
    });
  });

  describe('Observability', () => {
    it('alarms on the seed’s thresholds and notifies an encrypted SNS topic', () => {
      const observability = template('observability');
      observability.resourceCountIs('AWS::CloudWatch::Alarm', 5);
      const topic = { Ref: Match.stringLikeRegexp('AlarmTopic') };
      const common = {
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        AlarmActions: [topic],
        OKActions: [topic],
      };
      observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        AlarmName: 'innovate-test-api-error-rate',
        Threshold: 1,
        Metrics: Match.arrayWith([
          Match.objectLike({
            Expression: Match.stringLikeRegexp(
              '100 \\* \\(FILL\\(target5xx, 0\\) \\+ FILL\\(elb5xx, 0\\)\\) / requests',
            ),
          }),
        ]),
      });
      observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        AlarmName: 'innovate-test-api-p99-latency',
        MetricName: 'TargetResponseTime',
        ExtendedStatistic: 'p99',
        Threshold: 2,
        Dimensions: [{ Name: 'LoadBalancer', Value: fromStack('edge') }],
      });
      for (const [name, metric] of [
        ['innovate-test-node-cpu', 'node_cpu_utilization'],
        ['innovate-test-node-memory', 'node_memory_utilization'],
      ]) {
        observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
          ...common,
          AlarmName: name,
          Namespace: 'ContainerInsights',
          MetricName: metric,
          Dimensions: [{ Name: 'ClusterName', Value: 'innovate-test' }],
          Threshold: 80,
        });
      }
      observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        AlarmName: 'innovate-test-db-cpu',
        Namespace: 'AWS/RDS',
        MetricName: 'CPUUtilization',
        Dimensions: [
          { Name: 'DBInstanceIdentifier', Value: 'innovate-test-db' },
        ],
        Threshold: 80,
      });
      observability.hasResourceProperties('AWS::SNS::Topic', {
        TopicName: 'innovate-test-alarms',
        KmsMasterKeyId: Match.anyValue(),
      });
      // The topic policy replaces SNS's default one: it must let the alarms in.
      observability.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: {
                ArnLike: {
                  'aws:SourceArn': Match.arrayWith([
                    {
                      'Fn::GetAtt': [
                        Match.stringLikeRegexp('ErrorRateAlarm'),
                        'Arn',
                      ],
                    },
                  ]),
                },
              },
            }),
          ]),
        },
      });
      const subscriptions = observability.findResources(
        'AWS::SNS::Subscription',
      );
      // The logical id does not depend on the address.
      expect(Object.keys(subscriptions)).toEqual([
        expect.stringMatching(
          /^ObservabilityAlertEmailSubscription[0-9A-F]{8}$/,
        ),
      ]);
      expect(Object.values(subscriptions)[0].Properties).toMatchObject({
        Protocol: 'email',
        Endpoint: 'alerts@example.com',
      });
      observability.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
    });
  });

  describe('AccountBaseline', () => {
    it('logs API calls in a multi-region trail and enables GuardDuty', () => {
      const security = template('baseline');
      security.hasResourceProperties('AWS::CloudTrail::Trail', {
        TrailName: 'innovate-account-trail-us-east-1',
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
      });
      security.hasResourceProperties('AWS::GuardDuty::Detector', {
        Enable: true,
      });
    });
  });

  describe('Registry', () => {
    it('keeps immutable, scanned images and lets the workloads account pull', () => {
      template('registry').hasResourceProperties('AWS::ECR::Repository', {
        // Generated by CloudFormation: a recreate must not collide.
        RepositoryName: Match.absent(),
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: 'IMMUTABLE',
        LifecyclePolicy: Match.objectLike({
          LifecyclePolicyText: Match.stringLikeRegexp('"countNumber":30'),
        }),
        RepositoryPolicyText: {
          Statement: [
            Match.objectLike({
              Action: [
                'ecr:BatchCheckLayerAvailability',
                'ecr:BatchGetImage',
                'ecr:GetDownloadUrlForLayer',
              ],
              Principal: {
                AWS: Match.stringLikeRegexp(':iam::222222222222:root'),
              },
            }),
          ],
          Version: '2012-10-17',
        },
      });
    });
  });

  describe('Budget', () => {
    it('budgets the workloads account monthly and e-mails at 80 % actual and 100 % forecast', () => {
      template('budget').hasResourceProperties('AWS::Budgets::Budget', {
        Budget: {
          BudgetName: 'innovate-test-monthly',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: 430, Unit: 'USD' },
          CostFilters: { LinkedAccount: ['222222222222'] },
        },
        NotificationsWithSubscribers: [
          {
            Notification: {
              NotificationType: 'ACTUAL',
              ComparisonOperator: 'GREATER_THAN',
              Threshold: 80,
              ThresholdType: 'PERCENTAGE',
            },
            Subscribers: [
              { SubscriptionType: 'EMAIL', Address: 'alerts@example.com' },
            ],
          },
          {
            Notification: {
              NotificationType: 'FORECASTED',
              ComparisonOperator: 'GREATER_THAN',
              Threshold: 100,
              ThresholdType: 'PERCENTAGE',
            },
            Subscribers: [
              { SubscriptionType: 'EMAIL', Address: 'alerts@example.com' },
            ],
          },
        ],
      });
    });
  });
});

describe('constructs for specs that depart from the seed', () => {
  it('pins the web ACL to us-east-1 when the environment is elsewhere', () => {
    const { stacks } = synthesizeTemplates(
      testSpec(s => {
        s.region = 'eu-west-1';
      }),
    );
    const waf = stacks.find(s => s.id === 'edge-waf');
    expect(waf?.region).toBe('us-east-1');
    expect(waf?.stackName).toBe('innovate-test-edge-waf');
    const template = templatesOf(stacks);
    template('edge-waf').resourceCountIs('AWS::WAFv2::WebACL', 1);
    template('edge').resourceCountIs('AWS::WAFv2::WebACL', 0);
    template('edge').hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: {
          'Fn::GetStackOutput': Match.objectLike({
            StackName: 'innovate-test-edge-waf',
            Region: 'us-east-1',
          }),
        },
      }),
    });
    // No custom resources for the cross-region reference: the one Lambda
    // function is the provider of the VPC origin security group look-up.
    template('edge').resourceCountIs('Custom::CrossRegionExportReader', 0);
    template('edge').resourceCountIs('AWS::Lambda::Function', 1);
    template('edge').resourceCountIs('Custom::AWS', 1);
  });

  it('follows the sizes, NAT count, Multi-AZ, storage and Graviton choices of the spec', () => {
    const { stacks } = synthesizeTemplates(
      testSpec(s => {
        s.network = { vpcCidr: '172.16.0.0/20', azCount: 2, natGateways: 1 };
        s.cluster.applicationNodeGroup = {
          instanceType: 'm7g.large',
          minSize: 1,
          desiredSize: 3,
          maxSize: 6,
        };
        s.database.multiAz = true;
        s.database.allocatedStorageGb = 250;
        s.database.backupRetentionDays = 7;
        s.cluster.kubernetesVersion = '1.35';
      }),
    );
    const template = templatesOf(stacks);
    template('network').resourceCountIs('AWS::EC2::NatGateway', 1);
    template('network').resourceCountIs('AWS::EC2::Subnet', 6);
    template('network').hasResourceProperties('AWS::EC2::Subnet', {
      CidrBlock: '172.16.0.0/22',
    });
    template('cluster').hasResourceProperties('AWS::EKS::Cluster', {
      Version: '1.35',
    });
    template('cluster').hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['m7g.large'],
      AmiType: 'AL2023_ARM_64_STANDARD',
      ScalingConfig: { MinSize: 1, DesiredSize: 3, MaxSize: 6 },
    });
    template('database').hasResourceProperties('AWS::RDS::DBInstance', {
      MultiAZ: true,
      AllocatedStorage: '250',
      BackupRetentionPeriod: 7,
    });
  });

  it('lets RDS upgrade the PostgreSQL major version only when the spec allows it', () => {
    const database = (allowMajorVersionUpgrade: boolean | undefined) =>
      templatesOf(
        synthesizeTemplates(
          testSpec(s => {
            s.database.engineVersion = '16';
            s.database.allowMajorVersionUpgrade = allowMajorVersionUpgrade;
          }),
        ).stacks,
      )('database');
    database(true).hasResourceProperties('AWS::RDS::DBInstance', {
      EngineVersion: '16',
      AllowMajorVersionUpgrade: true,
    });
    // Without the flag, or with false, the property is left out altogether.
    for (const flag of [undefined, false]) {
      database(flag).hasResourceProperties('AWS::RDS::DBInstance', {
        EngineVersion: '16',
        AllowMajorVersionUpgrade: Match.absent(),
      });
    }
  });

  it('drops cross-account pieces when management and workloads are one account', () => {
    const { stacks } = synthesizeTemplates(
      testSpec(s => {
        s.accounts.management = s.accounts.workloads;
      }),
    );
    const template = templatesOf(stacks);
    expect(
      template('registry').toJSON().Resources[
        Object.keys(
          template('registry').findResources('AWS::ECR::Repository'),
        )[0]
      ].Properties.RepositoryPolicyText,
    ).toBeUndefined();
    template('budget').hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ CostFilters: Match.absent() }),
    });
  });
});

describe('EdgeWebAcl', () => {
  it('refuses to create a CloudFront web ACL outside us-east-1', () => {
    const stack = new Stack(new App(), 'Elsewhere', {
      env: { account: '222222222222', region: 'eu-west-1' },
    });
    expect(
      () =>
        new EdgeWebAcl(stack, 'WebAcl', {
          webAclName: 'x',
          rateLimitPer5Minutes: 100,
        }),
    ).toThrow(
      'A CloudFront web ACL must be created in us-east-1; this stack is in eu-west-1',
    );
  });
});
