import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildEnvironmentApp } from './app';
import { nagReport } from './nag';
import { synthesizeEnvironment, EnvironmentSynthesis } from './synthesize';
import { tempOutdir, TEST_DOMAIN, testSpec } from './__testUtils__/synth';

const IAM4 = (policy: string) =>
  `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`;

describe('cdk-nag (AwsSolutions) on the environment', () => {
  let seed: EnvironmentSynthesis;

  beforeAll(async () => {
    // This file checks every validation plugin, CloudFormation's included.
    delete process.env.CDK_VALIDATION;
    seed = await synthesizeEnvironment(testSpec(), { outdir: tempOutdir() });
  });

  afterAll(() => {
    process.env.CDK_VALIDATION = 'false';
  });

  it('leaves no finding unacknowledged', () => {
    expect(seed.nag.findings).toEqual([]);
    expect(seed.nag.passed).toBe(true);
    expect(seed.nag.pack).toBe('AwsSolutions');
  });

  it('acknowledges exactly these findings, each where it occurs', () => {
    // A new acknowledgement must show up here, in review.
    expect(
      seed.nag.acknowledgements.map(ack => `${ack.ruleId} @ ${ack.path}`),
    ).toEqual([
      'CloudFormation-Validate::W3010 @ Network/Network/Vpc',
      // Added by aws-cdk-lib itself for its FlowLog construct.
      'CloudFormation-Validate::F3002 @ Network/Network/Vpc/FlowLog',
      'CloudFormation-Validate::F3003 @ Network/Network/Vpc/FlowLog',
      'AwsSolutions-RDS11 @ Database/Database/Instance/Resource',
      'AwsSolutions-RDS3 @ Database/Database/Instance/Resource',
      'AwsSolutions-CFR1 @ Edge/Edge/Distribution/Resource',
      'AwsSolutions-CFR4 @ Edge/Edge/Distribution/Resource',
      // The look-up of the CloudFront VPC origin's security group.
      'AwsSolutions-IAM5[Resource::*] @ Edge/Edge/VpcOriginAccess/SecurityGroupLookup',
      `${IAM4(
        'service-role/AWSLambdaBasicExecutionRole',
      )} @ Edge/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole`,
      `${IAM4('AmazonEKSClusterPolicy')} @ Cluster/Cluster/Cluster/Role`,
      // The kubectl provider of aws-eks-v2 (Helm chart of the AWS Load
      // Balancer Controller): its two functions' roles and the handler.
      `${IAM4(
        'service-role/AWSLambdaBasicExecutionRole',
      )} @ Cluster/Cluster/Cluster/KubectlProvider/Handler/ServiceRole`,
      `${IAM4(
        'service-role/AWSLambdaVPCAccessExecutionRole',
      )} @ Cluster/Cluster/Cluster/KubectlProvider/Handler/ServiceRole`,
      `${IAM4(
        'AmazonEC2ContainerRegistryReadOnly',
      )} @ Cluster/Cluster/Cluster/KubectlProvider/Handler/ServiceRole`,
      `AwsSolutions-IAM4[Policy::${JSON.stringify({
        'Fn::If': [
          'ClusterKubectlProviderHandlerHasEcrPublic6FE395CA',
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly',
              ],
            ],
          },
          { Ref: 'AWS::NoValue' },
        ],
      })}] @ Cluster/Cluster/Cluster/KubectlProvider/Handler/ServiceRole`,
      'AwsSolutions-L1 @ Cluster/Cluster/Cluster/KubectlProvider/Handler/Resource',
      `${IAM4(
        'service-role/AWSLambdaBasicExecutionRole',
      )} @ Cluster/Cluster/Cluster/KubectlProvider/Provider/framework-onEvent/ServiceRole`,
      `${IAM4(
        'service-role/AWSLambdaVPCAccessExecutionRole',
      )} @ Cluster/Cluster/Cluster/KubectlProvider/Provider/framework-onEvent/ServiceRole`,
      'AwsSolutions-IAM5[Resource::<ClusterKubectlProviderHandler93C0312D.Arn>:*] @ Cluster/Cluster/Cluster/KubectlProvider/Provider/framework-onEvent/ServiceRole/DefaultPolicy',
      `${IAM4(
        'AmazonEKSWorkerNodePolicy',
      )} @ Cluster/Cluster/SystemNodeGroup/NodeGroupRole`,
      `${IAM4(
        'AmazonEKS_CNI_Policy',
      )} @ Cluster/Cluster/SystemNodeGroup/NodeGroupRole`,
      `${IAM4(
        'AmazonEC2ContainerRegistryReadOnly',
      )} @ Cluster/Cluster/SystemNodeGroup/NodeGroupRole`,
      `${IAM4(
        'AmazonEKSWorkerNodePolicy',
      )} @ Cluster/Cluster/ApplicationNodeGroup/NodeGroupRole`,
      `${IAM4(
        'AmazonEKS_CNI_Policy',
      )} @ Cluster/Cluster/ApplicationNodeGroup/NodeGroupRole`,
      `${IAM4(
        'AmazonEC2ContainerRegistryReadOnly',
      )} @ Cluster/Cluster/ApplicationNodeGroup/NodeGroupRole`,
      'AwsSolutions-IAM5[Resource::*] @ Cluster/Cluster/ClusterAutoscalerRole/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ Cluster/Cluster/LoadBalancerControllerRole/DefaultPolicy',
      `${IAM4(
        'CloudWatchAgentServerPolicy',
      )} @ Cluster/Cluster/CloudWatchAgentRole`,
    ]);
    for (const ack of seed.nag.acknowledgements) {
      expect(ack.reason.length).toBeGreaterThan(40);
    }
  });

  it('drops the conditional acknowledgements when the spec makes them unnecessary', async () => {
    const synthesis = await synthesizeEnvironment(
      testSpec(s => {
        s.database.multiAz = true;
        s.domain = { ...TEST_DOMAIN };
      }),
      { outdir: tempOutdir() },
    );
    expect(synthesis.nag.passed).toBe(true);
    const ids = synthesis.nag.acknowledgements.map(ack => ack.ruleId);
    expect(ids).not.toContain('AwsSolutions-RDS3');
    expect(ids).not.toContain('AwsSolutions-CFR4');
    // The API origin is a VPC origin (no custom origin config), so CFR5
    // has nothing to find and nothing is acknowledged for it.
    expect(ids).not.toContain('AwsSolutions-CFR5');
  });

  it('acknowledges no CFR5 for the seed either', () => {
    expect(
      seed.nag.acknowledgements.filter(ack => ack.ruleId.includes('CFR5')),
    ).toEqual([]);
  });

  it('passes outside us-east-1 too (web ACL in its own stack)', async () => {
    const synthesis = await synthesizeEnvironment(
      testSpec(s => {
        s.region = 'ap-southeast-2';
      }),
      { outdir: tempOutdir() },
    );
    expect(synthesis.nag.findings).toEqual([]);
  });

  it('reports a finding that nobody acknowledged', () => {
    const { app, stacks } = buildEnvironmentApp(testSpec(), {
      outdir: tempOutdir(),
    });
    const careless = new s3.Bucket(stacks.edge as Stack, 'CarelessBucket');
    const assembly = app.synth();
    const report = nagReport(app, assembly.directory);
    expect(report.passed).toBe(false);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          plugin: 'AwsSolutions',
          ruleId: 'AwsSolutions-S10',
          severity: 'error',
          path: `${careless.node.path}/Resource`,
        }),
        expect.objectContaining({
          ruleId: 'AwsSolutions-S1',
          path: `${careless.node.path}/Resource`,
        }),
      ]),
    );
  });
});
