import { DateTime } from 'luxon';
import { DataSourceError } from '../../../errors';
import type { AwsClientFactory } from '../../AwsClients/types';
import type { EnvironmentListItem } from '../../EnvironmentRegistry/types';
import type {
  FleetAlarms,
  FleetCosts,
  FleetDataSource,
} from '../../Fleet/types';
import { fetchFleetAlarms } from './fleetAlarms';
import { fetchFleetCosts } from './fleetCosts';

/** Gets a client of the account, explaining a failed credential lookup. */
async function withCredentials<C>(
  role: 'management' | 'workloads',
  accountId: string,
  get: () => Promise<C>,
): Promise<C> {
  try {
    return await get();
  } catch (error) {
    throw new DataSourceError(
      'no-credentials',
      `No AWS credentials for the ${role} account ${accountId}: add it under aws.accounts in app-config. ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The fleet's reads in AWS: Cost Explorer once per management account,
 * CloudWatch once per workloads account and region, through the plugin's
 * client factory (credentials from `aws.accounts`).
 */
export class AwsFleetSource implements FleetDataSource {
  readonly kind = 'aws' as const;

  constructor(
    private readonly options: {
      clients: AwsClientFactory;
      costAllocationTag: string;
      now?: () => Date;
    },
  ) {}

  async costs(
    managementAccount: string,
    environments: EnvironmentListItem[],
  ): Promise<FleetCosts> {
    const costExplorer = await withCredentials(
      'management',
      managementAccount,
      () => this.options.clients.costExplorer(managementAccount),
    );
    const accounts = new Set<string>();
    for (const environment of environments) {
      accounts.add(environment.spec.accounts.workloads);
      accounts.add(environment.spec.accounts.management);
    }
    return fetchFleetCosts(costExplorer, {
      managementAccount,
      accounts: [...accounts].sort(),
      costAllocationTag: this.options.costAllocationTag,
      now: DateTime.fromJSDate(this.options.now?.() ?? new Date()),
    });
  }

  async firingAlarms(
    scope: { accountId: string; region: string },
    environments: EnvironmentListItem[],
  ): Promise<FleetAlarms> {
    const cloudWatch = await withCredentials('workloads', scope.accountId, () =>
      this.options.clients.cloudWatch(scope),
    );
    return fetchFleetAlarms(
      cloudWatch,
      scope,
      environments.map(e => e.name),
    );
  }
}
