import { literalNumber } from '../templates';
import { asArray, result } from './query';
import type { Check, TemplateQuery } from './query';
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
  return result(
    apiOrigin?.targetType === alb &&
      vpcOrigin?.endpointType === alb &&
      tg.TargetType === 'ip' &&
      literalNumber(tg.Port) === SEED_API_PORT,
    `${api?.PathPattern ?? 'no API behavior'} → ${
      apiOrigin?.targetType ?? 'no origin'
    }${
      vpcOrigin
        ? ` through a VPC origin (endpoint ${vpcOrigin.endpointType ?? 'none'})`
        : ', not a VPC origin'
    }; listener forwards to ${tg.TargetType ?? 'no'} targets on port ${
      tg.Port ?? '-'
    }`,
  );
};
