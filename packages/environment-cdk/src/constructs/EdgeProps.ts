import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Properties of {@link Edge}.
 *
 * @public
 */
export interface EdgeProps {
  readonly vpc: ec2.IVpc;
  /**
   * The ALB's security group (see `Network`); the edge adds its one
   * ingress rule, from the CloudFront VPC origin.
   */
  readonly loadBalancerSecurityGroup: ec2.ISecurityGroup;
  readonly loadBalancerName: string;
  readonly apiTargetGroupName: string;
  /** Port the API pods listen on. */
  readonly apiPort: number;
  readonly apiHealthCheckPath: string;
  /**
   * Name of the CloudFront function that routes the SPA's client-side paths
   * to `index.html`; unique in the account (CloudFront is global).
   */
  readonly spaRoutingFunctionName: string;
  /**
   * ARN of the CLOUDFRONT-scope WAF web ACL (created in us-east-1). An ARN:
   * WAFv2 has no construct interface in aws-cdk-lib, and CloudFront takes
   * the ARN.
   */
  readonly webAclArn: string;
  /**
   * Custom domain served by CloudFront; needs `certificate`.
   *
   * @defaultValue - the distribution's `*.cloudfront.net` name only
   */
  readonly domainName?: string;
  /**
   * More names CloudFront serves (the API's own name); the certificate
   * covers them too.
   *
   * @defaultValue - none
   */
  readonly alternateDomainNames?: string[];
  /**
   * ACM certificate (us-east-1) of `domainName`; with it, viewers need
   * TLSv1.2_2021 or later.
   *
   * @defaultValue - the default `*.cloudfront.net` certificate
   */
  readonly certificate?: acm.ICertificate;
  /**
   * Certificate of `domainName` in the ALB's region: with it, CloudFront
   * reaches the ALB over HTTPS (TLSv1.2) on 443, with `domainName` as the
   * origin domain.
   *
   * @defaultValue - HTTP on 80 inside the VPC (the VPC origin's traffic stays in
   * AWS's network)
   */
  readonly originCertificate?: acm.ICertificate;
  /** Name of the CloudFront VPC origin of the ALB. */
  readonly vpcOriginName: string;
  /** Days access logs (ALB, CloudFront, S3) are kept. */
  readonly accessLogRetentionDays: number;
}
