/**
 * Catalog backend module: emits a Resource for every part of every AWS
 * environment registered in the aws-environments backend plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleAwsEnvironments as default } from './module';
export {
  AwsEnvironmentsProvider,
  AWS_ENVIRONMENTS_TOPIC,
} from './provider/AwsEnvironmentsProvider';
export type { AwsEnvironmentsProviderOptions } from './provider/AwsEnvironmentsProvider';
