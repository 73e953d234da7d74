import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import type { EdgeProps } from './EdgeProps';
import { EdgeVpcOriginAccess } from './EdgeVpcOriginAccess';

/**
 * Viewer-request function of the SPA behavior: a path whose last segment
 * has no file extension is a client-side route, so it gets `index.html`.
 * Done here rather than with the distribution's custom error responses,
 * which would also turn the API's (and the WAF's) 403 and 404 into a 200
 * with the SPA's HTML.
 */
const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * The way in: CloudFront (with the WAF web ACL) serves the React SPA from a
 * private S3 bucket through Origin Access Control (client-side routes get
 * `index.html` from a CloudFront Function) and forwards `/api/*` through a
 * CloudFront VPC origin to an internal ALB in the private subnets, whose
 * security group admits only that VPC origin (see
 * {@link EdgeVpcOriginAccess}): the ALB has no internet-facing listener, so
 * nothing reaches the API without passing the distribution and its WAF.
 * The ALB forwards to an IP target group on the API port; the AWS Load
 * Balancer Controller registers the API pods in it (TargetGroupBinding).
 * Access logs of all three go to one log bucket.
 *
 * @public
 */
export class Edge extends Construct {
  readonly logBucket: s3.Bucket;
  readonly spaBucket: s3.Bucket;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly apiTargetGroup: elbv2.ApplicationTargetGroup;
  readonly distribution: cloudfront.Distribution;
  /** The ALB's one ingress rule, from the CloudFront VPC origin. */
  readonly vpcOriginAccess: EdgeVpcOriginAccess;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    if (props.domainName !== undefined && !props.certificate) {
      throw new Error(
        `The custom domain ${props.domainName} needs a certificate`,
      );
    }
    if (props.originCertificate && props.domainName === undefined) {
      throw new Error(
        'An origin certificate needs the domain name it was issued for',
      );
    }

    this.logBucket = new s3.Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { expiration: Duration.days(props.accessLogRetentionDays) },
      ],
    });

    this.spaBucket = new s3.Bucket(this, 'SpaBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/spa/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    this.loadBalancer = this.createLoadBalancer(props);
    this.apiTargetGroup = this.createApiTargetGroup(props);
    this.distribution = this.createDistribution(props);
    this.vpcOriginAccess = new EdgeVpcOriginAccess(this, 'VpcOriginAccess', {
      vpc: props.vpc,
      loadBalancerSecurityGroup: props.loadBalancerSecurityGroup,
      port: this.originPort(props),
      dependsOn: [this.distribution],
      logRetentionDays: props.accessLogRetentionDays,
    });
    this.acknowledgeDistributionFindings(props);
  }

  /** 443 when the ALB has a certificate (HTTPS to the origin), else 80. */
  private originPort(props: EdgeProps): number {
    return props.originCertificate ? 443 : 80;
  }

  /** Internal, in the private subnets: only the VPC origin reaches it. */
  private createLoadBalancer(props: EdgeProps): elbv2.ApplicationLoadBalancer {
    const loadBalancer = new elbv2.ApplicationLoadBalancer(
      this,
      'LoadBalancer',
      {
        loadBalancerName: props.loadBalancerName,
        vpc: props.vpc,
        internetFacing: false,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroup: props.loadBalancerSecurityGroup,
        dropInvalidHeaderFields: true,
      },
    );
    loadBalancer.logAccessLogs(this.logBucket, 'alb');
    return loadBalancer;
  }

  /**
   * The API pods' IP target group, behind the ALB's one listener: HTTPS on
   * 443 with the origin certificate when there is one, else HTTP on 80.
   */
  private createApiTargetGroup(props: EdgeProps): elbv2.ApplicationTargetGroup {
    const targetGroup = new elbv2.ApplicationTargetGroup(
      this,
      'ApiTargetGroup',
      {
        targetGroupName: props.apiTargetGroupName,
        vpc: props.vpc,
        targetType: elbv2.TargetType.IP,
        protocol: elbv2.ApplicationProtocol.HTTP,
        port: props.apiPort,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: {
          path: props.apiHealthCheckPath,
          port: String(props.apiPort),
          healthyHttpCodes: '200',
        },
      },
    );
    const certificate = props.originCertificate;
    this.loadBalancer.addListener(
      certificate ? 'HttpsListener' : 'HttpListener',
      {
        protocol: certificate
          ? elbv2.ApplicationProtocol.HTTPS
          : elbv2.ApplicationProtocol.HTTP,
        port: this.originPort(props),
        ...(certificate
          ? {
              certificates: [certificate],
              sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
            }
          : {}),
        // The security group decides who may connect: the VPC origin only.
        open: false,
        defaultTargetGroups: [targetGroup],
      },
    );
    return targetGroup;
  }

  /** The SPA from S3 (with its routing function), `/api/*` to the ALB. */
  private createDistribution(props: EdgeProps): cloudfront.Distribution {
    const spaRouting = new cloudfront.Function(this, 'SpaRoutingFunction', {
      functionName: props.spaRoutingFunctionName,
      comment: 'Client-side routes of the SPA get index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_ROUTING_CODE),
    });

    return new cloudfront.Distribution(this, 'Distribution', {
      comment: 'React SPA and Flask API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.spaBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [
          {
            function: spaRouting,
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: this.apiOrigin(props),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy:
            cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(props.certificate
        ? {
            domainNames: props.domainName
              ? [props.domainName, ...(props.alternateDomainNames ?? [])]
              : undefined,
            certificate: props.certificate,
            minimumProtocolVersion:
              cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
  }

  /**
   * The ALB as a CloudFront VPC origin. With an origin certificate:
   * HTTPS only (TLSv1.2), and the origin domain is the spec's domain, the
   * name the certificate covers (CloudFront reaches a VPC origin by its id,
   * and checks the certificate against the origin domain). Without one:
   * HTTP, which for a VPC origin stays inside AWS's network: CloudFront's
   * network interfaces in the private subnets connect to the internal ALB,
   * and the traffic never crosses the internet.
   */
  private apiOrigin(props: EdgeProps): cloudfront.IOrigin {
    if (props.originCertificate) {
      return origins.VpcOrigin.withApplicationLoadBalancer(this.loadBalancer, {
        vpcOriginName: props.vpcOriginName,
        domainName: props.domainName,
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      });
    }
    return origins.VpcOrigin.withApplicationLoadBalancer(this.loadBalancer, {
      vpcOriginName: props.vpcOriginName,
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
    });
  }

  private acknowledgeDistributionFindings(props: EdgeProps) {
    const distributionResource = this.distribution.node
      .defaultChild as cloudfront.CfnDistribution;
    acknowledge(
      distributionResource,
      'AwsSolutions-CFR1',
      'The application serves users worldwide (the seed plans for global users); no country is restricted.',
    );
    if (!props.certificate) {
      acknowledge(
        distributionResource,
        'AwsSolutions-CFR4',
        'No custom domain in the spec: the default *.cloudfront.net certificate cannot pin a minimum TLS version. Setting domain (name and hosted zone) creates an ACM certificate and enforces TLSv1.2_2021.',
      );
    }
  }
}
