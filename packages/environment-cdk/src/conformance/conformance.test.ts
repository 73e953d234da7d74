import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { checkConformance, SEED_CLAIMS } from '.';
import { synthesizeTemplates, testSpec } from '../__testUtils__/synth';
import type { EnvironmentStackTemplate } from '../templates';

function failing(spec: EnvironmentSpec, stacks?: EnvironmentStackTemplate[]) {
  const report = checkConformance(
    spec,
    stacks ?? synthesizeTemplates(spec).stacks,
  );
  return report.claims.filter(claim => !claim.passed).map(claim => claim.id);
}

describe('checkConformance', () => {
  const seedSpec = testSpec();
  let seedStacks: EnvironmentStackTemplate[];

  beforeAll(() => {
    seedStacks = synthesizeTemplates(seedSpec).stacks;
  });

  it('passes every seed claim for the default spec, with evidence', () => {
    const report = checkConformance(seedSpec, seedStacks);
    expect(report.claims.filter(c => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.summary).toEqual({ passed: SEED_CLAIMS.length, failed: 0 });
    expect(report.claims.map(c => c.id)).toEqual(SEED_CLAIMS.map(c => c.id));
    for (const claim of report.claims) {
      expect(claim.seedText).not.toBe('');
      expect(claim.evidence).not.toBe('');
    }
    const byId = Object.fromEntries(report.claims.map(c => [c.id, c.evidence]));
    expect(byId['nat-per-az']).toBe(
      '3 NAT gateways in 3 of 3 AZs; 3 of 3 private subnets route through the NAT gateway in their own AZ',
    );
    expect(byId['sg-alb-to-nodes']).toBe(
      'node SG ingress: tcp/8080 ALB SG; ALB SG egress: tcp/8080 node SG',
    );
    expect(byId['alb-behind-cloudfront']).toBe(
      'ALB scheme internal; ALB SG ingress: tcp/80 from CloudFront VPC origins SG',
    );
    expect(byId['load-balancer-controller']).toMatch(
      /^chart aws-load-balancer-controller 1\.14\.0 from https:\/\/aws\.github\.io\/eks-charts in the cluster stack on AWS::EKS::Cluster; service account kube-system\/aws-load-balancer-controller bound to IRSA role ClusterLoadBalancerControllerRole[0-9A-F]{8}; the role changes only the targets of the API target group$/,
    );
    expect(byId['api-through-alb']).toMatch(
      /^\/api\/\* → AWS::ElasticLoadBalancingV2::LoadBalancer through a VPC origin \(endpoint AWS::ElasticLoadBalancingV2::LoadBalancer\);/,
    );
  });

  it('has unique claim ids', () => {
    expect(new Set(SEED_CLAIMS.map(c => c.id)).size).toBe(SEED_CLAIMS.length);
  });

  it.each<[string, (spec: EnvironmentSpec) => void, string[]]>([
    [
      'one NAT gateway',
      s => {
        s.network.natGateways = 1;
      },
      ['nat-per-az'],
    ],
    [
      'two AZs with a NAT gateway each',
      s => {
        s.network.azCount = 2;
        s.network.natGateways = 2;
      },
      ['three-azs'],
    ],
    [
      'another VPC block',
      s => {
        s.network.vpcCidr = '10.1.0.0/16';
      },
      ['vpc-cidr'],
    ],
    [
      'Kubernetes 1.32',
      s => {
        s.cluster.kubernetesVersion = '1.32';
      },
      ['kubernetes-version'],
    ],
    [
      'Multi-AZ database',
      s => {
        s.database.multiAz = true;
      },
      ['rds-single-az'],
    ],
    [
      '7 days of backups',
      s => {
        s.database.backupRetentionDays = 7;
      },
      ['rds-backups'],
    ],
    [
      'PostgreSQL 16',
      s => {
        s.database.engineVersion = '16';
      },
      ['rds-engine'],
    ],
    [
      'a Graviton database',
      s => {
        s.database.instanceClass = 'db.t4g.medium';
      },
      ['rds-instance-class'],
    ],
    [
      '200 GB of storage',
      s => {
        s.database.allocatedStorageGb = 200;
      },
      ['rds-storage'],
    ],
    [
      'larger application nodes',
      s => {
        s.cluster.applicationNodeGroup.instanceType = 't3.xlarge';
      },
      ['application-node-group'],
    ],
    [
      'a bigger system node group',
      s => {
        s.cluster.systemNodeGroup.maxSize = 4;
      },
      ['system-node-group'],
    ],
    [
      'HPA up to 50 pods',
      s => {
        s.cluster.hpa.maxReplicas = 50;
      },
      ['hpa'],
    ],
    [
      'a 2 % error-rate alarm',
      s => {
        s.alarms.errorRatePercent = 2;
      },
      ['alarm-error-rate'],
    ],
    [
      'a 3 s latency alarm',
      s => {
        s.alarms.p99LatencySeconds = 3;
      },
      ['alarm-p99-latency'],
    ],
    [
      'node alarms at 90 %',
      s => {
        s.alarms.nodeCpuPercent = 90;
        s.alarms.nodeMemoryPercent = 90;
      },
      ['alarm-node-cpu', 'alarm-node-memory'],
    ],
    [
      'a $600 budget',
      s => {
        s.budget.monthlyUsd = 600;
      },
      ['budget'],
    ],
    [
      'one account for everything',
      s => {
        s.accounts.management = s.accounts.workloads;
      },
      ['two-accounts'],
    ],
    [
      'another region',
      s => {
        s.region = 'eu-central-1';
      },
      [],
    ],
  ])('fails exactly the matching claims for %s', (_, patch, expected) => {
    expect(failing(testSpec(patch)).sort()).toEqual([...expected].sort());
  });

  describe('on templates that lost a seed property', () => {
    // Template JSON, edited along known property paths.
    type Json = Record<string, any>;
    /** The properties of the first resource of a type whose id contains `part`. */
    const propsOf = (
      stacks: EnvironmentStackTemplate[],
      role: string,
      type: string,
      part = '',
    ): Json => {
      const resources = stacks.find(s => s.id === role)!.template.Resources!;
      const found = Object.entries(resources).find(
        ([id, resource]) => resource.Type === type && id.includes(part),
      );
      if (!found) {
        throw new Error(`no ${type} ${part} in the ${role} stack`);
      }
      return found[1].Properties!;
    };

    it.each<[string, (stacks: EnvironmentStackTemplate[]) => void, string[]]>([
      [
        'no VPC flow log',
        stacks => {
          const resources = stacks.find(s => s.id === 'network')!.template
            .Resources!;
          for (const [id, resource] of Object.entries(resources)) {
            if (resource.Type === 'AWS::EC2::FlowLog') {
              delete resources[id];
            }
          }
        },
        ['flow-logs'],
      ],
      [
        'a database open to the world',
        stacks => {
          const resources = stacks.find(s => s.id === 'network')!.template
            .Resources!;
          const databaseGroup = Object.keys(resources).find(
            id =>
              resources[id].Type === 'AWS::EC2::SecurityGroup' &&
              id.includes('Database'),
          )!;
          resources.Open = {
            Type: 'AWS::EC2::SecurityGroupIngress',
            Properties: {
              GroupId: { 'Fn::GetAtt': [databaseGroup, 'GroupId'] },
              IpProtocol: 'tcp',
              FromPort: 5432,
              ToPort: 5432,
              CidrIp: '0.0.0.0/0',
            },
          };
        },
        ['sg-nodes-to-database'],
      ],
      [
        'an API role that may read every secret',
        stacks => {
          propsOf(
            stacks,
            'cluster',
            'AWS::IAM::Policy',
            'ApiServiceAccountRole',
          ).PolicyDocument.Statement[0].Resource = '*';
        },
        ['irsa-api'],
      ],
      [
        'an API role with an AWS managed policy as well',
        stacks => {
          propsOf(
            stacks,
            'cluster',
            'AWS::IAM::Role',
            'ApiServiceAccountRole',
          ).ManagedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
        },
        ['irsa-api'],
      ],
      [
        'a Cluster Autoscaler that may terminate instances of any group',
        stacks => {
          propsOf(
            stacks,
            'cluster',
            'AWS::IAM::Policy',
            'ClusterAutoscalerRole',
          ).PolicyDocument.Statement.push({
            Action: 'autoscaling:TerminateInstanceInAutoScalingGroup',
            Effect: 'Allow',
            Resource: '*',
          });
        },
        ['cluster-autoscaler'],
      ],
      [
        'a load balancer controller role that may register targets in any target group',
        stacks => {
          propsOf(
            stacks,
            'cluster',
            'AWS::IAM::Policy',
            'LoadBalancerControllerRole',
          ).PolicyDocument.Statement[1].Resource = '*';
        },
        ['load-balancer-controller'],
      ],
      [
        'a load balancer controller role that may open security groups',
        stacks => {
          propsOf(
            stacks,
            'cluster',
            'AWS::IAM::Policy',
            'LoadBalancerControllerRole',
          ).PolicyDocument.Statement.push({
            Action: 'ec2:AuthorizeSecurityGroupIngress',
            Effect: 'Allow',
            Resource: '*',
          });
        },
        ['load-balancer-controller'],
      ],
      [
        "a controller service account bound to the API's role",
        stacks => {
          const chart = propsOf(
            stacks,
            'cluster',
            'Custom::AWSCDK-EKS-HelmChart',
          );
          const parts = chart.Values['Fn::Join'][1] as Json[];
          const roleArn = parts.find(part => part['Fn::GetAtt'])!;
          const apiRole = Object.keys(
            stacks.find(s => s.id === 'cluster')!.template.Resources!,
          ).find(id => id.startsWith('ClusterApiServiceAccountRole'))!;
          roleArn['Fn::GetAtt'] = [apiRole, 'Arn'];
        },
        ['load-balancer-controller'],
      ],
      [
        'a controller chart without a pinned version',
        stacks => {
          delete propsOf(stacks, 'cluster', 'Custom::AWSCDK-EKS-HelmChart')
            .Version;
        },
        ['load-balancer-controller'],
      ],
      [
        'no controller chart',
        stacks => {
          const resources = stacks.find(s => s.id === 'cluster')!.template
            .Resources!;
          for (const [id, resource] of Object.entries(resources)) {
            if (resource.Type === 'Custom::AWSCDK-EKS-HelmChart') {
              delete resources[id];
            }
          }
        },
        ['load-balancer-controller'],
      ],
      [
        'a distribution without the web ACL',
        stacks => {
          delete propsOf(stacks, 'edge', 'AWS::CloudFront::Distribution')
            .DistributionConfig.WebACLId;
        },
        ['waf-on-cloudfront', 'waf-owasp-rules', 'waf-rate-limit'],
      ],
      [
        'an internet-facing ALB',
        stacks => {
          propsOf(
            stacks,
            'edge',
            'AWS::ElasticLoadBalancingV2::LoadBalancer',
          ).Scheme = 'internet-facing';
        },
        ['alb-behind-cloudfront'],
      ],
      [
        "an ALB that admits CloudFront's whole origin-facing prefix list",
        stacks => {
          const rule = propsOf(
            stacks,
            'edge',
            'AWS::EC2::SecurityGroupIngress',
          );
          delete rule.SourceSecurityGroupId;
          rule.SourcePrefixListId = 'pl-3b927c52';
        },
        ['alb-behind-cloudfront'],
      ],
      [
        'an API origin that is not a VPC origin',
        stacks => {
          const config = propsOf(
            stacks,
            'edge',
            'AWS::CloudFront::Distribution',
          ).DistributionConfig;
          const api = config.Origins[1];
          delete api.VpcOriginConfig;
          api.CustomOriginConfig = { OriginProtocolPolicy: 'http-only' };
        },
        ['api-through-alb'],
      ],
      [
        'the core rule set in count mode',
        stacks => {
          propsOf(
            stacks,
            'edge',
            'AWS::WAFv2::WebACL',
          ).Rules[0].OverrideAction = { Count: {} };
        },
        ['waf-owasp-rules'],
      ],
      [
        'a node group in a public subnet',
        stacks => {
          const network = stacks.find(s => s.id === 'network')!;
          const publicSubnet = Object.keys(network.template.Resources!).find(
            id => id.includes('PublicSubnet1Subnet'),
          )!;
          network.template.Outputs!.TestPublicSubnet = {
            Value: { Ref: publicSubnet },
          };
          propsOf(stacks, 'cluster', 'AWS::EKS::Nodegroup').Subnets.push({
            'Fn::GetStackOutput': {
              StackName: network.stackName,
              OutputName: 'TestPublicSubnet',
            },
          });
        },
        ['nodes-private'],
      ],
      [
        'Multi-AZ written as a string',
        stacks => {
          propsOf(stacks, 'database', 'AWS::RDS::DBInstance').MultiAZ = 'true';
        },
        ['rds-single-az'],
      ],
      [
        'a count of 5xx responses instead of a rate',
        stacks => {
          propsOf(
            stacks,
            'observability',
            'AWS::CloudWatch::Alarm',
            'ErrorRate',
          ).Metrics[0].Expression = 'FILL(target5xx, 0) + FILL(elb5xx, 0)';
        },
        ['alarm-error-rate'],
      ],
      [
        'a node CPU alarm on another cluster',
        stacks => {
          propsOf(
            stacks,
            'observability',
            'AWS::CloudWatch::Alarm',
            'NodeCpu',
          ).Dimensions[0].Value = 'another-cluster';
        },
        ['alarm-node-cpu'],
      ],
      [
        'an alarm topic whose policy leaves CloudWatch out',
        stacks => {
          const document = propsOf(
            stacks,
            'observability',
            'AWS::SNS::TopicPolicy',
          ).PolicyDocument;
          document.Statement = document.Statement.filter(
            (statement: Json) => statement.Effect !== 'Allow',
          );
        },
        ['alarms-to-sns'],
      ],
      [
        'budget alerts at $80 instead of 80 %',
        stacks => {
          propsOf(
            stacks,
            'budget',
            'AWS::Budgets::Budget',
          ).NotificationsWithSubscribers[0].Notification.ThresholdType =
            'ABSOLUTE_VALUE';
        },
        ['budget'],
      ],
    ])('fails exactly the matching claims for %s', (_, edit, expected) => {
      const copy = structuredClone(seedStacks);
      edit(copy);
      expect(failing(seedSpec, copy).sort()).toEqual([...expected].sort());
    });

    it('reports a claim whose check breaks as failed, with the reason', () => {
      const copy = structuredClone(seedStacks);
      const cluster = copy.find(s => s.id === 'cluster')!;
      cluster.template.Resources = undefined;
      const report = checkConformance(seedSpec, copy);
      expect(report.passed).toBe(false);
      expect(
        report.claims.find(c => c.id === 'kubernetes-version'),
      ).toMatchObject({
        passed: false,
        evidence: 'EKS cluster version none',
      });
    });
  });
});
