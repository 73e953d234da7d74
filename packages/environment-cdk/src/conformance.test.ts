import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { checkConformance, SEED_CLAIMS } from './conformance';
import { synthesizeTemplates, testSpec } from './__testUtils__/synth';
import type { EnvironmentStackTemplate } from './templates';

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
    function mutated(edit: (stacks: EnvironmentStackTemplate[]) => void) {
      const copy = structuredClone(seedStacks);
      edit(copy);
      return failing(seedSpec, copy);
    }
    const resourcesOf = (
      stacks: EnvironmentStackTemplate[],
      role: string,
      type: string,
    ) =>
      Object.entries(
        stacks.find(s => s.id === role)!.template.Resources!,
      ).filter(([, resource]) => resource.Type === type);

    it('fails flow-logs without a flow log', () => {
      expect(
        mutated(stacks => {
          for (const [id] of resourcesOf(
            stacks,
            'network',
            'AWS::EC2::FlowLog',
          )) {
            delete stacks[0].template.Resources![id];
          }
        }),
      ).toEqual(['flow-logs']);
    });

    it('fails the SG chain when the database admits the world', () => {
      expect(
        mutated(stacks => {
          const network = stacks.find(s => s.id === 'network')!;
          network.template.Resources!.Open = {
            Type: 'AWS::EC2::SecurityGroupIngress',
            Properties: {
              GroupId: {
                'Fn::GetAtt': [
                  resourcesOf(
                    stacks,
                    'network',
                    'AWS::EC2::SecurityGroup',
                  ).find(([id]) => id.includes('Database'))![0],
                  'GroupId',
                ],
              },
              IpProtocol: 'tcp',
              FromPort: 5432,
              ToPort: 5432,
              CidrIp: '0.0.0.0/0',
            },
          };
        }),
      ).toEqual(['sg-nodes-to-database']);
    });

    it('fails irsa-api when the API role may read every secret', () => {
      expect(
        mutated(stacks => {
          const policy = resourcesOf(
            stacks,
            'cluster',
            'AWS::IAM::Policy',
          ).find(([, r]) =>
            JSON.stringify(r.Properties).includes('secretsmanager'),
          )![1];
          (
            policy.Properties!.PolicyDocument as {
              Statement: Array<{ Resource: unknown }>;
            }
          ).Statement[0].Resource = '*';
        }),
      ).toEqual(['irsa-api']);
    });

    it('fails waf-on-cloudfront, waf-owasp-rules and waf-rate-limit without the web ACL', () => {
      expect(
        mutated(stacks => {
          const [[id]] = resourcesOf(
            stacks,
            'edge',
            'AWS::CloudFront::Distribution',
          );
          delete (
            stacks.find(s => s.id === 'edge')!.template.Resources![id]
              .Properties!.DistributionConfig as Record<string, unknown>
          ).WebACLId;
        }),
      ).toEqual(['waf-on-cloudfront', 'waf-owasp-rules', 'waf-rate-limit']);
    });

    it('fails nodes-private when a node group lands in a public subnet', () => {
      expect(
        mutated(stacks => {
          const network = stacks.find(s => s.id === 'network')!;
          const [[, group]] = resourcesOf(
            stacks,
            'cluster',
            'AWS::EKS::Nodegroup',
          );
          const publicSubnet = Object.keys(network.template.Resources!).find(
            id => id.includes('PublicSubnet1Subnet'),
          )!;
          network.template.Outputs!.TestPublicSubnet = {
            Value: { Ref: publicSubnet },
          };
          (group.Properties!.Subnets as unknown[]).push({
            'Fn::GetStackOutput': {
              StackName: network.stackName,
              OutputName: 'TestPublicSubnet',
            },
          });
        }),
      ).toEqual(['nodes-private']);
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
