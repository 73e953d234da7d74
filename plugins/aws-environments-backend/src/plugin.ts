import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  awsEnvironmentsPermissions,
  defaultEnvironmentSpec,
  estimateFromSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { readPluginOptions } from './config';
import { awsEnvironmentResourceRef } from './permissions/resource';
import { awsEnvironmentRules } from './permissions/rules';
import { createRouter } from './router';
import { EnvironmentAccess } from './services/Access/EnvironmentAccess';
import { AwsDataSource } from './services/DataSources/aws/AwsDataSource';
import { SandboxDataSource } from './services/DataSources/sandbox/SandboxDataSource';
import type { DeployedEnvironment } from './services/DataSources/types';
import { AwsDeploymentTarget } from './services/Deployments/aws/AwsDeploymentTarget';
import { DefaultDeploymentService } from './services/Deployments/DefaultDeploymentService';
import { DeploymentRunner } from './services/Deployments/DeploymentRunner';
import { DeploymentWorker } from './services/Deployments/DeploymentWorker';
import { SandboxDeploymentTarget } from './services/Deployments/sandbox/SandboxDeploymentTarget';
import { DatabaseEnvironmentRegistry } from './services/EnvironmentRegistry/DatabaseEnvironmentRegistry';
import {
  awsClientFactoryServiceRef,
  cdkToolkitServiceRef,
  environmentSynthesizerServiceRef,
} from './services/refs';
import { ViewService } from './services/Views/ViewService';

/**
 * The aws-environments backend plugin: the environment registry,
 * deployments (sandbox and AWS) and the data views.
 *
 * @public
 */
export const awsEnvironmentsPlugin = createBackendPlugin({
  pluginId: 'aws-environments',
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
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        events: eventsServiceRef,
        synthesizer: environmentSynthesizerServiceRef,
        toolkit: cdkToolkitServiceRef,
        awsClients: awsClientFactoryServiceRef,
      },
      async init(deps) {
        const options = readPluginOptions(deps.config);
        const registry = await DatabaseEnvironmentRegistry.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: awsEnvironmentResourceRef,
          permissions: awsEnvironmentsPermissions,
          rules: Object.values(awsEnvironmentRules),
          getResources: async names =>
            Promise.all(
              names.map(async name => {
                const environment = await registry.getEnvironmentHeader(name);
                if (!environment) {
                  return undefined;
                }
                const [awaiting] = await registry.listDeployments(name, {
                  statuses: ['awaiting-approval'],
                  limit: 1,
                });
                return {
                  name: environment.name,
                  owner: environment.owner,
                  source: environment.source,
                  ...(awaiting ? { requestedBy: awaiting.requestedBy } : {}),
                };
              }),
            ),
        });
        const access = new EnvironmentAccess({
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          catalog: deps.catalog,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(
            awsEnvironmentResourceRef,
          ),
        });
        const unowned = await registry.assignOwnerToUnowned(
          options.defaultOwner,
        );
        if (unowned > 0) {
          deps.logger.info(
            `Assigned owner ${options.defaultOwner} (awsEnvironments.defaultOwner) to ${unowned} environments registered before environments had owners`,
          );
        }
        const estimate = (environment: DeployedEnvironment) =>
          estimateFromSpec(environment.spec);
        const views = new ViewService({
          registry,
          sources: {
            sandbox: new SandboxDataSource({ estimate }),
            aws: new AwsDataSource({
              clients: deps.awsClients,
              costAllocationTag: options.aws.costAllocationTag,
              estimate,
            }),
          },
          cache: deps.cache,
          logger: deps.logger,
          options: options.cache,
        });

        const worker = new DeploymentWorker({
          registry,
          runner: new DeploymentRunner({
            registry,
            synthesizer: deps.synthesizer,
            targets: {
              sandbox: new SandboxDeploymentTarget(),
              aws: new AwsDeploymentTarget({
                toolkit: deps.toolkit,
                clients: deps.awsClients,
              }),
            },
            events: deps.events,
            logger: deps.logger,
            workDirectory: options.deployments.workDirectory,
          }),
          logger: deps.logger,
          workerId: `${os.hostname()}/${randomUUID()}`,
          leaseTimeoutMs: options.deployments.leaseTimeoutMs,
        });
        const deployments = new DefaultDeploymentService({
          registry,
          validateSpec: validateEnvironmentSpec,
          defaultSource: options.defaultSource,
          seedOwner: options.defaultOwner,
          perUserLimit: options.deployments.perUserLimit,
          onQueued: () => worker.kick(),
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

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            access,
            registry,
            deployments,
            views,
            validateSpec: validateEnvironmentSpec,
            estimate: estimateFromSpec,
            validateResponses: process.env.NODE_ENV !== 'production',
          }),
        );
      },
    });
  },
});
