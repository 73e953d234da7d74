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
import { fetchDomainView } from './domainView';
import { fetchDriftView } from './driftView';

/**
 * Live views from AWS: EKS, RDS and CloudWatch in the environment's
 * workloads account; Cost Explorer and Budgets in its management account;
 * CloudFormation drift detection in the account of each stack; the
 * domain's certificates from CloudFormation and ACM, its records from
 * Route 53.
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
      /** Waits between polls of a drift detection (tests do not wait). */
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  async getView<V extends ViewName>(
    view: V,
    environment: DeployedEnvironment,
  ): Promise<ViewData<Views[V]>> {
    const { clients } = this.options;
    const workloads = {
      accountId: environment.spec.accounts.workloads,
      region: environment.spec.region,
    };
    const management = environment.spec.accounts.management;
    const client = <C>(accountId: string, get: () => Promise<C>) =>
      withCredentials(environment, accountId, get);
    const views: { [K in ViewName]: () => Promise<ViewData<Views[K]>> } = {
      cluster: async () =>
        fetchClusterView(
          environment,
          await client(workloads.accountId, () => clients.eks(workloads)),
          this.options.now?.(),
        ),
      database: async () =>
        fetchDatabaseView(
          environment,
          await client(workloads.accountId, () => clients.rds(workloads)),
          this.options.now?.(),
        ),
      alarms: async () =>
        fetchAlarmsView(
          environment,
          await client(workloads.accountId, () =>
            clients.cloudWatch(workloads),
          ),
        ),
      cost: async () => {
        const [costExplorer, budgets] = await Promise.all([
          client(management, () => clients.costExplorer(management)),
          client(management, () => clients.budgets(management)),
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
      // Each stack in its own account and region.
      drift: async () =>
        fetchDriftView(
          environment,
          stack =>
            client(stack.account, () =>
              clients.cloudFormation({
                accountId: stack.account,
                region: stack.region,
              }),
            ),
          {
            now: () => this.options.now?.() ?? new Date(),
            sleep:
              this.options.sleep ??
              (ms => new Promise(resolve => setTimeout(resolve, ms))),
          },
        ),
      domain: async () =>
        fetchDomainView(environment, {
          cloudFormation: stack =>
            client(stack.account, () =>
              clients.cloudFormation({
                accountId: stack.account,
                region: stack.region,
              }),
            ),
          acm: target => client(target.accountId, () => clients.acm(target)),
          route53: accountId =>
            client(accountId, () => clients.route53(accountId)),
        }),
    };
    return views[view]() as Promise<ViewData<Views[V]>>;
  }
}

/** Gets a client of the account, explaining a failed credential lookup. */
async function withCredentials<C>(
  environment: DeployedEnvironment,
  accountId: string,
  get: () => Promise<C>,
): Promise<C> {
  try {
    return await get();
  } catch (error) {
    const role =
      accountId === environment.spec.accounts.management
        ? 'management'
        : 'workloads';
    throw new DataSourceError(
      'no-credentials',
      `No AWS credentials for the ${role} account ${accountId} of environment '${
        environment.name
      }': add it under aws.accounts in app-config. ${(error as Error).message}`,
    );
  }
}
