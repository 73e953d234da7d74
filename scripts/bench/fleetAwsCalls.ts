/*
 * AWS calls per refresh of the fleet summary against mocked AWS clients
 * (aws-sdk-client-mock), for N environments spread over 3 account pairs:
 * the fleet (FleetService over AwsFleetSource) next to what the list page
 * asked for before (one cost and one alarms view per environment, through
 * AwsDataSource). Loaded by scripts/bench-fleet.mjs through tsx.
 */
import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  defaultEnvironmentSpec,
  ENVIRONMENT_COST_ALLOCATION_TAG,
  estimateFromSpec,
} from '../../plugins/aws-environments-common/src';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsDataSource } from '../../plugins/aws-environments-backend/src/services/DataSources/aws/AwsDataSource';
import { AwsFleetSource } from '../../plugins/aws-environments-backend/src/services/DataSources/aws/fleetSource';
import type { DeployedEnvironment } from '../../plugins/aws-environments-backend/src/services/DataSources/types';
import { FleetService } from '../../plugins/aws-environments-backend/src/services/Fleet/FleetService';

const TAG = ENVIRONMENT_COST_ALLOCATION_TAG;
const NOW = new Date('2025-11-20T12:00:00Z');
/** Three account pairs (management, workloads), one region each. */
const ACCOUNTS = [
  {
    management: '100000000001',
    workloads: '200000000001',
    region: 'us-east-1',
  },
  {
    management: '100000000002',
    workloads: '200000000002',
    region: 'eu-west-1',
  },
  {
    management: '100000000003',
    workloads: '200000000003',
    region: 'us-west-2',
  },
];
/**
 * Groups per GetCostAndUsage page in the mock. Cost Explorer pages large
 * answers with NextPageToken but documents no page size: this is an
 * assumption, so the table shows pages as well as requests.
 */
const GROUPS_PER_PAGE = 5_000;
/** DescribeAlarms returns at most 100 alarms a page (MaxRecords). */
const ALARMS_PER_PAGE = 100;

class MapCache implements CacheService {
  private readonly entries = new Map<string, unknown>();
  async get(key: string) {
    return this.entries.get(key) as any;
  }
  async set(key: string, value: unknown) {
    this.entries.set(key, JSON.parse(JSON.stringify(value)));
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
  withOptions() {
    return this;
  }
}

const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
} as unknown as LoggerService;

function environmentsOf(count: number): DeployedEnvironment[] {
  return Array.from({ length: count }, (_, i) => {
    const pair = ACCOUNTS[i % ACCOUNTS.length];
    const name = `bench-${String(i).padStart(3, '0')}`;
    const spec = {
      ...defaultEnvironmentSpec(),
      name,
      region: pair.region,
      accounts: { management: pair.management, workloads: pair.workloads },
    };
    return {
      name,
      owner: 'group:default/platform-team',
      source: 'aws',
      status: 'deployed',
      spec,
      outputs: {},
      stacks: [],
      entities: [],
      checks: null,
      lastDeploymentId: `d-${name}`,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    } as DeployedEnvironment;
  });
}

/** Mocks answering in the shape of the API reference; counts pages by operation. */
function mockAws(environments: DeployedEnvironment[]) {
  const ce = mockClient(CostExplorerClient);
  const cw = mockClient(CloudWatchClient);
  const budgets = mockClient(BudgetsClient);
  const days = Array.from({ length: 20 }, (_, d) =>
    new Date(Date.UTC(2025, 10, d + 1)).toISOString().slice(0, 10),
  );
  ce.on(GetCostAndUsageCommand).callsFake(input => {
    const accounts = new Set<string>(input.Filter?.Dimensions?.Values ?? []);
    const tagged = input.GroupBy?.some(g => g.Type === 'TAG');
    const mine = environments.filter(e =>
      tagged
        ? accounts.has(e.spec.accounts.workloads)
        : input.Filter?.Tags?.Values?.includes(e.name),
    );
    // Every (day, environment) group, then the untagged remainder.
    const groups = days.flatMap(day =>
      [...mine, undefined].map(e => ({
        day,
        Keys: tagged
          ? [
              `${TAG}$${e?.name ?? ''}`,
              e?.spec.accounts.workloads ?? [...accounts][0],
            ]
          : ['Amazon Elastic Kubernetes Service'],
        Metrics: { UnblendedCost: { Amount: '1.25', Unit: 'USD' } },
      })),
    );
    const start = Number(input.NextPageToken ?? 0);
    const page = groups.slice(start, start + GROUPS_PER_PAGE);
    return {
      ResultsByTime: days
        .map(day => ({
          TimePeriod: { Start: day, End: day },
          Groups: page.filter(g => g.day === day).map(({ day: _d, ...g }) => g),
        }))
        .filter(r => r.Groups.length > 0),
      ...(start + GROUPS_PER_PAGE < groups.length
        ? { NextPageToken: String(start + GROUPS_PER_PAGE) }
        : {}),
    };
  });
  ce.on(GetCostForecastCommand).resolves({
    Total: { Amount: '100', Unit: 'USD' },
    ForecastResultsByTime: [],
  });
  budgets.on(DescribeBudgetCommand).callsFake(input => ({
    Budget: {
      BudgetName: input.BudgetName,
      BudgetLimit: { Amount: '430', Unit: 'USD' },
    },
  }));
  cw.on(DescribeAlarmsCommand).callsFake(async (input, getClient) => {
    // Each account pair has its own region: the client's region says whose
    // alarms it sees.
    const region = await getClient().config.region();
    // One alarm in ALARM per environment with the prefix (all states for
    // the single view: five per environment).
    const prefix = input.AlarmNamePrefix ?? '';
    const names = environments
      .filter(e => e.spec.region === region)
      .flatMap(e =>
        (input.StateValue === 'ALARM'
          ? ['node-cpu']
          : [
              'api-error-rate',
              'api-p99-latency',
              'node-cpu',
              'node-memory',
              'db-cpu',
            ]
        ).map(a => ({ environment: e, name: `${e.name}-${a}` })),
      )
      .filter(alarm => alarm.name.startsWith(prefix));
    const start = Number(input.NextToken ?? 0);
    return {
      MetricAlarms: names.slice(start, start + ALARMS_PER_PAGE).map(a => ({
        AlarmName: a.name,
        AlarmArn: `arn:aws:cloudwatch:${a.environment.spec.region}:${a.environment.spec.accounts.workloads}:alarm:${a.name}`,
        StateValue: input.StateValue ?? 'OK',
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      })),
      ...(start + ALARMS_PER_PAGE < names.length
        ? { NextToken: String(start + ALARMS_PER_PAGE) }
        : {}),
    };
  });
  const count = () => ({
    costAndUsage: ce.commandCalls(GetCostAndUsageCommand).length,
    forecast: ce.commandCalls(GetCostForecastCommand).length,
    budgets: budgets.commandCalls(DescribeBudgetCommand).length,
    describeAlarms: cw.commandCalls(DescribeAlarmsCommand).length,
  });
  const restore = () => {
    ce.restore();
    cw.restore();
    budgets.restore();
  };
  return { count, restore };
}

const clients = {
  costExplorer: async () => new CostExplorerClient({ region: 'us-east-1' }),
  budgets: async () => new BudgetsClient({ region: 'us-east-1' }),
  cloudWatch: async (t: { region: string }) =>
    new CloudWatchClient({ region: t.region }),
} as any;

/** The fleet's calls for one cold refresh, and the page's calls before. */
export async function measureAwsCalls(count: number) {
  const environments = environmentsOf(count);

  const fleetMocks = mockAws(environments);
  const fleet = new FleetService({
    registry: { listEnvironments: async () => environments } as any,
    access: {
      filter: async (_c: unknown, _p: unknown, all: unknown[]) => all,
    } as any,
    sources: {
      aws: new AwsFleetSource({
        clients,
        costAllocationTag: TAG,
        now: () => NOW,
      }),
      sandbox: undefined as any,
    },
    cache: new MapCache(),
    logger,
    options: {
      costTtlMs: 21_600_000,
      viewTtlMs: 60_000,
      staleTtlMs: 604_800_000,
    },
    now: () => NOW,
  });
  const response = await fleet.getFleet({} as any, { limit: '500' });
  const fleetCalls = fleetMocks.count();
  // A second request in the TTL: served from the cache.
  await fleet.getFleet({} as any, { limit: '500' });
  const cachedCalls = fleetMocks.count();
  fleetMocks.restore();

  const beforeMocks = mockAws(environments);
  const source = new AwsDataSource({
    clients,
    costAllocationTag: TAG,
    estimate: e => estimateFromSpec(e.spec),
    now: () => NOW,
  });
  for (const environment of environments) {
    await source.getView('alarms', environment);
    await source.getView('cost', environment);
  }
  const beforeCalls = beforeMocks.count();
  beforeMocks.restore();

  const sum = (c: Record<string, number>) =>
    Object.values(c).reduce((a, b) => a + b, 0);
  return {
    environments: count,
    entries: response.items.length,
    stale: response.items.filter(e => e.stale).length,
    firingAlarms: response.totals.firingAlarms,
    fleet: fleetCalls,
    fleetTotal: sum(fleetCalls),
    fleetAgainInTtl: sum(cachedCalls) - sum(fleetCalls),
    before: beforeCalls,
    beforeTotal: sum(beforeCalls),
  };
}
