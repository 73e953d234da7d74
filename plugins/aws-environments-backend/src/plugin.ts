import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  defaultEnvironmentSpec,
  estimateFromSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { registerEnvironmentActions } from './actions';
import { readPluginOptions, readValidateResponses } from './config';
import { awsEnvironmentResourceRef } from './permissions/resource';
import { createRouter } from './router';
import { EnvironmentAccess } from './services/Access/EnvironmentAccess';
import { DatabaseEnvironmentRegistry } from './services/EnvironmentRegistry/DatabaseEnvironmentRegistry';
import { startRepositorySync } from './services/RepositorySync/start';
import {
  awsClientFactoryServiceRef,
  cdkToolkitServiceRef,
  environmentSynthesizerServiceRef,
} from './services/refs';
import {
  assignDefaultOwner,
  createDeploymentQueue,
  createPreviewService,
  createFleetService,
  createViewService,
  registerEnvironmentResources,
  startGuardrailChecks,
} from './wiring';

/**
 * The aws-environments backend plugin: the environment registry,
 * deployments (sandbox and AWS) and the data views.
 *
 * @public
 */
export const awsEnvironmentsPlugin = createBackendPlugin({
  pluginId: AWS_ENVIRONMENTS_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        lifecycle: coreServices.lifecycle,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        events: eventsServiceRef,
        synthesizer: environmentSynthesizerServiceRef,
        toolkit: cdkToolkitServiceRef,
        awsClients: awsClientFactoryServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const options = readPluginOptions(deps.config);
        const registry = await DatabaseEnvironmentRegistry.create({
          database: deps.database,
        });
        registerEnvironmentResources(deps.permissionsRegistry, registry);
        const access = new EnvironmentAccess({
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          catalog: deps.catalog,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(
            awsEnvironmentResourceRef,
          ),
        });
        await assignDefaultOwner(registry, options, deps.logger);
        const views = createViewService({
          ...deps,
          registry,
          pluginOptions: options,
        });
        const { worker, deployments } = createDeploymentQueue({
          ...deps,
          registry,
          pluginOptions: options,
        });

        await deps.scheduler.scheduleTask({
          id: 'aws-environments:deployment-queue',
          scope: 'local',
          frequency: { milliseconds: options.deployments.pollIntervalMs },
          timeout: { hours: 3 },
          fn: () => worker.runOnce(),
        });
        deps.lifecycle.addShutdownHook(() => worker.stop());

        if (options.seedEnvironment) {
          await deployments.seed(defaultEnvironmentSpec());
        }
        // Merges to environment repositories become proposed deployments.
        await startRepositorySync(deps, registry, deployments, options);

        // The routes and the actions (for AI agents, over MCP) share services.
        const services = {
          auditor: deps.auditor,
          access,
          registry,
          deployments,
          views,
          preview: createPreviewService({ ...deps, pluginOptions: options }),
          validateSpec: validateEnvironmentSpec,
          estimate: estimateFromSpec,
        };
        deps.httpRouter.use(
          await createRouter({
            ...services,
            httpAuth: deps.httpAuth,
            validateResponses: readValidateResponses(deps.config),
            checks: await startGuardrailChecks(deps, registry, views, options),
            fleet: createFleetService({
              ...deps,
              registry,
              access,
              pluginOptions: options,
            }),
          }),
        );
        registerEnvironmentActions(deps.actionsRegistry, {
          ...services,
          appBaseUrl: deps.config.getOptionalString('app.baseUrl') ?? '',
        });
      },
    });
  },
});
