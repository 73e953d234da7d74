import type { JsonObject, JsonValue } from '@backstage/types';
import { hexId } from '../../../lib/deterministic';
import { isJsonObject } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../../EnvironmentRegistry/types';

/** Properties that hold a resource's physical name, by resource type. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::EKS::Cluster': 'Name',
  'AWS::EKS::Nodegroup': 'NodegroupName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Name',
  'AWS::WAFv2::WebACL': 'Name',
  'AWS::CloudTrail::Trail': 'TrailName',
};

/**
 * Plausible, clearly synthetic values for the outputs of a sandbox
 * "deployment": physical ids carry `sandbox`, ARNs carry the stack's
 * account and region.
 */
export class SandboxIdentities {
  constructor(private readonly stack: RecordedStack) {}

  private resource(logicalId: string): JsonObject | undefined {
    const resources = this.stack.template.Resources;
    const resource = isJsonObject(resources) ? resources[logicalId] : undefined;
    return isJsonObject(resource) ? resource : undefined;
  }

  physicalId(logicalId: string): string {
    const resource = this.resource(logicalId);
    const type = String(resource?.Type ?? '');
    const nameProperty = NAME_PROPERTIES[type];
    const properties = isJsonObject(resource?.Properties)
      ? resource!.Properties
      : {};
    const literal = nameProperty ? properties[nameProperty] : undefined;
    if (typeof literal === 'string') {
      return literal;
    }
    // CloudFormation-generated names look like <stack>-<LogicalId>-<SUFFIX>.
    return `${this.stack.stackName}-${logicalId.slice(0, 24)}-sandbox${hexId(
      `${this.stack.stackName}/${logicalId}`,
      6,
    )}`;
  }

  arn(logicalId: string): string {
    const { region, account } = this.stack;
    const resource = this.resource(logicalId);
    const type = String(resource?.Type ?? 'AWS::Sandbox::Resource');
    const id = this.physicalId(logicalId);
    switch (type) {
      case 'AWS::EKS::Cluster':
        return `arn:aws:eks:${region}:${account}:cluster/${id}`;
      case 'AWS::RDS::DBInstance':
        return `arn:aws:rds:${region}:${account}:db:${id.toLowerCase()}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${id.toLowerCase()}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${region}:${account}:${id}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${account}:role/${id}`;
      default: {
        const [, service = 'sandbox', kind = 'resource'] = type.split('::');
        return `arn:aws:${service.toLowerCase()}:${region}:${account}:${kind.toLowerCase()}/${id}`;
      }
    }
  }

  /** Resolves an output value: literals, Ref, Fn::GetAtt, Fn::Join. */
  resolve(value: JsonValue | undefined): string {
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value);
    }
    if (!isJsonObject(value)) {
      return 'sandbox';
    }
    if (typeof value.Ref === 'string') {
      if (value.Ref === 'AWS::Region') return this.stack.region;
      if (value.Ref === 'AWS::AccountId') return this.stack.account;
      if (value.Ref === 'AWS::StackName') return this.stack.stackName;
      return this.physicalId(value.Ref);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      const [logicalId, attribute] = getAtt as [string, string];
      if (/Arn$/.test(String(attribute))) {
        return this.arn(logicalId);
      }
      if (/Endpoint/.test(String(attribute))) {
        return `${this.physicalId(logicalId).toLowerCase()}.sandbox.${
          this.stack.region
        }.amazonaws.com`;
      }
      return `${this.physicalId(logicalId)}-${String(attribute).toLowerCase()}`;
    }
    const join = value['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) {
      return join[1].map(part => this.resolve(part)).join(String(join[0]));
    }
    return `sandbox-${hexId(JSON.stringify(value), 8)}`;
  }

  /** The stack's outputs, by `<stack>.<output>`. */
  outputs(): Record<string, string> {
    const outputs = this.stack.template.Outputs;
    const result: Record<string, string> = {};
    if (!isJsonObject(outputs)) {
      return result;
    }
    for (const [key, output] of Object.entries(outputs)) {
      if (isJsonObject(output)) {
        result[`${this.stack.stackName}.${key}`] = this.resolve(output.Value);
      }
    }
    return result;
  }
}
