/**
 * Scaffolder actions of the AWS environments plugins:
 * `aws-environments:estimate`, `:synth`, `:deploy`, `:destroy`, `:outputs`
 * and `:vendor`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAwsEnvironments as default } from './module';
export { createEstimateAction } from './actions/estimate';
export { createSynthAction } from './actions/synth';
export { createDeployAction } from './actions/deploy';
export type { DeployActionOptions } from './actions/deploy';
export { createDestroyAction } from './actions/destroy';
export type { DestroyActionOptions } from './actions/destroy';
export { createOutputsAction } from './actions/outputs';
export type { OutputsActionOptions } from './actions/outputs';
export { createVendorAction } from './actions/vendor';
export type { VendorActionOptions } from './actions/vendor';
export type { AwsEnvironmentsBackend } from './services/AwsEnvironmentsBackendClient';
export type { CatalogLookup } from './services/CatalogLookup';
