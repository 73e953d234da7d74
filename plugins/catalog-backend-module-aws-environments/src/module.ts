import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AwsEnvironmentsProvider } from './provider/AwsEnvironmentsProvider';

/**
 * Catalog module: the AWS environments entity provider.
 *
 * @public
 */
export const catalogModuleAwsEnvironments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-environments-provider',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        logger,
        config,
        scheduler,
        discovery,
        auth,
        events,
        processing,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.awsEnvironments.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : {
              frequency: { seconds: 30 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 5 },
            };
        processing.addEntityProvider(
          new AwsEnvironmentsProvider({
            discovery,
            auth,
            logger,
            events,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
