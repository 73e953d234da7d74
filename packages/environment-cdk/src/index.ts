/**
 * The bundled CDK app of the Innovate Portal: the seed architecture as code,
 * its synthesis with cdk-nag, the seed conformance report, the template cost
 * drivers and the catalog entities of an environment.
 *
 * @packageDocumentation
 */

export * from './app';
export * from './synthesize';
export { synthesizeEnvironmentInWorker } from './synthesizeInWorker';
export { startWorkerThread } from './workerThread';
export * from './conformance';
export * from './cost';
export * from './catalog';
export * from './templates';
export * from './constructs';
export * from './stacks';
export {
  collectAcknowledgements,
  NAG_PACK,
  readValidationFindings,
} from './nag';
