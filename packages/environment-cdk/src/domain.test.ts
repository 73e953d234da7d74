import { Match, Template } from 'aws-cdk-lib/assertions';
import { validateEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  synthesizeTemplates,
  TEST_DOMAIN,
  testSpec,
} from './__testUtils__/synth';
import { environmentEntities } from './catalog';
import { checkConformance } from './conformance';
import type { EnvironmentStackTemplate } from './templates';

const ZONE = TEST_DOMAIN.hostedZoneId;

function templates(patch: Parameters<typeof testSpec>[0]) {
  const { stacks } = synthesizeTemplates(testSpec(patch));
  return (id: string) => {
    const stack = stacks.find(s => s.id === id) as EnvironmentStackTemplate;
    return { stack, template: Template.fromJSON(stack.template) };
  };
}

describe('the seed front door: Route 53, certificates and TLS', () => {
  describe('in us-east-1, with an API name of its own', () => {
    const of = templates(s => {
      s.domain = { ...TEST_DOMAIN, apiSubdomain: 'api' };
    });
    const edge = of('edge').template;

    it('aliases both names, A and AAAA, to the distribution in the named zone', () => {
      for (const name of ['app.innovate.example.', 'api.innovate.example.']) {
        for (const type of ['A', 'AAAA']) {
          edge.hasResourceProperties('AWS::Route53::RecordSet', {
            HostedZoneId: ZONE,
            Name: name,
            Type: type,
            AliasTarget: {
              DNSName: {
                'Fn::GetAtt': [
                  Match.stringLikeRegexp('EdgeDistribution'),
                  'DomainName',
                ],
              },
              // CloudFront's own hosted zone id, the same in every region.
              HostedZoneId: {
                'Fn::FindInMap': Match.anyValue(),
              },
            },
          });
        }
      }
      edge.resourceCountIs('AWS::Route53::RecordSet', 4);
    });

    it('validates one certificate of both names by DNS in the zone, and serves it with TLS 1.2 minimum', () => {
      edge.resourceCountIs('AWS::CertificateManager::Certificate', 1);
      edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: 'app.innovate.example',
        SubjectAlternativeNames: ['api.innovate.example'],
        ValidationMethod: 'DNS',
        DomainValidationOptions: [
          { DomainName: 'app.innovate.example', HostedZoneId: ZONE },
          { DomainName: 'api.innovate.example', HostedZoneId: ZONE },
        ],
      });
      edge.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['app.innovate.example', 'api.innovate.example'],
          ViewerCertificate: {
            AcmCertificateArn: { Ref: Match.stringLikeRegexp('^Certificate') },
            MinimumProtocolVersion: 'TLSv1.2_2021',
            SslSupportMethod: 'sni-only',
          },
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
          }),
        }),
      });
    });
  });

  describe('in another region', () => {
    const of = templates(s => {
      s.region = 'eu-central-1';
      s.domain = { ...TEST_DOMAIN };
    });
    const edge = of('edge');
    const waf = of('edge-waf');

    it('creates the CloudFront certificate in us-east-1 and reads it across regions the CDK way', () => {
      expect(waf.stack.region).toBe('us-east-1');
      waf.template.hasResourceProperties(
        'AWS::CertificateManager::Certificate',
        {
          DomainName: 'app.innovate.example',
          DomainValidationOptions: [
            { DomainName: 'app.innovate.example', HostedZoneId: ZONE },
          ],
        },
      );
      edge.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          ViewerCertificate: Match.objectLike({
            AcmCertificateArn: {
              'Fn::GetStackOutput': Match.objectLike({
                StackName: 'innovate-test-edge-waf',
                Region: 'us-east-1',
              }),
            },
            MinimumProtocolVersion: 'TLSv1.2_2021',
          }),
        }),
      });
    });

    it('gives the ALB a certificate of its own region, and CloudFront reaches it over HTTPS', () => {
      expect(edge.stack.region).toBe('eu-central-1');
      edge.template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
      edge.template.hasResourceProperties(
        'AWS::ElasticLoadBalancingV2::Listener',
        {
          Port: 443,
          Protocol: 'HTTPS',
          Certificates: [
            { CertificateArn: { Ref: Match.stringLikeRegexp('^Certificate') } },
          ],
        },
      );
      edge.template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
        VpcOriginEndpointConfig: Match.objectLike({
          OriginProtocolPolicy: 'https-only',
        }),
      });
      edge.template.resourceCountIs('Custom::CrossRegionExportReader', 0);
    });
  });

  describe('in the catalog and the conformance report', () => {
    const claims = (domain: boolean, region = 'us-east-1') => {
      const spec = testSpec(s => {
        s.region = region;
        s.domain = domain ? { ...TEST_DOMAIN, apiSubdomain: 'api' } : undefined;
      });
      const { stacks } = synthesizeTemplates(spec);
      const report = checkConformance(spec, stacks);
      const names = environmentEntities(spec, stacks).map(e => e.metadata.name);
      const claim = (id: string) => report.claims.find(c => c.id === id)!;
      return { report, names, claim };
    };

    it('passes the Route 53 and TLS claims with a domain, and lists its records and certificates', () => {
      const { report, names, claim } = claims(true, 'eu-west-1');
      expect(report.passed).toBe(true);
      expect(claim('route53-to-cloudfront')).toMatchObject({
        passed: true,
        evidence: expect.stringContaining('A app.innovate.example.'),
      });
      expect(claim('route53-to-cloudfront').evidence).toContain(
        'AAAA api.innovate.example.',
      );
      expect(claim('edge-tls-1-2')).toMatchObject({
        passed: true,
        evidence: expect.stringContaining('minimum TLSv1.2_2021'),
      });
      expect(names).toEqual(
        expect.arrayContaining([
          'innovate-test-dns-spa',
          'innovate-test-dns-api',
          'innovate-test-certificate-cloudfront',
          'innovate-test-certificate-alb',
        ]),
      );
    });

    it('reports them as not applicable without a domain, and lists no such parts', () => {
      const { report, names, claim } = claims(false);
      expect(report.passed).toBe(true);
      for (const id of ['route53-to-cloudfront', 'edge-tls-1-2']) {
        expect(claim(id)).toMatchObject({
          passed: true,
          notApplicable: true,
          evidence: expect.stringMatching(
            /^not applicable: the spec has no domain/,
          ),
        });
      }
      expect(names.filter(n => /dns|certificate/.test(n))).toEqual([]);
    });

    it('fails the Route 53 claim when a record is missing', () => {
      const spec = testSpec(s => {
        s.domain = { ...TEST_DOMAIN };
      });
      const { stacks } = synthesizeTemplates(spec);
      const edge = stacks.find(s => s.id === 'edge')!;
      const resources = edge.template.Resources as Record<
        string,
        { Type: string; Properties: { Type?: string } }
      >;
      const withoutAaaa = Object.fromEntries(
        Object.entries(resources).filter(
          ([, r]) =>
            !(
              r.Type === 'AWS::Route53::RecordSet' &&
              r.Properties.Type === 'AAAA'
            ),
        ),
      );
      const mutated = stacks.map(s =>
        s === edge
          ? { ...s, template: { ...s.template, Resources: withoutAaaa } }
          : s,
      );
      const claim = checkConformance(spec, mutated).claims.find(
        c => c.id === 'route53-to-cloudfront',
      )!;
      expect(claim).toMatchObject({
        passed: false,
        evidence:
          'missing alias records to the distribution: AAAA app.innovate.example.',
      });
    });
  });

  it('creates no record and no certificate without a domain', () => {
    const edge = templates(() => {})('edge').template;
    edge.resourceCountIs('AWS::Route53::RecordSet', 0);
    edge.resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });
});

describe('spec mutations of the domain', () => {
  const base = {
    name: 'innovate-test',
    accounts: { management: '111111111111', workloads: '222222222222' },
    budget: { alertEmail: 'alerts@example.com' },
  };
  const errors = (domain: Record<string, unknown>) => {
    const result = validateEnvironmentSpec({ ...base, domain });
    return result.ok ? [] : result.errors.map(e => e.field);
  };

  it.each([
    ['a name outside the zone', { name: 'app.other.example' }, 'domain.name'],
    [
      'a zone id of the wrong form',
      { hostedZoneId: 'zone-1' },
      'domain.hostedZoneId',
    ],
    [
      'a zone name with uppercase',
      { hostedZoneName: 'Innovate.example' },
      'domain.hostedZoneName',
    ],
    [
      'an API label with a dot',
      { apiSubdomain: 'api.v1' },
      'domain.apiSubdomain',
    ],
    [
      'an API name equal to the SPA name',
      { name: 'api.innovate.example', apiSubdomain: 'api' },
      'domain.apiSubdomain',
    ],
    [
      'a zone in the management account',
      { hostedZoneAccount: 'management' },
      'domain.hostedZoneAccount',
    ],
    [
      'a leftover certificateArn',
      { certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' },
      'domain.certificateArn',
    ],
  ])('refuses %s, naming the field', (_, patch, field) => {
    expect(errors({ ...TEST_DOMAIN, ...patch })).toContain(field);
  });

  it('accepts the zone apex and a name inside the zone', () => {
    expect(errors({ ...TEST_DOMAIN })).toEqual([]);
    expect(errors({ ...TEST_DOMAIN, name: 'innovate.example' })).toEqual([]);
  });
});
