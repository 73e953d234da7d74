import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import {
  delegatedZonesIn,
  DelegatedDomainZones,
  DomainCertificate,
  EdgeDomainSpec,
  EdgeWebAcl,
} from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * Properties of {@link EdgeWafStack}: the spec's domain, if any.
 *
 * @public
 */
export interface EdgeWafStackProps extends EnvironmentStackProps {
  /**
   * The spec's domain: its CloudFront certificate is created here, in
   * us-east-1, where CloudFront takes certificates from.
   *
   * @defaultValue - no certificate
   */
  readonly domain?: EdgeDomainSpec;
  /**
   * The management account, which holds the hosted zone when the domain's
   * `hostedZoneAccount` is `management`: the delegated zones are created
   * here, before the certificates that are validated in them.
   *
   * @defaultValue - the zone is in the workloads account
   */
  readonly managementAccount?: string;
}

/**
 * `<name>-edge-waf`: the CloudFront web ACL and, with a domain, the
 * CloudFront certificate, pinned to us-east-1. Only used when the
 * environment's region is another one; the edge stack reads their ARNs with
 * a cross-region `Fn::GetStackOutput` (aws-cdk-lib's weak cross-stack
 * references), so no custom resource is involved.
 *
 * @public
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: EdgeWebAcl;
  readonly certificate?: DomainCertificate;
  readonly domainZones?: DelegatedDomainZones;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, props);
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', {
      webAclName: environmentResourceNames(props.environmentName).webAcl,
      rateLimitPer5Minutes: ENVIRONMENT_DESIGN.wafRateLimitPer5Minutes,
    });
    if (props.domain) {
      this.domainZones = delegatedZonesIn(
        this,
        props.domain,
        props.managementAccount,
        props.environmentName,
      );
      this.certificate = new DomainCertificate(
        this,
        'CloudFrontCertificate',
        props.domain,
        this.domainZones?.zones,
      );
    }
  }
}
