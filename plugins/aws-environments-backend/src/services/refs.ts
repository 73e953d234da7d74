import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readPluginOptions } from '../config';
import { DefaultAwsClientFactory } from './AwsClients/DefaultAwsClientFactory';
import type { AwsClientFactory } from './AwsClients/types';
import type { CdkToolkit } from './Deployments/aws/CdkToolkit';
import { ToolkitLibCdkToolkit } from './Deployments/aws/ToolkitLibCdkToolkit';
import type { EnvironmentSynthesizer } from './Synthesizer/types';
import { WorkerEnvironmentSynthesizer } from './Synthesizer/WorkerEnvironmentSynthesizer';

/**
 * Synthesizes environments; the default is the bundled CDK app
 * (`@innovate/environment-cdk`) in a worker thread, warmed once the backend
 * has started (loading aws-cdk-lib then does not slow the start) and ended
 * with it; a synthesis longer than `deployments.synthesisTimeout` fails and
 * its worker is replaced. Replaceable, e.g. by a fake in tests.
 */
export const environmentSynthesizerServiceRef =
  createServiceRef<EnvironmentSynthesizer>({
    id: 'aws-environments.synthesizer',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          lifecycle: coreServices.lifecycle,
        },
        factory: ({ config, logger, lifecycle }) => {
          const synthesizer = new WorkerEnvironmentSynthesizer({
            logger,
            timeoutMs: readPluginOptions(config).deployments.synthesisTimeoutMs,
          });
          lifecycle.addStartupHook(() => synthesizer.start());
          lifecycle.addShutdownHook(() => synthesizer.stop());
          return synthesizer;
        },
      }),
  });

/** Deploys cloud assemblies to AWS; the default is `@aws-cdk/toolkit-lib`. */
export const cdkToolkitServiceRef = createServiceRef<CdkToolkit>({
  id: 'aws-environments.cdk-toolkit',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => new ToolkitLibCdkToolkit(),
    }),
});

/**
 * AWS SDK clients with credentials from `aws.accounts`
 * (`@backstage/integration-aws-node`) and the plugin's retry and timeout
 * settings.
 */
export const awsClientFactoryServiceRef = createServiceRef<AwsClientFactory>({
  id: 'aws-environments.aws-clients',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => {
        const { aws } = readPluginOptions(config);
        return new DefaultAwsClientFactory(
          DefaultAwsCredentialsManager.fromConfig(config),
          {
            maxAttempts: aws.maxAttempts,
            requestTimeoutMs: aws.requestTimeoutMs,
          },
        );
      },
    }),
});
