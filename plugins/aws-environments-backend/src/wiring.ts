import type {
  CacheService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  awsEnvironmentsPermissions,
  estimateFromSpec,
  lifecycleCalendarStaleWarning,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { PluginOptions } from './config';
import { awsEnvironmentResourceRef } from './permissions/resource';
import { awsEnvironmentRules } from './permissions/rules';
import type { AwsClientFactory } from './services/AwsClients/types';
import { AwsDataSource } from './services/DataSources/aws/AwsDataSource';
import { SandboxDataSource } from './services/DataSources/sandbox/SandboxDataSource';
import { AwsFleetSource } from './services/DataSources/aws/fleetSource';
import { SandboxFleetSource } from './services/DataSources/sandbox/sandboxFleet';
import type { EnvironmentAccess } from './services/Access/EnvironmentAccess';
import { FleetService } from './services/Fleet/FleetService';
import type { DeployedEnvironment } from './services/DataSources/types';
import { AwsDeploymentTarget } from './services/Deployments/aws/AwsDeploymentTarget';
import type { CdkToolkit } from './services/Deployments/aws/CdkToolkit';
import { restrictAccounts } from './services/Deployments/accountAllowList';
import { DefaultDeploymentService } from './services/Deployments/DefaultDeploymentService';
import { DeploymentRunner } from './services/Deployments/DeploymentRunner';
import { DeploymentWorker } from './services/Deployments/DeploymentWorker';
import { SandboxDeploymentTarget } from './services/Deployments/sandbox/SandboxDeploymentTarget';
import type { EnvironmentRegistry } from './services/EnvironmentRegistry/types';
import { PreviewService } from './services/Preview/PreviewService';
import type { EnvironmentSynthesizer } from './services/Synthesizer/types';
import { ViewService } from './services/Views/ViewService';
import { CheckService } from './services/Checks/CheckService';
import { CostAnomalyDetection } from './services/Checks/costAnomalies';
import { DatabaseCheckNotificationStore } from './services/Checks/DatabaseCheckNotificationStore';
import type { CheckNotifier } from './services/Checks/types';

/*
 * The plugin's services built from its options and the backend's services;
 * plugin.ts declares the dependencies and calls these.
 */

/** Registers the `aws-environment` permission resource, read from the registry. */
export function registerEnvironmentResources(
  permissionsRegistry: PermissionsRegistryService,
  registry: EnvironmentRegistry,
) {
  permissionsRegistry.addResourceType({
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
}

/** Gives environments registered before owners existed the default owner. */
export async function assignDefaultOwner(
  registry: EnvironmentRegistry,
  options: PluginOptions,
  logger: LoggerService,
) {
  const unowned = await registry.assignOwnerToUnowned(options.defaultOwner);
  if (unowned > 0) {
    logger.info(
      `Assigned owner ${options.defaultOwner} (awsEnvironments.defaultOwner) to ${unowned} environments registered before environments had owners`,
    );
  }
}

/** The cluster, database, alarm, cost and drift views of both sources, cached. */
export function createViewService(options: {
  registry: EnvironmentRegistry;
  awsClients: AwsClientFactory;
  cache: CacheService;
  logger: LoggerService;
  pluginOptions: PluginOptions;
}) {
  const estimate = (environment: DeployedEnvironment) =>
    estimateFromSpec(environment.spec);
  return new ViewService({
    registry: options.registry,
    sources: {
      sandbox: new SandboxDataSource({ estimate }),
      aws: new AwsDataSource({
        clients: options.awsClients,
        costAllocationTag: options.pluginOptions.aws.costAllocationTag,
        estimate,
      }),
    },
    cache: options.cache,
    logger: options.logger,
    options: options.pluginOptions.cache,
  });
}

/** The fleet summary of both sources, cached like the views. */
export function createFleetService(options: {
  registry: EnvironmentRegistry;
  access: EnvironmentAccess;
  awsClients: AwsClientFactory;
  cache: CacheService;
  logger: LoggerService;
  pluginOptions: PluginOptions;
}) {
  const estimate = (environment: DeployedEnvironment) =>
    estimateFromSpec(environment.spec);
  return new FleetService({
    registry: options.registry,
    access: options.access,
    sources: {
      sandbox: new SandboxFleetSource({ estimate }),
      aws: new AwsFleetSource({
        clients: options.awsClients,
        costAllocationTag: options.pluginOptions.aws.costAllocationTag,
      }),
    },
    cache: options.cache,
    logger: options.logger,
    options: options.pluginOptions.cache,
  });
}

/**
 * The deployment queue: the worker that runs queued deployments on this
 * instance, and the service that accepts requests and wakes it.
 */
export function createDeploymentQueue(options: {
  registry: EnvironmentRegistry;
  synthesizer: EnvironmentSynthesizer;
  toolkit: CdkToolkit;
  awsClients: AwsClientFactory;
  events: EventsService;
  logger: LoggerService;
  pluginOptions: PluginOptions;
}) {
  const { registry, logger, pluginOptions } = options;
  const worker = new DeploymentWorker({
    registry,
    runner: new DeploymentRunner({
      registry,
      synthesizer: options.synthesizer,
      targets: {
        sandbox: new SandboxDeploymentTarget({ registry }),
        aws: new AwsDeploymentTarget({
          toolkit: options.toolkit,
          clients: options.awsClients,
        }),
      },
      events: options.events,
      logger,
      workDirectory: pluginOptions.deployments.workDirectory,
    }),
    logger,
    workerId: `${os.hostname()}/${randomUUID()}`,
    leaseTimeoutMs: pluginOptions.deployments.leaseTimeoutMs,
  });
  const deployments = new DefaultDeploymentService({
    registry,
    validateSpec: restrictAccounts(
      validateEnvironmentSpec,
      pluginOptions.allowedAccounts,
    ),
    defaultSource: pluginOptions.defaultSource,
    seedOwner: pluginOptions.defaultOwner,
    perUserLimit: pluginOptions.deployments.perUserLimit,
    onQueued: () => worker.kick(),
  });
  return { worker, deployments };
}

/** Previews of spec changes, through the deployments' synthesizer. */
export function createPreviewService(options: {
  synthesizer: EnvironmentSynthesizer;
  awsClients: AwsClientFactory;
  pluginOptions: PluginOptions;
}) {
  return new PreviewService({
    synthesizer: options.synthesizer,
    awsClients: options.awsClients,
    estimate: estimateFromSpec,
    workDirectory: options.pluginOptions.deployments.workDirectory,
  });
}

/**
 * The guardrail checks: the views they read, their deduplication in the
 * plugin's database and the notifications they send to owner groups; run
 * by one instance on the configured schedule. Warns at start-up when the
 * lifecycle calendar is older than 180 days.
 */
export async function startGuardrailChecks(
  deps: {
    database: DatabaseService;
    notifications: CheckNotifier;
    awsClients: AwsClientFactory;
    scheduler: SchedulerService;
    logger: LoggerService;
  },
  registry: EnvironmentRegistry,
  views: ViewService,
  pluginOptions: PluginOptions,
) {
  const options = { ...deps, registry, views, pluginOptions };
  const calendarWarning = lifecycleCalendarStaleWarning(new Date());
  if (calendarWarning) {
    options.logger.warn(calendarWarning);
  }
  const checks = new CheckService({
    registry: options.registry,
    views: options.views,
    store: new DatabaseCheckNotificationStore(
      await options.database.getClient(),
    ),
    notifier: options.notifications,
    anomalies: new CostAnomalyDetection(options.awsClients),
    logger: options.logger,
  });
  await options.scheduler.scheduleTask({
    id: 'aws-environments:guardrail-checks',
    scope: 'global',
    frequency: { milliseconds: options.pluginOptions.checks.frequencyMs },
    initialDelay: { minutes: 1 },
    timeout: { minutes: 30 },
    fn: () => checks.runAll(),
  });
  return checks;
}
