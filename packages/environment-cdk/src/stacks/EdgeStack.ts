import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Edge, EdgeWebAcl, Network } from '../constructs';
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
   * @default - the web ACL is created in this stack (region us-east-1)
   */
  readonly webAcl?: EdgeWebAcl;
  /**
   * Custom domain (the spec's `domain.name`), served only with
   * `certificateArn`.
   *
   * @default - the distribution's `*.cloudfront.net` name only
   */
  readonly domainName?: string;
  /**
   * ARN of the domain's ACM certificate in us-east-1 (the spec's
   * `domain.certificateArn`), imported in this stack.
   *
   * @default - the default `*.cloudfront.net` certificate
   */
  readonly certificateArn?: string;
}

/**
 * `<name>-edge`: S3 + CloudFront + WAF + ALB (internal, a VPC origin).
 *
 * @public
 */
export class EdgeStack extends Stack {
  readonly edge: Edge;
  readonly webAcl: EdgeWebAcl;

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
   * The spec's certificate (us-east-1) for CloudFront, and for the ALB too
   * when the environment is in us-east-1: an ALB can use only a certificate
   * of its own region, so elsewhere CloudFront reaches it over HTTP inside
   * the VPC.
   */
  private certificates(props: EdgeStackProps) {
    if (props.certificateArn === undefined) {
      return {};
    }
    const certificate = acm.Certificate.fromCertificateArn(
      this,
      'Certificate',
      props.certificateArn,
    );
    const sameRegion =
      Arn.split(props.certificateArn, ArnFormat.SLASH_RESOURCE_NAME).region ===
      this.region;
    return {
      domainName: props.domainName,
      certificate,
      ...(sameRegion ? { originCertificate: certificate } : {}),
    };
  }
}
