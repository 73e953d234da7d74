import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Properties of {@link Edge}.
 *
 * @public
 */
export interface EdgeProps {
  readonly vpc: ec2.IVpc;
  /** Security group admitting only CloudFront (see `Network`). */
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
  /** ARN of the CLOUDFRONT-scope WAF web ACL (created in us-east-1). */
  readonly webAclArn: string;
  /**
   * Custom domain served by CloudFront, with its ACM certificate (us-east-1).
   *
   * @default - the distribution's `*.cloudfront.net` name only
   */
  readonly domain?: { name: string; certificateArn: string };
  /** Days access logs (ALB, CloudFront, S3) are kept. */
  readonly accessLogRetentionDays: number;
}
