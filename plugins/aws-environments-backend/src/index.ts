/**
 * The aws-environments backend plugin: environments, deployments (sandbox
 * and AWS) and the cluster, database, alarm and cost views.
 *
 * @packageDocumentation
 */

export { awsEnvironmentsPlugin as default } from './plugin';
/* Kept for the API's users: the facts now live in the common package. */
export {
  AWS_ENVIRONMENTS_TOPIC,
  type AwsEnvironmentsEventPayload,
} from '@innovate/plugin-aws-environments-common';
export {
  awsEnvironmentConditions,
  createAwsEnvironmentConditionalDecision,
} from './permissions/conditions';
export {
  awsEnvironmentResourceRef,
  type AwsEnvironmentFilter,
  type AwsEnvironmentResource,
} from './permissions/resource';
export { awsEnvironmentRules } from './permissions/rules';
