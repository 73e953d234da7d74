import type { JsonObject } from '@backstage/types';
import {
  environmentResourceNames,
  environmentStackName,
  EnvironmentSpec,
  estimateFromSpec,
  NagFinding,
} from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../services/EnvironmentRegistry/types';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../services/Synthesizer/types';

/**
 * Templates shaped like the bundled CDK app's (same stack and resource
 * names, same resource types), small enough to read in a test.
 */
export function fixtureStacks(spec: EnvironmentSpec): RecordedStack[] {
  const names = environmentResourceNames(spec.name);
  const workloads = {
    account: spec.accounts.workloads,
    region: spec.region,
  };
  const stack = (
    role: Parameters<typeof environmentStackName>[1],
    template: JsonObject,
    extra: Partial<RecordedStack> = {},
  ): RecordedStack => ({
    id: environmentStackName(spec.name, role),
    stackName: environmentStackName(spec.name, role),
    ...workloads,
    stateful: false,
    terminationProtection: false,
    template,
    ...extra,
  });
  const alarm = (name: string, metricName: string, threshold: number) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      Namespace: 'AWS/Sandbox',
      MetricName: metricName,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
    },
  });
  const nodegroup = (
    name: string,
    group: EnvironmentSpec['cluster']['systemNodeGroup'],
  ) => ({
    Type: 'AWS::EKS::Nodegroup',
    Properties: {
      ClusterName: { Ref: 'Cluster' },
      NodegroupName: name,
      InstanceTypes: [group.instanceType],
      CapacityType: 'ON_DEMAND',
      AmiType: 'AL2023_x86_64_STANDARD',
      ScalingConfig: {
        MinSize: group.minSize,
        DesiredSize: group.desiredSize,
        MaxSize: group.maxSize,
      },
    },
  });
  return [
    stack('network', {
      Resources: {
        Vpc: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: spec.network.vpcCidr },
        },
      },
      Outputs: { VpcId: { Value: { Ref: 'Vpc' } } },
    }),
    stack(
      'database',
      {
        Resources: {
          Database: {
            Type: 'AWS::RDS::DBInstance',
            Properties: {
              DBInstanceIdentifier: names.database,
              DBInstanceClass: spec.database.instanceClass,
              Engine: 'postgres',
              EngineVersion: spec.database.engineVersion,
              AllocatedStorage: String(spec.database.allocatedStorageGb),
              StorageType: spec.database.storageType,
              MultiAZ: spec.database.multiAz,
              StorageEncrypted: true,
              KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] },
              BackupRetentionPeriod: spec.database.backupRetentionDays,
              PreferredBackupWindow: '03:00-04:00',
              DeletionProtection: true,
              // Like the real app: the database lives in the network
              // stack's subnets, read across stacks.
              DBSubnetGroupName: {
                'Fn::GetStackOutput': {
                  StackName: environmentStackName(spec.name, 'network'),
                  OutputName: 'VpcId',
                },
              },
            },
          },
        },
        Outputs: {
          DatabaseEndpoint: {
            Value: { 'Fn::GetAtt': ['Database', 'Endpoint.Address'] },
          },
        },
      },
      { stateful: true, terminationProtection: true },
    ),
    stack('cluster', {
      Resources: {
        Cluster: {
          Type: 'AWS::EKS::Cluster',
          Properties: {
            Name: names.cluster,
            Version: spec.cluster.kubernetesVersion,
            ResourcesVpcConfig: {
              EndpointPublicAccess: true,
              EndpointPrivateAccess: true,
              PublicAccessCidrs: ['203.0.113.0/24'],
            },
            EncryptionConfig: [
              { Resources: ['secrets'], Provider: { KeyArn: { Ref: 'Key' } } },
            ],
            Logging: {
              ClusterLogging: {
                EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }],
              },
            },
          },
        },
        SystemNodes: nodegroup(
          names.systemNodeGroup,
          spec.cluster.systemNodeGroup,
        ),
        ApplicationNodes: nodegroup(
          names.applicationNodeGroup,
          spec.cluster.applicationNodeGroup,
        ),
        VpcCni: {
          Type: 'AWS::EKS::Addon',
          Properties: {
            AddonName: 'vpc-cni',
            AddonVersion: 'v1.19.2-eksbuild.1',
          },
        },
        CoreDns: {
          Type: 'AWS::EKS::Addon',
          Properties: { AddonName: 'coredns' },
        },
      },
      Outputs: {
        ClusterName: { Value: { Ref: 'Cluster' } },
        ClusterArn: { Value: { 'Fn::GetAtt': ['Cluster', 'Arn'] } },
      },
    }),
    stack('observability', {
      Resources: {
        ErrorRate: alarm(
          names.alarms.errorRate,
          'ErrorRate',
          spec.alarms.errorRatePercent,
        ),
        Latency: alarm(
          names.alarms.p99Latency,
          'TargetResponseTime',
          spec.alarms.p99LatencySeconds,
        ),
        NodeCpu: alarm(
          names.alarms.nodeCpu,
          'node_cpu_utilization',
          spec.alarms.nodeCpuPercent,
        ),
        NodeMemory: alarm(
          names.alarms.nodeMemory,
          'node_memory_utilization',
          spec.alarms.nodeMemoryPercent,
        ),
        DatabaseCpu: alarm(
          names.alarms.databaseCpu,
          'CPUUtilization',
          spec.alarms.databaseCpuPercent,
        ),
      },
    }),
    stack(
      'budget',
      {
        Resources: {
          Budget: {
            Type: 'AWS::Budgets::Budget',
            Properties: {
              Budget: {
                BudgetName: names.budget,
                BudgetType: 'COST',
                TimeUnit: 'MONTHLY',
                BudgetLimit: { Amount: spec.budget.monthlyUsd, Unit: 'USD' },
              },
            },
          },
        },
      },
      { account: spec.accounts.management },
    ),
  ];
}

/** A synthesis of the fixture stacks, as the real synthesizer returns it. */
export function fixtureSynthesis(
  spec: EnvironmentSpec,
  assemblyDir = '/tmp/fixture-assembly',
): SynthesizedEnvironment {
  const natPerAz = spec.network.natGateways === spec.network.azCount;
  return {
    assemblyDir,
    stacks: fixtureStacks(spec),
    checks: {
      nag: {
        pack: 'AwsSolutions',
        passed: true,
        findings: [],
        acknowledgements: [
          {
            ruleId: 'AwsSolutions-EKS1',
            path: `${spec.name}-cluster/Cluster`,
            reason: 'Public endpoint limited to the office CIDR',
          },
        ],
      },
      conformance: {
        passed: natPerAz,
        claims: [
          {
            id: 'nat-per-az',
            title: 'A NAT gateway per AZ',
            seedText: 'NAT Gateway per AZ for outbound traffic',
            passed: natPerAz,
            evidence: `${spec.network.natGateways} NAT gateways in ${spec.network.azCount} AZs`,
          },
        ],
        summary: { passed: natPerAz ? 1 : 0, failed: natPerAz ? 0 : 1 },
      },
      estimate: estimateFromSpec(spec),
    },
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: `${spec.name}-cluster` },
        spec: { type: 'eks-cluster', owner: 'platform' },
      },
    ],
  };
}

/**
 * A synthesizer for tests: answers with the fixture synthesis, records the
 * specs it was given, and can be made to fail or to hang.
 */
export class FakeSynthesizer implements EnvironmentSynthesizer {
  readonly specs: EnvironmentSpec[] = [];
  private behaviour: 'succeed' | 'fail' | 'hang' = 'succeed';
  private readonly nagFindings: NagFinding[] = [];

  /** Reports an unacknowledged cdk-nag finding with every synthesis. */
  addNagFinding(finding: NagFinding) {
    this.nagFindings.push(finding);
  }

  failWith(message: string) {
    this.behaviour = 'fail';
    this.failure = message;
  }

  hang() {
    this.behaviour = 'hang';
  }

  private failure = '';

  async synthesize(
    spec: EnvironmentSpec,
    options: { outdir: string },
  ): Promise<SynthesizedEnvironment> {
    this.specs.push(spec);
    if (this.behaviour === 'fail') {
      throw new Error(this.failure);
    }
    if (this.behaviour === 'hang') {
      return new Promise(() => {});
    }
    const synthesis = fixtureSynthesis(spec, options.outdir);
    if (this.nagFindings.length > 0) {
      synthesis.checks.nag = {
        ...synthesis.checks.nag,
        passed: false,
        findings: [...this.nagFindings],
      };
    }
    return synthesis;
  }
}
