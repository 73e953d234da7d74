import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { EdgeWebAcl } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * `<name>-edge-waf`: the CloudFront web ACL, pinned to us-east-1. Only used
 * when the environment's region is another one; the edge stack reads the
 * ACL's ARN with a cross-region `Fn::GetStackOutput` (aws-cdk-lib's weak
 * cross-stack references), so no custom resource is involved.
 *
 * @public
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', {
      webAclName: environmentResourceNames(props.spec.name).webAcl,
      rateLimitPer5Minutes: ENVIRONMENT_DESIGN.wafRateLimitPer5Minutes,
    });
  }
}
