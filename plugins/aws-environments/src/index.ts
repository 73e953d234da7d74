/**
 * Frontend of the AWS environments plugins: the environments page, each
 * environment's EKS, RDS, alarm, cost and deployment views, entity cards for
 * the environment's parts, and the live cost field of the create wizard.
 *
 * The default export is the plugin for the new frontend system; the named
 * exports serve apps on the legacy frontend system.
 *
 * @packageDocumentation
 */

export { awsEnvironmentsPlugin as default } from './plugin';
export {
  environmentRouteRef,
  environmentTemplateRouteRef,
  rootRouteRef,
} from './routes';
export * from './legacy';
export { AwsEnvironmentsClient, awsEnvironmentsApiRef } from './api';
export type { AwsEnvironmentsApi } from './api';
export {
  isAwsAlarmEntity,
  isAwsBudgetEntity,
  isAwsDomainEntity,
  isAwsEnvironmentEntity,
  isEksClusterEntity,
  isRdsDatabaseEntity,
} from './components/EntityAwsEnvironment/entityAnnotations';
export {
  CostEstimateFieldSchema,
  specFromFormData,
} from './components/CostEstimateField';
export type {
  CostEstimateFieldUiOptions,
  CostEstimateFieldValue,
} from './components/CostEstimateField';
export {
  ChangePreviewFieldSchema,
  type ChangePreviewFieldValue,
  type ChangePreviewState,
} from './components/ChangePreviewField';
