import { Stack } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { EdgeWebAclProps } from './EdgeWebAclProps';

/**
 * AWS managed rule groups on the web ACL: the Core rule set covers the
 * OWASP Top 10 categories; known bad inputs and SQL injection add to it.
 *
 * @public
 */
export const EDGE_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/**
 * The WAF web ACL in front of CloudFront: AWS managed rules (OWASP) and a
 * per-IP rate limit. A CloudFront web ACL must be created in us-east-1, so
 * this construct refuses any other region.
 *
 * @public
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (region !== 'us-east-1') {
      throw new Error(
        `A CloudFront web ACL must be created in us-east-1; this stack is in ${region}`,
      );
    }
    const managedRules: wafv2.CfnWebACL.RuleProperty[] =
      EDGE_MANAGED_RULE_GROUPS.map((name, priority) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: { vendorName: 'AWS', name },
        },
        visibilityConfig: visibility(name),
      }));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.webAclName,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.webAclName),
      rules: [
        ...managedRules,
        {
          name: 'RateLimitPerIp',
          priority: managedRules.length,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Minutes,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
  }
}
