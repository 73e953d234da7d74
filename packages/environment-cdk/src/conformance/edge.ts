import { domainNames, EdgeDomainSpec } from '../constructs/EdgeDomain';
import { literalNumber } from '../templates';
import { asArray, notApplicable, result } from './query';
import type { Check, ConformanceResource, TemplateQuery } from './query';
import type {
  CacheBehavior,
  DistributionConfig,
  DistributionOrigin,
  WebAclRule,
} from './resources';
import { SEED_API_PORT } from './securityGroups';

function distributionConfig(t: TemplateQuery) {
  const distribution = t.first('AWS::CloudFront::Distribution');
  return {
    distribution,
    config: (distribution?.properties.DistributionConfig ??
      {}) as DistributionConfig,
  };
}

/** The web ACL the distribution names, when it is one of the templates'. */
function webAcl(t: TemplateQuery) {
  const { distribution, config } = distributionConfig(t);
  if (!distribution) {
    return undefined;
  }
  const reference = t.resolve(distribution, config.WebACLId);
  return reference && t.resourceAt(reference, 'AWS::WAFv2::WebACL');
}

function aclRules(t: TemplateQuery): WebAclRule[] {
  return asArray(webAcl(t)?.properties.Rules) as WebAclRule[];
}

/** The origins of the distribution with the type of resource each serves. */
function origins(t: TemplateQuery) {
  const { distribution, config } = distributionConfig(t);
  return asArray(config.Origins).map(value => {
    const origin = value as DistributionOrigin;
    const target = distribution && t.target(distribution, origin.DomainName);
    return { id: String(origin.Id), origin, targetType: target?.Type };
  });
}

export const wafOnCloudFront: Check = t => {
  const acl = webAcl(t);
  return result(
    acl?.properties.Scope === 'CLOUDFRONT',
    acl
      ? `distribution uses web ACL ${acl.properties.Name} (scope ${acl.properties.Scope}, stack ${acl.stack.stackName} in ${acl.stack.region})`
      : 'the distribution has no WAF web ACL',
  );
};

type ManagedRule = WebAclRule & {
  Statement: { ManagedRuleGroupStatement: { Name?: unknown } };
};

export const wafOwaspRules: Check = t => {
  const groups = aclRules(t).filter(
    (rule): rule is ManagedRule => !!rule.Statement?.ManagedRuleGroupStatement,
  );
  // A rule group in count mode (`OverrideAction: { Count }`) blocks nothing.
  const describe = (rule: ManagedRule) =>
    `${rule.Statement.ManagedRuleGroupStatement.Name}${
      rule.OverrideAction?.None ? '' : ' (count only)'
    }`;
  return result(
    groups.some(
      rule =>
        rule.Statement.ManagedRuleGroupStatement.Name ===
          'AWSManagedRulesCommonRuleSet' && rule.OverrideAction?.None,
    ),
    `managed rule groups: ${groups.map(describe).join(', ') || 'none'}`,
  );
};

type RateRule = WebAclRule & {
  Statement: {
    RateBasedStatement: { Limit?: unknown; AggregateKeyType?: unknown };
  };
};

export const wafRateLimit: Check = t => {
  const limits = aclRules(t).filter(
    (rule): rule is RateRule =>
      !!(rule.Statement?.RateBasedStatement && rule.Action?.Block),
  );
  return result(
    limits.length > 0,
    limits.length > 0
      ? `rate-based rule ${limits[0].Name}: block above ${limits[0].Statement.RateBasedStatement.Limit} requests per 5 minutes per ${limits[0].Statement.RateBasedStatement.AggregateKeyType}`
      : 'no blocking rate-based rule',
  );
};

export const spaOnS3: Check = t => {
  const { config } = distributionConfig(t);
  const defaultOrigin = origins(t).find(
    o => o.id === config.DefaultCacheBehavior?.TargetOriginId,
  );
  const oac = Boolean(defaultOrigin?.origin.OriginAccessControlId);
  return result(
    defaultOrigin?.targetType === 'AWS::S3::Bucket' && oac,
    `default behavior → ${defaultOrigin?.targetType ?? 'no origin'}${
      oac ? ' through Origin Access Control' : ' without Origin Access Control'
    }`,
  );
};

/** The target group the ALB listener forwards to. */
function forwardTargetGroup(t: TemplateQuery) {
  const listener = t.first('AWS::ElasticLoadBalancingV2::Listener');
  const forward = asArray(listener?.properties.DefaultActions)
    .map(a => a as { Type?: unknown; TargetGroupArn?: unknown })
    .find(a => a.Type === 'forward');
  const targetGroup = listener && t.target(listener, forward?.TargetGroupArn);
  return targetGroup?.Properties ?? {};
}

/**
 * The VPC origin the origin goes through and the type of its endpoint;
 * undefined when the origin is not a VPC origin.
 */
function vpcOriginOf(
  t: TemplateQuery,
  origin: DistributionOrigin,
): { endpointType?: string } | undefined {
  const { distribution } = distributionConfig(t);
  const id = origin.VpcOriginConfig?.VpcOriginId;
  const reference = distribution ? t.resolve(distribution, id) : undefined;
  const vpcOrigin = reference
    ? t.resourceAt(reference, 'AWS::CloudFront::VpcOrigin')
    : undefined;
  if (!vpcOrigin) {
    return undefined;
  }
  const endpoint = vpcOrigin.properties.VpcOriginEndpointConfig?.Arn;
  return { endpointType: t.target(vpcOrigin, endpoint)?.Type };
}

export const apiThroughAlb: Check = t => {
  const { config } = distributionConfig(t);
  const api = asArray(config.CacheBehaviors)
    .map(b => b as CacheBehavior)
    .find(b => String(b.PathPattern).startsWith('/api'));
  const apiOrigin = origins(t).find(o => o.id === api?.TargetOriginId);
  const vpcOrigin = apiOrigin && vpcOriginOf(t, apiOrigin.origin);
  const alb = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
  const tg = forwardTargetGroup(t);
  // A VPC origin is reached by its id; its domain name is the ALB's DNS
  // name, or over HTTPS the name the ALB's certificate covers.
  const domainName = apiOrigin?.origin.DomainName;
  const reachesAlb =
    apiOrigin?.targetType === alb ||
    (typeof domainName === 'string' && vpcOrigin?.endpointType === alb);
  return result(
    reachesAlb &&
      vpcOrigin?.endpointType === alb &&
      tg.TargetType === 'ip' &&
      literalNumber(tg.Port) === SEED_API_PORT,
    `${api?.PathPattern ?? 'no API behavior'} → ${
      apiOrigin?.targetType ??
      (typeof domainName === 'string' ? `origin ${domainName}` : 'no origin')
    }${
      vpcOrigin
        ? ` through a VPC origin (endpoint ${vpcOrigin.endpointType ?? 'none'})`
        : ', not a VPC origin'
    }; listener forwards to ${tg.TargetType ?? 'no'} targets on port ${
      tg.Port ?? '-'
    }`,
  );
};

const NO_DOMAIN =
  "the spec has no domain, so the site is served at the distribution's *.cloudfront.net name";

/**
 * Whether a record is in a zone that answers for the spec's zone: the zone
 * itself, or (a zone in the management account) the environment's zone of
 * the record's name, delegated from it.
 */
function inServingZone(t: TemplateQuery, domain: EdgeDomainSpec) {
  const delegated = new Set(
    t
      .all('Custom::CrossAccountZoneDelegation')
      .filter(d => d.properties.ParentZoneId === domain.hostedZoneId)
      .map(d => `${String(d.properties.DelegatedZoneName)}.`),
  );
  return (record: ConformanceResource<'AWS::Route53::RecordSet'>) => {
    const zoneId = record.properties.HostedZoneId;
    if (domain.hostedZoneAccount !== 'management') {
      return zoneId === domain.hostedZoneId;
    }
    const zone = t.target(record, zoneId);
    const zoneName = zone?.Properties?.Name;
    return (
      zone?.Type === 'AWS::Route53::HostedZone' &&
      zoneName === record.properties.Name &&
      delegated.has(String(zoneName))
    );
  };
}

export const route53ToCloudFront: Check = (t, spec) => {
  const names = spec.domain ? domainNames(spec.domain) : [];
  if (names.length === 0) {
    return notApplicable(NO_DOMAIN);
  }
  const { distribution } = distributionConfig(t);
  const zoneOk = inServingZone(t, spec.domain!);
  const aliases = t
    .all('AWS::Route53::RecordSet')
    .filter(record => {
      const target = record.properties.AliasTarget?.DNSName;
      const pointsAt = distribution && t.resolve(record, target);
      return zoneOk(record) && pointsAt?.logicalId === distribution?.logicalId;
    })
    .map(record => `${record.properties.Type} ${record.properties.Name}`);
  const missing = names.flatMap(name =>
    ['A', 'AAAA']
      .map(type => `${type} ${name}.`)
      .filter(record => !aliases.includes(record)),
  );
  return result(
    missing.length === 0,
    missing.length === 0
      ? `${aliases.join(', ')} alias the distribution in zone ${
          spec.domain?.hostedZoneId
        }${
          spec.domain?.hostedZoneAccount === 'management'
            ? ' (management account), through the zones it delegates to'
            : ''
        }`
      : `missing alias records to the distribution: ${missing.join(', ')}`,
  );
};

export const edgeTls12: Check = (t, spec) => {
  if (!spec.domain) {
    return notApplicable(
      `${NO_DOMAIN}; its default certificate cannot pin a minimum TLS version`,
    );
  }
  const { config } = distributionConfig(t);
  const viewer = config.ViewerCertificate ?? {};
  const aliases = asArray(config.Aliases);
  const names = domainNames(spec.domain);
  const covered = names.every(name => aliases.includes(name));
  return result(
    viewer.MinimumProtocolVersion === 'TLSv1.2_2021' &&
      viewer.AcmCertificateArn !== undefined &&
      covered,
    `viewer certificate from ACM, minimum ${String(
      viewer.MinimumProtocolVersion ?? 'none',
    )}, aliases ${aliases.join(', ') || 'none'}`,
  );
};
