import type { Part, PartContext } from './catalogParts';
import { dnsDelegationRoleName, domainNames } from './constructs/EdgeDomain';
import { findResources, resourceKey } from './templates';

/** Values of `innovate.io/aws-component` for the domain's parts. */
export const DOMAIN_PART_COMPONENTS = {
  dnsRecord: 'route53-record',
  certificate: 'acm-certificate',
} as const;

/** The first certificate of the stack with that role, by its key. */
function certificateKey(ctx: PartContext, role: string): string | undefined {
  const [certificate] = findResources(
    ctx.stacks.filter(stack => stack.id === role),
    'AWS::CertificateManager::Certificate',
  );
  return certificate ? resourceKey(certificate) : undefined;
}

/** The key of the environment's delegated hosted zone of a name. */
function delegatedZoneKey(ctx: PartContext, name: string): string | undefined {
  const zone = findResources(ctx.stacks, 'AWS::Route53::HostedZone').find(
    ({ properties }) => properties.Name === `${name}.`,
  );
  return zone ? resourceKey(zone) : undefined;
}

/**
 * With a domain: its alias records (one part per name served, A and AAAA)
 * and its ACM certificates (one in us-east-1 for CloudFront and the ALB;
 * elsewhere one in us-east-1 for CloudFront and one in the region for the
 * ALB). Without a domain, none.
 */
export const domainParts = (ctx: PartContext): Part[] => {
  const domain = ctx.spec.domain;
  if (!domain) {
    return [];
  }
  const [spa, api] = domainNames(domain);
  const names = [
    { suffix: 'dns-spa', name: spa, serves: 'the SPA' },
    ...(api ? [{ suffix: 'dns-api', name: api, serves: 'the API' }] : []),
  ];
  const delegated = domain.hostedZoneAccount === 'management';
  const records: Part[] = names.map(({ suffix, name, serves }) => ({
    suffix,
    title: name,
    description: delegated
      ? `Route 53 alias records (A and AAAA) of ${name}, ${serves}'s name, to the CloudFront distribution, in the environment's hosted zone ${name}, delegated (NS records through the role ${dnsDelegationRoleName(
          ctx.env,
        )}) from ${domain.hostedZoneName} (${
          domain.hostedZoneId
        }) in the management account.`
      : `Route 53 alias records (A and AAAA) of ${name}, ${serves}'s name, to the CloudFront distribution, in hosted zone ${domain.hostedZoneName} (${domain.hostedZoneId}).`,
    component: DOMAIN_PART_COMPONENTS.dnsRecord,
    resourceType: 'AWS::Route53::RecordSet',
    arn: delegated
      ? delegatedZoneKey(ctx, name)
      : `arn:aws:route53:::hostedzone/${domain.hostedZoneId}`,
    account: ctx.workloads,
    region: 'global',
    dependsOn: ['cloudfront'],
  }));
  const certificate = (
    suffix: string,
    region: string,
    role: string,
    usedBy: string,
  ): Part => ({
    suffix,
    title: `${ctx.env} certificate (${region})`,
    description: `ACM certificate of ${names
      .map(n => n.name)
      .join(', ')} in ${region}, validated by DNS in ${
      delegated ? 'the delegated zones' : domain.hostedZoneName
    }, for ${usedBy}.`,
    component: DOMAIN_PART_COMPONENTS.certificate,
    resourceType: 'AWS::CertificateManager::Certificate',
    arn: certificateKey(ctx, role),
    account: ctx.workloads,
    region,
    dependsOn: [],
  });
  const certificates =
    ctx.region === 'us-east-1'
      ? [
          certificate(
            'certificate',
            ctx.region,
            'edge',
            'CloudFront (TLS 1.2 minimum) and the ALB (HTTPS from CloudFront)',
          ),
        ]
      : [
          certificate(
            'certificate-cloudfront',
            'us-east-1',
            'edge-waf',
            'CloudFront (TLS 1.2 minimum)',
          ),
          certificate(
            'certificate-alb',
            ctx.region,
            'edge',
            'the ALB (HTTPS from CloudFront)',
          ),
        ];
  return [...records, ...certificates];
};
