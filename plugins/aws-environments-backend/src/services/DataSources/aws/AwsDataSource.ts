import type {
  CostEstimate,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import { DateTime } from 'luxon';
import { DataSourceError } from '../../../errors';
import type { AwsClientFactory } from '../../AwsClients/types';
import type {
  DeployedEnvironment,
  EnvironmentDataSource,
  ViewData,
  Views,
} from '../types';
import { fetchAlarmsView } from './alarmsView';
import { fetchClusterView } from './clusterView';
import { fetchCostView } from './costView';
import { fetchDatabaseView } from './databaseView';

/**
 * Live views from AWS: EKS, RDS and CloudWatch in the environment's
 * workloads account; Cost Explorer and Budgets in its management account.
 */
export class AwsDataSource implements EnvironmentDataSource {
  readonly kind = 'aws' as const;

  constructor(
    private readonly options: {
      clients: AwsClientFactory;
      costAllocationTag: string;
      /** The cost model, for environments recorded without an estimate. */
      estimate: (environment: DeployedEnvironment) => CostEstimate;
      now?: () => Date;
    },
  ) {}

  async getView<V extends ViewName>(
    view: V,
    environment: DeployedEnvironment,
  ): Promise<ViewData<Views[V]>> {
    const clients = this.clientsFor(environment);
    const workloads = {
      accountId: environment.spec.accounts.workloads,
      region: environment.spec.region,
    };
    const management = environment.spec.accounts.management;
    const views: { [K in ViewName]: () => Promise<ViewData<Views[K]>> } = {
      cluster: async () =>
        fetchClusterView(environment, await clients.eks(workloads)),
      database: async () =>
        fetchDatabaseView(environment, await clients.rds(workloads)),
      alarms: async () =>
        fetchAlarmsView(environment, await clients.cloudWatch(workloads)),
      cost: async () => {
        const [costExplorer, budgets] = await Promise.all([
          clients.costExplorer(management),
          clients.budgets(management),
        ]);
        return fetchCostView(
          environment,
          { costExplorer, budgets },
          {
            now: DateTime.fromJSDate(this.options.now?.() ?? new Date()),
            costAllocationTag: this.options.costAllocationTag,
            estimate:
              environment.checks?.estimate ??
              this.options.estimate(environment),
          },
        );
      },
    };
    return views[view]() as Promise<ViewData<Views[V]>>;
  }

  /** The client factory, with credential lookup failures explained. */
  private clientsFor(environment: DeployedEnvironment): AwsClientFactory {
    const { clients } = this.options;
    const { accounts } = environment.spec;
    const explain =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await fn(...args);
        } catch (error) {
          const target = args[0] as string | { accountId: string };
          const accountId =
            typeof target === 'string' ? target : target.accountId;
          const role =
            accountId === accounts.management ? 'management' : 'workloads';
          throw new DataSourceError(
            'no-credentials',
            `No AWS credentials for the ${role} account ${accountId} of environment '${
              environment.name
            }': add it under aws.accounts in app-config. ${
              (error as Error).message
            }`,
          );
        }
      };
    return {
      credentials: explain(clients.credentials.bind(clients)),
      eks: explain(clients.eks.bind(clients)),
      rds: explain(clients.rds.bind(clients)),
      cloudWatch: explain(clients.cloudWatch.bind(clients)),
      cloudFormation: explain(clients.cloudFormation.bind(clients)),
      costExplorer: explain(clients.costExplorer.bind(clients)),
      budgets: explain(clients.budgets.bind(clients)),
    };
  }
}
