import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID as PLUGIN_ID,
  AWS_ENVIRONMENTS_TOPIC,
  type AwsEnvironmentsApiClient,
  createAwsEnvironmentsApiClient,
  type EnvironmentSummary,
  RunAgainCoalescer,
} from '@innovate/plugin-aws-environments-common';

/** Kept for the module's API users: the topic now lives in the common package. */
export { AWS_ENVIRONMENTS_TOPIC };

/** Environments whose parts exist (or are being changed) and so belong in the catalog. */
const LISTED_STATUSES: ReadonlyArray<EnvironmentSummary['status']> = [
  'deployed',
  'deploying',
  'awaiting-approval',
  'failed',
  'destroying',
];

/**
 * What {@link AwsEnvironmentsProvider} needs.
 *
 * @public
 */
export interface AwsEnvironmentsProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  events?: EventsService;
}

/**
 * Emits the catalog entities of every environment registered in the
 * aws-environments backend plugin, as recorded at the environment's last
 * successful synthesis. Each refresh is a full mutation, so the entities of a
 * destroyed environment leave the catalog with it.
 *
 * @public
 */
export class AwsEnvironmentsProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly refreshes = new RunAgainCoalescer(() => this.refreshOnce());
  private readonly client: AwsEnvironmentsApiClient;

  constructor(private readonly options: AwsEnvironmentsProviderOptions) {
    const { discovery, auth } = options;
    this.client = createAwsEnvironmentsApiClient({
      baseUrl: () => discovery.getBaseUrl(PLUGIN_ID),
      headers: async () => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: PLUGIN_ID,
        });
        return { Authorization: `Bearer ${token}` };
      },
      toError: response => ResponseError.fromResponse(response),
    });
  }

  getProviderName(): string {
    return 'aws-environments';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
    await this.options.events?.subscribe({
      id: `catalog-${this.getProviderName()}`,
      topics: [AWS_ENVIRONMENTS_TOPIC],
      onEvent: async () => this.refresh(),
    });
  }

  /**
   * Reads every environment and replaces the provider's entities. Calls that
   * arrive during a refresh run once more after it, never in parallel.
   */
  async refresh(): Promise<void> {
    return this.refreshes.run();
  }

  private async refreshOnce(): Promise<void> {
    if (!this.connection) {
      throw new Error('AwsEnvironmentsProvider is not connected');
    }
    const items = await read('/environments', () =>
      this.client.listEnvironments(),
    );
    const listed = items.filter(env => LISTED_STATUSES.includes(env.status));
    const perEnvironment = await Promise.all(
      listed.map(async env => {
        const entities = await read(
          `/environments/${encodeURIComponent(env.name)}/entities`,
          () => this.client.getEntities(env.name),
        );
        return entities.map(entity =>
          this.withLocation(entity as Entity, env.name),
        );
      }),
    );
    const entities = perEnvironment.flat();
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(({ entity, locationKey }) => ({
        entity,
        locationKey,
      })),
    });
    this.options.logger.info(
      `Emitted ${entities.length} entities for ${listed.length} AWS environments`,
    );
  }

  private withLocation(entity: Entity, environment: string) {
    const location = `${this.getProviderName()}:${environment}`;
    return {
      locationKey: location,
      entity: {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [ANNOTATION_LOCATION]: location,
            [ANNOTATION_ORIGIN_LOCATION]: location,
          },
        },
      },
    };
  }
}

/** The call's result; its failure says what was read and the backend's message. */
async function read<T>(path: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ResponseError)) {
      throw error;
    }
    throw new Error(
      `Reading ${path} from the aws-environments backend failed: ${error.cause.message}`,
      { cause: error },
    );
  }
}
