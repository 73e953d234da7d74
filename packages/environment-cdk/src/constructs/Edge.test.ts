import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  synthesizeTemplates,
  TEST_DOMAIN,
  testSpec,
} from '../__testUtils__/synth';
import { VPC_ORIGINS_SECURITY_GROUP_NAME } from './EdgeVpcOriginAccess';

const withDomain = (s: EnvironmentSpec) => {
  s.domain = { ...TEST_DOMAIN };
};

function edgeOf(patch?: (spec: EnvironmentSpec) => void) {
  const { stacks } = synthesizeTemplates(testSpec(patch));
  const template = (id: string) =>
    Template.fromJSON(stacks.find(s => s.id === id)!.template);
  return { edge: template('edge'), network: template('network') };
}

/** A reference to an output of the network stack whose name matches. */
const networkOutput = (pattern: RegExp) =>
  Match.objectLike({
    'Fn::GetStackOutput': Match.objectLike({
      StackName: 'innovate-test-network',
      OutputName: Match.stringLikeRegexp(pattern.source),
    }),
  });

/** Every security group rule of a template, inline or apart. */
function ingressRules(template: Template): Record<string, unknown>[] {
  const apart = Object.values(
    template.findResources('AWS::EC2::SecurityGroupIngress'),
  ).map(r => r.Properties);
  const inline = Object.values(
    template.findResources('AWS::EC2::SecurityGroup'),
  ).flatMap(r => r.Properties.SecurityGroupIngress ?? []);
  return [...apart, ...inline];
}

describe('Edge: CloudFront to the ALB through a VPC origin', () => {
  const seed = edgeOf();

  it('makes the ALB internal, in the private subnets', () => {
    expect(
      Object.keys(
        seed.edge.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'),
      ),
    ).toHaveLength(1);
    seed.edge.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      {
        Scheme: 'internal',
        Subnets: [
          networkOutput(/PrivateSubnet1/),
          networkOutput(/PrivateSubnet2/),
          networkOutput(/PrivateSubnet3/),
        ],
      },
    );
  });

  it('sends /api/* to a VPC origin whose endpoint is the ALB', () => {
    const [distribution] = Object.values(
      seed.edge.findResources('AWS::CloudFront::Distribution'),
    );
    const config = distribution.Properties.DistributionConfig;
    const api = config.Origins.find(
      (o: { Id: string }) => o.Id === config.CacheBehaviors[0].TargetOriginId,
    );
    expect(api.CustomOriginConfig).toBeUndefined();
    expect(api.VpcOriginConfig.VpcOriginId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/VpcOrigin/), 'Id'],
    });
    const vpcOrigins = seed.edge.findResources('AWS::CloudFront::VpcOrigin');
    expect(Object.keys(vpcOrigins)).toEqual([
      api.VpcOriginConfig.VpcOriginId['Fn::GetAtt'][0],
    ]);
    seed.edge.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('EdgeLoadBalancer') },
        Name: 'innovate-test-api-origin',
        // No certificate in the seed: HTTP, inside the VPC.
        OriginProtocolPolicy: 'http-only',
        HTTPPort: Match.absent(),
      }),
    });
  });

  it('admits to the ALB only the VPC origin security group, on the listener port', () => {
    const ingress = seed.edge.findResources('AWS::EC2::SecurityGroupIngress');
    expect(Object.values(ingress).map(r => r.Properties)).toEqual([
      {
        GroupId: expect.objectContaining({
          'Fn::GetStackOutput': expect.objectContaining({
            OutputName: expect.stringMatching(/LoadBalancerSecurityGroup/),
          }),
        }),
        SourceSecurityGroupId: {
          'Fn::GetAtt': [
            expect.stringMatching(/VpcOriginAccessSecurityGroupLookup/),
            'SecurityGroups.0.GroupId',
          ],
        },
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        Description: 'From the CloudFront VPC origin only',
      },
    ]);
    // The look-up names CloudFront's group in this VPC and runs after the
    // VPC origin and the distribution exist.
    const [lookup] = Object.values(seed.edge.findResources('Custom::AWS'));
    expect(JSON.stringify(lookup.Properties.Create)).toContain(
      VPC_ORIGINS_SECURITY_GROUP_NAME,
    );
    expect(JSON.stringify(lookup.Properties.Create)).toContain('vpc-id');
    expect(lookup.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/VpcOrigin/),
        expect.stringMatching(/^EdgeDistribution[0-9A-F]+$/),
      ]),
    );
  });

  it('has no ingress from anywhere or from the public origin-facing prefix list', () => {
    for (const template of [seed.edge, seed.network]) {
      for (const rule of ingressRules(template)) {
        expect(rule.CidrIp).toBeUndefined();
        expect(rule.CidrIpv6).toBeUndefined();
        expect(rule.SourcePrefixListId).toBeUndefined();
      }
    }
    seed.network.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'ALB: from the CloudFront VPC origin only',
      SecurityGroupIngress: Match.absent(),
    });
  });

  it.each(['us-east-1', 'eu-west-1'])(
    'uses HTTPS to the ALB with a certificate of its region (%s)',
    region => {
      const { edge } = edgeOf(s => {
        withDomain(s);
        s.region = region;
      });
      edge.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 443,
        Protocol: 'HTTPS',
        Certificates: [
          { CertificateArn: { Ref: Match.stringLikeRegexp('^Certificate') } },
        ],
        SslPolicy: Match.stringLikeRegexp('TLS'),
      });
      edge.resourcePropertiesCountIs(
        'AWS::ElasticLoadBalancingV2::Listener',
        { Port: 80 },
        0,
      );
      edge.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
        VpcOriginEndpointConfig: Match.objectLike({
          OriginProtocolPolicy: 'https-only',
          OriginSSLProtocols: ['TLSv1.2'],
        }),
      });
      // The certificate covers the spec's domain, so that is the origin domain.
      edge.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Origins: Match.arrayWith([
            Match.objectLike({
              DomainName: 'app.innovate.example',
              VpcOriginConfig: Match.anyValue(),
            }),
          ]),
        }),
      });
      edge.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        FromPort: 443,
        ToPort: 443,
      });
    },
  );
});
