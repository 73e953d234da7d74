import { Stack } from 'aws-cdk-lib';
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
}

/**
 * `<name>-edge`: S3 + CloudFront + WAF + ALB.
 *
 * @public
 */
export class EdgeStack extends Stack {
  readonly edge: Edge;
  readonly webAcl: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { spec, network } = props;
    const names = environmentResourceNames(spec.name);
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
      spaRoutingFunctionName: `${spec.name}-spa-routing`,
      webAclArn: this.webAcl.webAcl.attrArn,
      domain:
        spec.domain?.certificateArn !== undefined
          ? {
              name: spec.domain.name,
              certificateArn: spec.domain.certificateArn,
            }
          : undefined,
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
}
