import type {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { validateEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { PluginOptions } from '../../config';
import type { CheckNotifier } from '../Checks/types';
import { DatabaseCheckNotificationStore } from '../Checks/DatabaseCheckNotificationStore';
import { restrictAccounts } from '../Deployments/accountAllowList';
import type { DeploymentService } from '../Deployments/types';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import { readRepositorySyncOptions } from './config';
import { DatabaseRepositorySyncStore } from './DatabaseRepositorySyncStore';
import { RepositorySync } from './RepositorySync';

/**
 * Schedules the repository sync (one instance runs it, a global task) on
 * `awsEnvironments.repositorySync.frequency`; nothing when it is turned off.
 */
export async function startRepositorySync(
  deps: {
    config: RootConfigService;
    database: DatabaseService;
    catalog: CatalogService;
    auth: AuthService;
    urlReader: UrlReaderService;
    scheduler: SchedulerService;
    auditor: AuditorService;
    notifications: CheckNotifier;
    logger: LoggerService;
  },
  registry: EnvironmentRegistry,
  deployments: Pick<DeploymentService, 'requestDeployment'>,
  pluginOptions: PluginOptions,
): Promise<RepositorySync | undefined> {
  const options = readRepositorySyncOptions(deps.config);
  if (!options.enabled) {
    deps.logger.info(
      'Repository sync is off (awsEnvironments.repositorySync.enabled: false): merges to environment repositories are not proposed',
    );
    return undefined;
  }
  const knex = await deps.database.getClient();
  const sync = new RepositorySync({
    catalog: deps.catalog,
    auth: deps.auth,
    reader: deps.urlReader,
    registry,
    deployments,
    validateSpec: restrictAccounts(
      validateEnvironmentSpec,
      pluginOptions.allowedAccounts,
    ),
    store: new DatabaseRepositorySyncStore(knex),
    notifications: new DatabaseCheckNotificationStore(knex),
    notifier: deps.notifications,
    auditor: deps.auditor,
    logger: deps.logger,
  });
  await deps.scheduler.scheduleTask({
    id: 'aws-environments:repository-sync',
    scope: 'global',
    frequency: { milliseconds: options.frequencyMs },
    initialDelay: { minutes: 1 },
    timeout: { minutes: 15 },
    fn: async () => {
      await sync.runAll();
    },
  });
  return sync;
}
