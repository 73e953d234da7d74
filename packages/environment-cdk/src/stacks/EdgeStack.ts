import { Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import {
  delegatedZonesIn,
  DomainAliasRecords,
  DomainCertificate,
  domainNames,
  DomainZoneMap,
  Edge,
  EdgeDomainSpec,
  EdgeWebAcl,
  Network,
} from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link EdgeStack}.
 *
 * @public
 */
export interface EdgeStackProps extends EnvironmentStackProps {
  readonly network: Network;
  /**
   * The web ACL from the us-east-1 `edge-waf` stack.
   *
   * @defaultValue - the web ACL is created in this stack (region us-east-1)
   */
  readonly webAcl?: EdgeWebAcl;
  /**
   * The spec's domain: served by CloudFront with an ACM certificate (TLS 1.2
   * minimum), aliased in its hosted zone, and the name CloudFront reaches
   * the ALB by over HTTPS with a certificate of this region.
   *
   * @defaultValue - the distribution's `*.cloudfront.net` name only
   */
  readonly domain?: EdgeDomainSpec;
  /**
   * The domain's certificate in us-east-1 for CloudFront, from the
   * `edge-waf` stack when this stack is in another region.
   *
   * @defaultValue - this stack's own certificate (in us-east-1 it serves both)
   */
  readonly cloudFrontCertificate?: acm.ICertificate;
  /**
   * The management account, which holds the hosted zone when the domain's
   * `hostedZoneAccount` is `management`.
   *
   * @defaultValue - the zone is in this stack's account
   */
  readonly managementAccount?: string;
  /**
   * The domain's delegated zones, from the `edge-waf` stack when this stack
   * is in another region (a zone in the management account).
   *
   * @defaultValue - created in this stack when the zone is in the management account
   */
  readonly domainZones?: DomainZoneMap;
}

/**
 * `<name>-edge`: S3 + CloudFront + WAF + ALB (internal, a VPC origin).
 *
 * @public
 */
export class EdgeStack extends Stack {
  readonly edge: Edge;
  readonly webAcl: EdgeWebAcl;
  /** The domain's alias records, when the spec has a domain. */
  readonly dns?: DomainAliasRecords;
  /** Each served name's delegated zone (a zone in the management account). */
  domainZones?: DomainZoneMap;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { network } = props;
    const names = environmentResourceNames(props.environmentName);
    this.webAcl =
      props.webAcl ??
      new EdgeWebAcl(this, 'WebAcl', {
        webAclName: names.webAcl,
        rateLimitPer5Minutes: ENVIRONMENT_DESIGN.wafRateLimitPer5Minutes,
      });
    this.edge = new Edge(this, 'Edge', {
      vpc: network.vpc,
      loadBalancerSecurityGroup: network.loadBalancerSecurityGroup,
      loadBalancerName: names.loadBalancer,
      apiTargetGroupName: names.apiTargetGroup,
      apiPort: ENVIRONMENT_DESIGN.apiPort,
      apiHealthCheckPath: ENVIRONMENT_DESIGN.apiHealthCheckPath,
      spaRoutingFunctionName: `${props.environmentName}-spa-routing`,
      webAclArn: this.webAcl.webAcl.attrArn,
      vpcOriginName: `${props.environmentName}-api-origin`,
      ...this.certificates(props),
      accessLogRetentionDays: ENVIRONMENT_DESIGN.logRetentionDays,
    });
    const { distribution, spaBucket, loadBalancer, apiTargetGroup } = this.edge;
    if (props.domain) {
      this.dns = new DomainAliasRecords(this, 'Dns', {
        domain: props.domain,
        distribution,
        zones: this.domainZones,
      });
    }
    addOutputs(this, {
      DistributionDomainName: {
        value: distribution.distributionDomainName,
      },
      DistributionId: {
        value: distribution.distributionId,
      },
      SpaBucketName: { value: spaBucket.bucketName },
      LoadBalancerDnsName: {
        value: loadBalancer.loadBalancerDnsName,
      },
      ApiTargetGroupArn: {
        value: apiTargetGroup.targetGroupArn,
        description: 'Target group of the API pods (TargetGroupBinding)',
      },
    });
  }

  /**
   * With a domain: a certificate of its names in this region for the ALB
   * (CloudFront reaches it over HTTPS by the domain's name), and for
   * CloudFront the us-east-1 one (this one, in us-east-1).
   */
  private certificates(props: EdgeStackProps) {
    if (!props.domain) {
      return {};
    }
    this.domainZones =
      props.domainZones ??
      delegatedZonesIn(
        this,
        props.domain,
        props.managementAccount,
        props.environmentName,
      )?.zones;
    const regional = new DomainCertificate(
      this,
      'Certificate',
      props.domain,
      this.domainZones,
    );
    const [domainName, ...alternateDomainNames] = domainNames(props.domain);
    return {
      domainName,
      alternateDomainNames,
      certificate: props.cloudFrontCertificate ?? regional.certificate,
      originCertificate: regional.certificate,
    };
  }
}
