import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  estimateFromSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import {
  synthesizeTemplates,
  TEST_DOMAIN,
  testSpec,
} from './__testUtils__/synth';
import { environmentEntities } from './catalog';
import { estimateFromTemplates } from './cost';
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

  describe('with the hosted zone in the management account', () => {
    const managed = (region: string) =>
      templates(s => {
        s.region = region;
        s.accounts = { management: '111111111111', workloads: '222222222222' };
        s.domain = {
          ...TEST_DOMAIN,
          apiSubdomain: 'api',
          hostedZoneAccount: 'management',
        };
      });
    const delegationRoleArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':iam::111111111111:role/innovate-dns-delegation-innovate-test',
        ],
      ],
    };

    it("delegates each name to a zone of its own in the workloads account, through the management account's role", () => {
      const edge = managed('us-east-1')('edge');
      expect(edge.stack.account).toBe('222222222222');
      const zones = edge.template.findResources('AWS::Route53::HostedZone');
      expect(
        Object.values(zones)
          .map(z => z.Properties.Name)
          .sort(),
      ).toEqual(['api.innovate.example.', 'app.innovate.example.']);
      for (const name of ['app.innovate.example', 'api.innovate.example']) {
        edge.template.hasResourceProperties(
          'Custom::CrossAccountZoneDelegation',
          {
            ParentZoneId: ZONE,
            DelegatedZoneName: name,
            AssumeRoleArn: delegationRoleArn,
            TTL: 3600,
          },
        );
      }
    });

    it('validates the certificate and aliases each name in its own delegated zone, never in the management zone', () => {
      const edge = managed('us-east-1')('edge').template;
      const zoneRef = (name: string) => {
        const [id] = Object.entries(
          edge.findResources('AWS::Route53::HostedZone'),
        ).find(([, z]) => z.Properties.Name === `${name}.`)!;
        return { Ref: id };
      };
      edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainValidationOptions: [
          {
            DomainName: 'app.innovate.example',
            HostedZoneId: zoneRef('app.innovate.example'),
          },
          {
            DomainName: 'api.innovate.example',
            HostedZoneId: zoneRef('api.innovate.example'),
          },
        ],
      });
      for (const name of ['app.innovate.example', 'api.innovate.example']) {
        for (const type of ['A', 'AAAA']) {
          edge.hasResourceProperties('AWS::Route53::RecordSet', {
            HostedZoneId: zoneRef(name),
            Name: `${name}.`,
            Type: type,
          });
        }
      }
      expect(JSON.stringify(edge.toJSON())).not.toContain(
        `"HostedZoneId":"${ZONE}"`,
      );
    });

    it('in another region, creates the zones in us-east-1 before the CloudFront certificate and reads them across regions', () => {
      const of = managed('eu-west-1');
      const waf = of('edge-waf');
      const edge = of('edge');
      expect(waf.stack.region).toBe('us-east-1');
      waf.template.resourceCountIs('AWS::Route53::HostedZone', 2);
      waf.template.resourceCountIs('Custom::CrossAccountZoneDelegation', 2);
      edge.template.resourceCountIs('AWS::Route53::HostedZone', 0);
      edge.template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'app.innovate.example.',
        Type: 'A',
        HostedZoneId: {
          'Fn::GetStackOutput': Match.objectLike({
            StackName: 'innovate-test-edge-waf',
            Region: 'us-east-1',
          }),
        },
      });
      edge.template.hasResourceProperties(
        'AWS::CertificateManager::Certificate',
        {
          DomainValidationOptions: Match.arrayWith([
            Match.objectLike({
              DomainName: 'app.innovate.example',
              HostedZoneId: {
                'Fn::GetStackOutput': Match.objectLike({
                  Region: 'us-east-1',
                }),
              },
            }),
          ]),
        },
      );
    });
  });

  describe('in the catalog and the conformance report', () => {
    const claims = (
      domain: boolean,
      region = 'us-east-1',
      hostedZoneAccount: 'workloads' | 'management' = 'workloads',
    ) => {
      const spec = testSpec(s => {
        s.region = region;
        s.domain = domain
          ? { ...TEST_DOMAIN, apiSubdomain: 'api', hostedZoneAccount }
          : undefined;
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

    it.each(['us-east-1', 'eu-west-1'])(
      'passes the Route 53 claim through delegated zones when the zone is in the management account (%s)',
      region => {
        const { report, claim, names } = claims(true, region, 'management');
        expect(report.passed).toBe(true);
        expect(claim('route53-to-cloudfront')).toMatchObject({
          passed: true,
          evidence: expect.stringContaining(
            'through the zones it delegates to',
          ),
        });
        expect(names).toEqual(
          expect.arrayContaining([
            'innovate-test-dns-spa',
            'innovate-test-dns-api',
          ]),
        );
      },
    );

    it('fails the Route 53 claim when a delegated zone is not delegated from the named zone', () => {
      const spec = testSpec(s => {
        s.domain = { ...TEST_DOMAIN, hostedZoneAccount: 'management' };
      });
      const { stacks } = synthesizeTemplates(spec);
      const mutated = stacks.map(s =>
        s.id === 'edge'
          ? {
              ...s,
              template: JSON.parse(
                JSON.stringify(s.template).replace(
                  `"ParentZoneId":"${ZONE}"`,
                  '"ParentZoneId":"Z9999999999OTHER"',
                ),
              ),
            }
          : s,
      );
      const claim = checkConformance(spec, mutated).claims.find(
        c => c.id === 'route53-to-cloudfront',
      )!;
      expect(claim.passed).toBe(false);
      expect(claim.evidence).toContain('A app.innovate.example.');
    });

    it('counts the delegated zones in the cost model, from the spec and from the templates alike', () => {
      const spec = testSpec(s => {
        s.domain = {
          ...TEST_DOMAIN,
          apiSubdomain: 'api',
          hostedZoneAccount: 'management',
        };
      });
      const { stacks } = synthesizeTemplates(spec);
      const fromTemplates = estimateFromTemplates(stacks, 430);
      const fromSpec = estimateFromSpec(spec);
      for (const estimate of [fromTemplates, fromSpec]) {
        const line = estimate.lines.find(l => l.id === 'route53')!;
        expect(line.label).toContain('3 hosted zones');
        expect(line.monthlyUsd).toBeCloseTo(3 * 0.5 + 0.1 * 0.4, 2);
      }
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
      'a zone account that is neither',
      { hostedZoneAccount: 'shared' },
      'domain.hostedZoneAccount',
    ],
    [
      "the management zone's apex (it cannot be delegated)",
      {
        name: 'innovate.example',
        hostedZoneAccount: 'management',
      },
      'domain.name',
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
    expect(errors({ ...TEST_DOMAIN, hostedZoneAccount: 'management' })).toEqual(
      [],
    );
  });
});
