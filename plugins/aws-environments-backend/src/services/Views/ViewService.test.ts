import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { fixtureEnvironment } from '../../__testUtils__/fixtureEnvironment';
import { DataSourceError } from '../../errors';
import type { EnvironmentDataSource } from '../DataSources/types';
import type {
  EnvironmentRecord,
  EnvironmentRegistry,
} from '../EnvironmentRegistry/types';
import { ViewService } from './ViewService';

const spec = defaultEnvironmentSpec();

/** A cache with a clock the test moves. */
class ClockedCache implements CacheService {
  now = 0;
  readonly entries = new Map<string, { value: JsonValue; expiresAt: number }>();
  failing = false;

  async get<T extends JsonValue>(key: string) {
    if (this.failing) throw new Error('ECONNREFUSED redis');
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now ? (entry.value as T) : undefined;
  }
  async set(key: string, value: JsonValue, options?: { ttl?: unknown }) {
    if (this.failing) throw new Error('ECONNREFUSED redis');
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

function environment(
  overrides: Partial<EnvironmentRecord> = {},
): EnvironmentRecord {
  return { ...fixtureEnvironment(spec, { source: 'aws' }), ...overrides };
}

function setup(
  record: EnvironmentRecord | null = environment(),
  others: EnvironmentRecord[] = [],
) {
  const cache = new ClockedCache();
  const find = (name: string) =>
    [record, ...others].find(r => r?.name === name) ?? undefined;
  const registry = {
    getEnvironment: jest.fn(async (name: string) => find(name)),
    getEnvironmentHeader: jest.fn(async (name: string) => {
      const found = find(name);
      return found
        ? {
            name: found.name,
            source: found.source,
            status: found.status,
            lastDeploymentId: found.lastDeploymentId,
            deployed: found.stacks !== null,
          }
        : undefined;
    }),
  } as unknown as EnvironmentRegistry;
  let calls = 0;
  const aws: EnvironmentDataSource & {
    fail?: Error;
    delayMs: number;
    driftStatus: string;
  } = {
    kind: 'aws',
    delayMs: 0,
    driftStatus: 'IN_SYNC',
    async getView(view) {
      calls += 1;
      if (this.delayMs) await new Promise(r => setTimeout(r, this.delayMs));
      if (this.fail) throw this.fail;
      if (view === 'drift') {
        return { status: this.driftStatus, stacks: [], call: calls } as never;
      }
      return { alarms: [], call: calls } as never;
    },
  };
  const views = new ViewService({
    registry,
    sources: { aws, sandbox: { ...aws, kind: 'sandbox' } },
    cache,
    logger: mockServices.logger.mock(),
    options: {
      costTtlMs: 6 * 3600_000,
      viewTtlMs: 60_000,
      driftTtlMs: 15 * 60_000,
      staleTtlMs: 7 * 86400_000,
    },
    now: () => new Date(Date.UTC(2025, 10, 20, 12) + cache.now),
  });
  return { views, cache, aws, registry, calls: () => calls };
}

describe('ViewService', () => {
  it('serves a view from the cache while it is fresh, without reading the templates', async () => {
    const { views, cache, calls, registry } = setup();
    const first = await views.getView(spec.name, 'alarms');
    expect(first).toMatchObject({
      source: 'aws',
      stale: false,
      fetchedAt: '2025-11-20T12:00:00.000Z',
    });
    cache.now = 59_000;
    expect(await views.getView(spec.name, 'alarms')).toEqual(first);
    expect(calls()).toBe(1);
    expect(registry.getEnvironment).toHaveBeenCalledTimes(1);
    cache.now = 61_000;
    const refreshed = await views.getView(spec.name, 'alarms');
    expect(calls()).toBe(2);
    expect(refreshed.fetchedAt).toBe('2025-11-20T12:01:01.000Z');
  });

  it('answers repeated requests from process memory for a few seconds', async () => {
    const { views, cache } = setup();
    const get = jest.spyOn(cache, 'get');
    await views.getView(spec.name, 'cost');
    get.mockClear();
    cache.now = 4_000;
    await views.getView(spec.name, 'cost');
    expect(get).not.toHaveBeenCalled();
    cache.now = 6_000;
    await views.getView(spec.name, 'cost');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('keeps the cost view for the cost TTL', async () => {
    const { views, cache, calls } = setup();
    await views.getView(spec.name, 'cost');
    cache.now = 5 * 3600_000;
    await views.getView(spec.name, 'cost');
    expect(calls()).toBe(1);
    cache.now = 6 * 3600_000 + 1;
    await views.getView(spec.name, 'cost');
    expect(calls()).toBe(2);
  });

  it('keeps the drift view for the drift TTL', async () => {
    const { views, cache, calls } = setup();
    await views.getView(spec.name, 'drift');
    cache.now = 14 * 60_000;
    await views.getView(spec.name, 'drift');
    expect(calls()).toBe(1);
    cache.now = 15 * 60_000 + 1;
    await views.getView(spec.name, 'drift');
    expect(calls()).toBe(2);
  });

  it('asks again soon when the drift is not known yet', async () => {
    const { views, cache, aws, calls } = setup();
    aws.driftStatus = 'UNKNOWN';
    await views.getView(spec.name, 'drift');
    cache.now = 61_000;
    aws.driftStatus = 'DRIFTED';
    const known = await views.getView(spec.name, 'drift');
    expect(calls()).toBe(2);
    expect(known.status).toBe('DRIFTED');
    // Known now: kept for the drift TTL.
    cache.now = 10 * 60_000;
    await views.getView(spec.name, 'drift');
    expect(calls()).toBe(2);
  });

  it('coalesces 100 concurrent requests for the same view into one fetch', async () => {
    const { views, aws, calls } = setup();
    aws.delayMs = 20;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => views.getView(spec.name, 'cost')),
    );
    expect(calls()).toBe(1);
    expect(new Set(results.map(r => r.fetchedAt)).size).toBe(1);
  });

  it('does not coalesce or share different views, environments or sources', async () => {
    const record = environment();
    const other = environment({ name: 'innovate-dev' });
    const { views, calls } = setup(record, [other]);
    await Promise.all([
      views.getView(spec.name, 'cost'),
      views.getView(spec.name, 'alarms'),
      views.getView('innovate-dev', 'alarms'),
    ]);
    expect(calls()).toBe(3);
    await views.getView('innovate-dev', 'alarms');
    expect(calls()).toBe(3);

    // Same name and deployment id, another source: not the cached aws view.
    record.source = 'sandbox';
    const fromSandbox = await views.getView(spec.name, 'alarms');
    expect(fromSandbox.source).toBe('sandbox');
    expect(calls()).toBe(4);
  });

  it('serves the last good value marked stale when the source fails', async () => {
    const { views, cache, aws } = setup();
    const good = await views.getView(spec.name, 'alarms');
    cache.now = 120_000;
    aws.fail = new DataSourceError(
      'throttled',
      'AWS is throttling cloudwatch:DescribeAlarms; try again in a minute.',
    );
    const stale = await views.getView(spec.name, 'alarms');
    expect(stale).toEqual({
      ...good,
      stale: true,
      staleReason:
        'AWS is throttling cloudwatch:DescribeAlarms; try again in a minute.',
    });
  });

  it("never serves another account's last good value as this environment's", async () => {
    const record = environment();
    const { views, cache, aws } = setup(record);
    await views.getView(spec.name, 'alarms');
    // Destroyed and recreated under the same name in another account.
    record.spec = {
      ...spec,
      accounts: { ...spec.accounts, workloads: '333333333333' },
    };
    record.lastDeploymentId = 'd2';
    cache.now = 120_000;
    aws.fail = new DataSourceError('throttled', 'AWS is throttling');
    await expect(views.getView(spec.name, 'alarms')).rejects.toThrow(
      'AWS is throttling',
    );
  });

  it('fails with the source error when there is no last good value', async () => {
    const { views, aws } = setup();
    aws.fail = new DataSourceError(
      'access-denied',
      'Access denied: allow eks:DescribeCluster',
    );
    await expect(views.getView(spec.name, 'cluster')).rejects.toThrow(
      'Access denied: allow eks:DescribeCluster',
    );
  });

  it('does not hide answers like "no such cluster" behind a stale value', async () => {
    const { views, cache, aws } = setup();
    await views.getView(spec.name, 'cluster');
    cache.now = 120_000;
    aws.fail = new NotFoundError('no deployed EKS cluster');
    await expect(views.getView(spec.name, 'cluster')).rejects.toThrow(
      NotFoundError,
    );
    aws.fail = new DataSourceError(
      'not-found',
      'EKS cluster innovate-prod was not found',
    );
    await expect(views.getView(spec.name, 'cluster')).rejects.toThrow(
      'EKS cluster innovate-prod was not found',
    );
  });

  it('keeps answering when the cache is down', async () => {
    const { views, cache, calls } = setup();
    cache.failing = true;
    await expect(views.getView(spec.name, 'alarms')).resolves.toMatchObject({
      stale: false,
    });
    expect(calls()).toBe(1);
  });

  it('answers 404 for unknown and never-deployed environments', async () => {
    await expect(setup(null).views.getView('nope', 'cost')).rejects.toThrow(
      "No environment named 'nope'",
    );
    await expect(
      setup(environment({ stacks: null, status: 'pending' })).views.getView(
        spec.name,
        'cost',
      ),
    ).rejects.toThrow(/has not been deployed yet \(status pending\)/);
  });

  it('refreshes the view after a new deployment', async () => {
    const record = environment();
    const { views, calls } = setup(record);
    await views.getView(spec.name, 'alarms');
    record.lastDeploymentId = 'd2';
    await views.getView(spec.name, 'alarms');
    expect(calls()).toBe(2);
  });
});
