import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { EdgeWebAcl } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';

/**
 * Properties of {@link EdgeWafStack}: no slice of the spec beyond the
 * environment's name.
 *
 * @public
 */
export type EdgeWafStackProps = EnvironmentStackProps;

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

  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, props);
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', {
      webAclName: environmentResourceNames(props.environmentName).webAcl,
      rateLimitPer5Minutes: ENVIRONMENT_DESIGN.wafRateLimitPer5Minutes,
    });
  }
}
