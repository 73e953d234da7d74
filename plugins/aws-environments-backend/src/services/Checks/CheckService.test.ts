import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
  type ViewName,
} from '@innovate/plugin-aws-environments-common';
import type { Knex } from 'knex';
import { fixtureEnvironment } from '../../__testUtils__/fixtureEnvironment';
import { SandboxDataSource } from '../DataSources/sandbox/SandboxDataSource';
import type { Views } from '../DataSources/types';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import { CheckService, type ViewReader } from './CheckService';
import type { AnomalySource } from './costAnomalies';
import { DatabaseCheckNotificationStore } from './DatabaseCheckNotificationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const MIGRATIONS = resolvePackagePath(
  '@innovate/plugin-aws-environments-backend',
  'migrations',
);

/** The seed environment in the sandbox; 1.33 has been in extended support since July. */
const NOW = new Date('2026-11-30T12:00:00Z');
const seed = fixtureEnvironment(defaultEnvironmentSpec());

const registry = {
  getEnvironmentHeader: async (name: string) =>
    name === seed.name
      ? {
          name,
          owner: seed.owner,
          source: 'sandbox' as const,
          status: 'deployed' as const,
          lastDeploymentId: 'd1',
          deployed: true,
        }
      : undefined,
  listEnvironments: async () => [seed],
} as unknown as EnvironmentRegistry;

/** The sandbox's views of the seed at a fixed time, as the ViewService serves them. */
function sandboxViews(now: Date): ViewReader {
  const source = new SandboxDataSource({
    now: () => now,
    estimate: env => estimateFromSpec(env.spec, { asOf: '2026-11-30' }),
  });
  return {
    getView: async <V extends ViewName>(_name: string, view: V) =>
      ({
        source: 'sandbox',
        fetchedAt: now.toISOString(),
        stale: false,
        ...(await source.getView(view, seed)),
      } as unknown as Views[V]),
  };
}

describe.each(databases.eachSupportedId())('CheckService on %s', id => {
  let knex: Knex;
  let sent: NotificationSendOptions[];

  beforeEach(async () => {
    knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS });
    sent = [];
  });

  function service(overrides: { now?: Date; fail?: boolean } = {}) {
    const now = overrides.now ?? NOW;
    return new CheckService({
      registry,
      views: sandboxViews(now),
      store: new DatabaseCheckNotificationStore(knex),
      notifier: {
        send: async options => {
          if (overrides.fail) {
            throw new Error('notifications backend unavailable');
          }
          sent.push(options);
        },
      },
      logger: mockServices.logger.mock(),
      now: () => now,
    });
  }

  it('tells platform-team once that the seed’s forecast is over budget', async () => {
    const run = await service().run(seed.name);
    const forecast = sent.filter(
      s =>
        s.payload.topic === 'aws-environments.budget' &&
        s.payload.scope?.includes(':forecast-over-budget:'),
    );
    expect(forecast).toHaveLength(1);
    expect(forecast[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/platform-team' },
      payload: {
        title: expect.stringMatching(
          /^innovate-prod: Forecast \$\d+\.\d\d is over the \$430\.00 budget$/,
        ),
        link: '/aws-environments/innovate-prod/cost',
        severity: 'high',
        scope: 'aws-environments:innovate-prod:forecast-over-budget:2026-11',
      },
    });
    expect(run.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'forecast-over-budget',
          notified: true,
        }),
        expect.objectContaining({
          kind: 'eks-extended-support',
          view: 'cluster',
          notified: true,
        }),
      ]),
    );
    expect(run.skipped).toEqual([]);
  });

  it('sends nothing on a second run, nor from a second instance', async () => {
    const first = await service().run(seed.name);
    const count = sent.length;
    expect(count).toBe(first.findings.length);

    const again = await service().run(seed.name);
    expect(sent).toHaveLength(count);
    expect(again.findings.every(f => !f.notified)).toBe(true);
  });

  it('sends each notification once when two instances run at the same time', async () => {
    const [a, b] = await Promise.all([
      service().run(seed.name),
      service().run(seed.name),
    ]);
    const notified = [...a.findings, ...b.findings].filter(f => f.notified);
    expect(notified).toHaveLength(a.findings.length);
    expect(sent).toHaveLength(a.findings.length);
  });

  it('retries a notification whose sending failed', async () => {
    const failed = await service({ fail: true }).run(seed.name);
    expect(failed.findings.some(f => f.notified)).toBe(false);
    const retried = await service().run(seed.name);
    expect(retried.findings.every(f => f.notified)).toBe(true);
  });

  it('notifies the budget again in a new month', async () => {
    await service().run(seed.name);
    sent = [];
    await service({ now: new Date('2026-12-30T12:00:00Z') }).run(seed.name);
    expect(
      sent.map(s => s.payload.scope).filter(s => s?.includes('forecast')),
    ).toEqual(['aws-environments:innovate-prod:forecast-over-budget:2026-12']);
  });

  describe('Cost Anomaly Detection (aws source)', () => {
    const awsRegistry = {
      ...registry,
      getEnvironmentHeader: async (name: string) => ({
        ...(await registry.getEnvironmentHeader(name))!,
        source: 'aws' as const,
      }),
      getEnvironment: async () => ({ ...seed, source: 'aws' }),
    } as unknown as EnvironmentRegistry;

    function awsService(anomalies: AnomalySource) {
      return new CheckService({
        registry: awsRegistry,
        views: sandboxViews(NOW),
        store: new DatabaseCheckNotificationStore(knex),
        notifier: { send: async options => void sent.push(options) },
        logger: mockServices.logger.mock(),
        anomalies,
        now: () => NOW,
      });
    }

    it('notifies its anomalies once, like the other findings', async () => {
      const anomalies: AnomalySource = {
        findings: async () => [
          {
            kind: 'cost-anomaly-detection',
            period: 'anomaly-1',
            severity: 'high',
            title: 'Cost Anomaly Detection: $62.50 above the expected spend',
            description: 'd',
            view: 'cost',
          },
        ],
      };
      const first = await awsService(anomalies).run(seed.name);
      expect(first.findings).toContainEqual(
        expect.objectContaining({
          kind: 'cost-anomaly-detection',
          notified: true,
        }),
      );
      const second = await awsService(anomalies).run(seed.name);
      expect(second.findings).toContainEqual(
        expect.objectContaining({
          kind: 'cost-anomaly-detection',
          notified: false,
        }),
      );
    });

    it('reports a failing GetAnomalies as skipped and runs the other checks', async () => {
      const run = await awsService({
        findings: async () => {
          throw new Error('AccessDenied: ce:GetAnomalies');
        },
      }).run(seed.name);
      expect(run.skipped).toEqual([
        {
          view: 'cost-anomaly-detection',
          reason: 'AccessDenied: ce:GetAnomalies',
        },
      ]);
      expect(run.findings.map(f => f.kind)).toContain('forecast-over-budget');
    });
  });
});
