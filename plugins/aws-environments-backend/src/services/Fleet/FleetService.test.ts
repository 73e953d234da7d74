import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
} from '@aws-sdk/client-cost-explorer';
import type { CacheService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import {
  defaultEnvironmentSpec,
  ENVIRONMENT_COST_ALLOCATION_TAG,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError } from '../../__testUtils__/awsMocks';
import type { EnvironmentAccess } from '../Access/EnvironmentAccess';
import type { AwsClientFactory } from '../AwsClients/types';
import { AwsFleetSource } from '../DataSources/aws/fleetSource';
import { SandboxFleetSource } from '../DataSources/sandbox/sandboxFleet';
import type {
  EnvironmentListItem,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import { estimateFromSpec } from '@innovate/plugin-aws-environments-common';
import { FleetService } from './FleetService';

const TAG = ENVIRONMENT_COST_ALLOCATION_TAG;
const NOW = new Date('2025-11-20T12:00:00Z');
const MANAGEMENT = '111111111111';
const WORKLOADS_A = '222222222222';
const WORKLOADS_B = '333333333333';

class MapCache implements CacheService {
  now = 0;
  readonly entries = new Map<string, { value: JsonValue; expiresAt: number }>();
  async get<T extends JsonValue>(key: string) {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now ? (entry.value as T) : undefined;
  }
  async set(key: string, value: JsonValue, options?: { ttl?: unknown }) {
    this.entries.set(key, {
      value: JSON.parse(JSON.stringify(value)),
      expiresAt: this.now + Number(options?.ttl ?? Infinity),
    });
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
  withOptions() {
    return this;
  }
}

function listed(
  name: string,
  accounts: { workloads: string; management: string },
  overrides: Partial<EnvironmentListItem> = {},
): EnvironmentListItem {
  const spec: EnvironmentSpec = {
    ...defaultEnvironmentSpec(),
    name,
    accounts,
    budget: { ...defaultEnvironmentSpec().budget, monthlyUsd: 500 },
  };
  return {
    name,
    owner: 'group:default/platform-team',
    source: 'aws',
    status: 'deployed',
    spec,
    outputs: {},
    lastDeploymentId: `d-${name}`,
    createdAt: '2025-10-01T00:00:00.000Z',
    updatedAt: '2025-10-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A group of GetCostAndUsage's answer grouped by TAG and LINKED_ACCOUNT. */
const group = (tagValue: string, account: string, amount: string) => ({
  Keys: [`${TAG}$${tagValue}`, account],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});

const day = (date: string, groups: ReturnType<typeof group>[]) => ({
  TimePeriod: { Start: date, End: date },
  Total: {},
  Groups: groups,
  Estimated: true,
});

function setup(environments: EnvironmentListItem[]) {
  const ce = mockClient(CostExplorerClient);
  const cw = mockClient(CloudWatchClient);
  const cache = new MapCache();
  const clients = {
    costExplorer: jest.fn(async () => new CostExplorerClient({})),
    cloudWatch: jest.fn(async () => new CloudWatchClient({})),
  } as unknown as AwsClientFactory;
  const registry = {
    listEnvironments: jest.fn(async () => environments),
  } as unknown as EnvironmentRegistry;
  // The policy: everything but `secret` may be read.
  const access = {
    filter: jest.fn(async (_c: unknown, _p: unknown, items: any[]) =>
      items.filter(item => item.name !== 'secret'),
    ),
  } as unknown as EnvironmentAccess;
  const fleet = new FleetService({
    registry,
    access,
    sources: {
      aws: new AwsFleetSource({
        clients,
        costAllocationTag: TAG,
        now: () => NOW,
      }),
      sandbox: new SandboxFleetSource({
        now: () => NOW,
        estimate: e => estimateFromSpec(e.spec),
      }),
    },
    cache,
    logger: mockServices.logger.mock(),
    options: {
      costTtlMs: 3_600_000,
      viewTtlMs: 60_000,
      staleTtlMs: 86_400_000,
    },
    now: () => new Date(NOW.getTime() + cache.now),
  });
  return { ce, cw, cache, fleet, access };
}

const user = mockCredentials.user();

describe('FleetService', () => {
  const environments = [
    listed('prod', { workloads: WORKLOADS_A, management: MANAGEMENT }),
    listed('prod-eu', { workloads: WORKLOADS_B, management: MANAGEMENT }),
    listed('secret', { workloads: WORKLOADS_A, management: MANAGEMENT }),
    listed(
      'new',
      { workloads: WORKLOADS_A, management: MANAGEMENT },
      {
        status: 'pending',
        lastDeploymentId: null,
      },
    ),
  ];

  it('reads Cost Explorer once per management account, grouped by tag and linked account, over every page', async () => {
    const { ce, cw, fleet } = setup(environments);
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        GroupDefinitions: [
          { Type: 'TAG', Key: TAG },
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        ],
        ResultsByTime: [
          day('2025-11-19', [
            group('prod', WORKLOADS_A, '10.00'),
            group('prod-eu', WORKLOADS_B, '4.00'),
            // The untagged remainder: nobody's.
            group('', WORKLOADS_A, '99.00'),
            // `prod` tagged in prod-eu's account: not prod's spend.
            group('prod', WORKLOADS_B, '50.00'),
            group('secret', WORKLOADS_A, '1000.00'),
          ]),
        ],
        NextPageToken: 'page-2',
        DimensionValueAttributes: [],
      })
      .resolvesOnce({
        ResultsByTime: [
          day('2025-11-20', [group('prod', WORKLOADS_A, '6.00')]),
        ],
        DimensionValueAttributes: [],
      });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });

    const response = await fleet.getFleet(user, {});

    const calls = ce.commandCalls(GetCostAndUsageCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input).toEqual({
      TimePeriod: { Start: '2025-11-01', End: '2025-11-21' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'TAG', Key: TAG },
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      ],
      Filter: {
        Dimensions: {
          Key: 'LINKED_ACCOUNT',
          Values: [MANAGEMENT, WORKLOADS_A, WORKLOADS_B],
          MatchOptions: ['EQUALS'],
        },
      },
    });
    expect(calls[1].args[0].input.NextPageToken).toBe('page-2');

    const byName = Object.fromEntries(response.items.map(e => [e.name, e]));
    expect(Object.keys(byName)).toEqual(['new', 'prod', 'prod-eu']);
    expect(byName.prod.monthToDateUsd).toBe(16);
    // Recent rate: the 7 complete days before today (10 on the 19th; today's
    // partial 6 is not a day's rate), for the 10 days left: 16 + 10 / 7 * 10.
    expect(byName.prod.forecastUsd).toBe(30.29);
    expect(byName['prod-eu'].monthToDateUsd).toBe(4);
    expect(byName.new).toMatchObject({
      monthToDateUsd: null,
      forecastUsd: null,
      firingAlarms: null,
      fetchedAt: null,
    });
    // `secret` is in neither the entries nor the totals.
    expect(response.totals).toEqual({
      environments: 3,
      budgetUsd: 1500,
      monthToDateUsd: 20,
      forecastUsd: expect.any(Number),
      firingAlarms: 0,
    });
    expect(
      response.groups.map(g => [g.account, g.totals.environments]),
    ).toEqual([
      [WORKLOADS_A, 2],
      [WORKLOADS_B, 1],
    ]);
  });

  it('reads CloudWatch once per workloads account and region, firing alarms only, over every page', async () => {
    const { ce, cw, fleet } = setup(environments);
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
    const calls: object[] = [];
    cw.on(DescribeAlarmsCommand).callsFake(input => {
      // The paginator reuses its input object: keep each call's copy.
      calls.push(JSON.parse(JSON.stringify(input)));
      return input.NextToken
        ? { MetricAlarms: [{ AlarmName: 'prod-node-cpu' }] }
        : {
            MetricAlarms: [
              { AlarmName: 'prod-api-error-rate' },
              { AlarmName: 'prod-eu-db-cpu' },
              { AlarmName: 'secret-db-cpu' },
            ],
            NextToken: 'next',
          };
    });

    const response = await fleet.getFleet(user, {});

    // prod and secret in A (prefix shared by `prod-` and `secret-`: none),
    // prod-eu in B; the two accounts are read in parallel.
    expect(calls).toHaveLength(4);
    expect(calls).toEqual(
      expect.arrayContaining([
        { StateValue: 'ALARM', AlarmTypes: ['MetricAlarm'] },
        { StateValue: 'ALARM', AlarmTypes: ['MetricAlarm'], NextToken: 'next' },
        {
          StateValue: 'ALARM',
          AlarmTypes: ['MetricAlarm'],
          AlarmNamePrefix: 'prod-eu-',
        },
        {
          StateValue: 'ALARM',
          AlarmTypes: ['MetricAlarm'],
          AlarmNamePrefix: 'prod-eu-',
          NextToken: 'next',
        },
      ]),
    );
    const firing = Object.fromEntries(
      response.items.map(e => [e.name, e.firingAlarms]),
    );
    // prod's two in A; prod-eu's in B. An alarm of one environment in the
    // other's account is neither's; secret's counts nowhere.
    expect(firing).toEqual({ new: null, prod: 2, 'prod-eu': 1 });
    expect(response.totals.firingAlarms).toBe(3);
  });

  it('serves every environment from one cached read until it expires, and coalesces concurrent reads', async () => {
    const { ce, cw, cache, fleet } = setup(environments);
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    await Promise.all([fleet.getFleet(user, {}), fleet.getFleet(user, {})]);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(1);
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
    cache.now = 30_000;
    await fleet.getFleet(user, {});
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(1);
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
    cache.now = 61_000;
    await fleet.getFleet(user, {});
    // Alarms expire after a minute; costs after an hour.
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(1);
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(4);
  });

  it('serves the last good read marked stale when AWS fails, and says why when there is none', async () => {
    const { ce, cw, cache, fleet } = setup(environments);
    ce.on(GetCostAndUsageCommand).rejects(
      awsError(
        'AccessDeniedException',
        'not authorized to perform ce:GetCostAndUsage',
      ),
    );
    cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'prod-node-cpu' }],
    });
    const first = await fleet.getFleet(user, {
      owner: 'group:default/platform-team',
    });
    const prod = first.items.find(e => e.name === 'prod')!;
    expect(prod).toMatchObject({
      monthToDateUsd: null,
      firingAlarms: 1,
      stale: true,
      staleReason: expect.stringContaining('ce:GetCostAndUsage'),
    });
    // The failure is kept for a backoff: AWS is not asked on every request.
    await fleet.getFleet(user, {});
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(1);
    cw.on(DescribeAlarmsCommand).rejects(
      awsError('ThrottlingException', 'Rate exceeded'),
    );
    cache.now = 61_000;
    const second = await fleet.getFleet(user, {});
    expect(second.items.find(e => e.name === 'prod')).toMatchObject({
      firingAlarms: 1,
      stale: true,
      staleReason: expect.stringContaining('Rate exceeded'),
    });
    // After the backoff, Cost Explorer is asked again.
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(2);
  });

  it('filters, sorts and pages with a cursor; totals cover every page', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      listed(
        `env-${String(i).padStart(2, '0')}`,
        {
          workloads: i % 2 ? WORKLOADS_A : WORKLOADS_B,
          management: MANAGEMENT,
        },
        { source: 'sandbox' },
      ),
    );
    const { ce, cw, fleet } = setup(many);
    const first = await fleet.getFleet(user, {
      account: WORKLOADS_A,
      sort: 'monthToDate',
      order: 'desc',
      limit: '5',
    });
    expect(first.items).toHaveLength(5);
    expect(first.totals.environments).toBe(12);
    expect(first.nextCursor).toBe('5');
    const amounts = first.items.map(e => e.monthToDateUsd!);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const rest = await fleet.getFleet(user, {
      account: WORKLOADS_A,
      sort: 'monthToDate',
      order: 'desc',
      limit: '5',
      cursor: '10',
    });
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeUndefined();
    expect(rest.totals).toEqual(first.totals);
    // The sandbox calls no AWS.
    expect(ce.calls()).toHaveLength(0);
    expect(cw.calls()).toHaveLength(0);
  });
});
