import { NETWORK_COMPUTE_DATA_ACTIONS } from './networkComputeDataActions';
import { PLATFORM_SERVICE_ACTIONS } from './platformServiceActions';

/**
 * The IAM actions CloudFormation's execution role needs to create, update,
 * delete and read each resource type the environment's templates use, by
 * service. Tagging actions are included because every resource carries the
 * environment tag.
 *
 * Sources: the `handlers` section (create, read, update, delete permissions)
 * of each type's CloudFormation resource type schema, as published in the
 * CloudFormation registry (`aws cloudformation describe-type --type RESOURCE
 * --type-name <type>`). Where a schema is in an open-source provider
 * repository (aws-cloudformation/aws-cloudformation-resource-providers-*)
 * the block names it. Checked line by line against the schema file: ECR
 * (aws-ecr-repository.json) and CloudWatch Logs (aws-logs-loggroup.json).
 * The other blocks follow the registry schemas' handler lists and the
 * Service Authorization Reference without an offline copy to diff against:
 * verify them with `describe-type` before the first deployment (a missing
 * action shows as an AccessDenied in the stack events, naming it). `iam:PassRole`, `iam:CreateServiceLinkedRole` and
 * the CDK bootstrap reads are added by policies.ts, scoped, not here.
 *
 * A type missing here fails `yarn env bootstrap-policy` naming the type: add
 * its schema's handler permissions when the CDK app starts using it.
 */
export const RESOURCE_TYPE_ACTIONS: Readonly<
  Record<string, readonly string[]>
> = {
  ...NETWORK_COMPUTE_DATA_ACTIONS,
  ...PLATFORM_SERVICE_ACTIONS,
};
