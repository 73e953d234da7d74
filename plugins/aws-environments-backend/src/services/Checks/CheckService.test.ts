import type { Anomaly } from '@aws-sdk/client-cost-explorer';
import {
  resolvePackagePath,
  type LoggerService,
} from '@backstage/backend-plugin-api';
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
import { CheckService, topicOf, type ViewReader } from './CheckService';
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

/** An anomaly of the seed's workloads account and region. */
const ANOMALY: Anomaly = {
  AnomalyId: 'anomaly-1',
  AnomalyStartDate: '2026-11-27',
  MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/m1',
  AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.8 },
  Impact: { MaxImpact: 40, TotalImpact: 62.5 },
  RootCauses: [
    {
      Service: 'Amazon Elastic Compute Cloud - Compute',
      LinkedAccount: seed.spec.accounts.workloads,
      Region: seed.spec.region,
    },
  ],
};

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

  it('notifies a certificate expiring within 30 days, linking to the Overview where the domain card is', async () => {
    const sandbox = sandboxViews(NOW);
    const notAfter = '2026-12-10T00:00:00.000Z';
    const run = await new CheckService({
      registry,
      views: {
        getView: async <V extends ViewName>(name: string, view: V) =>
          (view === 'domain'
            ? {
                source: 'aws',
                fetchedAt: NOW.toISOString(),
                stale: false,
                configured: true,
                simulated: false,
                names: [{ name: 'app.innovate.example', serves: 'spa' }],
                records: [],
                certificates: [
                  {
                    logicalId: 'CertificateBDDE2430',
                    stackName: 'innovate-prod-edge',
                    region: 'us-east-1',
                    purpose: 'cloudfront-and-alb',
                    arn: 'arn:aws:acm:us-east-1:222222222222:certificate/1',
                    domainNames: ['app.innovate.example'],
                    status: 'ISSUED',
                    notAfter,
                    inUseBy: [],
                  },
                ],
              }
            : await sandbox.getView(name, view)) as Views[V],
      },
      store: new DatabaseCheckNotificationStore(knex),
      notifier: { send: async options => void sent.push(options) },
      logger: mockServices.logger.mock(),
      now: () => NOW,
    }).run(seed.name);
    expect(run.findings).toContainEqual(
      expect.objectContaining({
        kind: 'certificate-expiring',
        view: 'domain',
        notified: true,
      }),
    );
    expect(
      sent.filter(s => s.payload.topic === 'aws-environments.certificate'),
    ).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          title:
            'innovate-prod: Certificate of app.innovate.example expires in 9 days',
          link: '/aws-environments/innovate-prod',
          severity: 'high',
          scope: `aws-environments:innovate-prod:certificate-expiring:arn:aws:acm:us-east-1:222222222222:certificate/1:${notAfter}`,
        }),
      }),
    ]);
  });

  describe('stale views', () => {
    /** The sandbox's views, with an alarm in ALARM for an hour, the alarms and cost marked stale. */
    function views(stale: boolean): ViewReader {
      const sandbox = sandboxViews(NOW);
      return {
        getView: async <V extends ViewName>(name: string, view: V) => {
          const value = (await sandbox.getView(name, view)) as Views[V];
          if (view !== 'alarms' && view !== 'cost') {
            return value;
          }
          const marked = stale
            ? { stale: true, staleReason: 'cloudwatch:DescribeAlarms failed' }
            : {};
          return (
            view === 'alarms'
              ? {
                  ...value,
                  ...marked,
                  alarms: [
                    {
                      name: 'innovate-prod-api-error-rate',
                      kind: 'error-rate',
                      state: 'ALARM',
                      threshold: 1,
                      comparisonOperator: 'GreaterThanThreshold',
                      stateUpdatedAt: '2026-11-30T11:00:00.000Z',
                    },
                  ],
                }
              : { ...value, ...marked }
          ) as Views[V];
        },
      };
    }

    function staleService(stale: boolean) {
      return new CheckService({
        registry,
        views: views(stale),
        store: new DatabaseCheckNotificationStore(knex),
        notifier: { send: async options => void sent.push(options) },
        logger: mockServices.logger.mock(),
        now: () => NOW,
      });
    }

    it('sends nothing of a stale alarms view in ALARM, nor of a stale cost view', async () => {
      const run = await staleService(true).run(seed.name);
      const topics = sent.map(s => s.payload.topic);
      expect(topics).not.toContain('aws-environments.alarm');
      expect(topics).not.toContain('aws-environments.budget');
      expect(run.skipped).toEqual([
        {
          view: 'cost',
          reason: expect.stringMatching(/^stale .*not judged$/),
        },
        {
          view: 'alarms',
          reason:
            'stale (AWS could not be read: cloudwatch:DescribeAlarms failed); its last good value is not judged',
        },
      ]);
      // The lifecycle rules still judge the cluster's version.
      expect(run.findings.map(f => f.kind)).toEqual(['eks-extended-support']);
    });

    it('notifies the same alarm once the view is fresh', async () => {
      const run = await staleService(false).run(seed.name);
      expect(run.skipped).toEqual([]);
      expect(
        sent.filter(s => s.payload.topic === 'aws-environments.alarm'),
      ).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            scope:
              'aws-environments:innovate-prod:alarm:innovate-prod-api-error-rate:2026-11-30T11:00:00.000Z',
          }),
        }),
      ]);
    });
  });

  it('skips environments that are not deployed quietly', async () => {
    const logger = mockServices.logger.mock();
    const read = jest.fn(sandboxViews(NOW).getView);
    const pending = fixtureEnvironment(
      { ...defaultEnvironmentSpec(), name: 'innovate-new' },
      { status: 'failed', lastDeploymentId: null },
    );
    await new CheckService({
      registry: {
        ...registry,
        listEnvironments: async () => [pending, seed],
      } as unknown as EnvironmentRegistry,
      views: { getView: read },
      store: new DatabaseCheckNotificationStore(knex),
      notifier: { send: async options => void sent.push(options) },
      logger,
      now: () => NOW,
    }).runAll();
    expect(read.mock.calls.map(([name]) => name)).not.toContain('innovate-new');
    expect(read).toHaveBeenCalledWith(seed.name, 'cost');
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining("skip environment 'innovate-new'"),
    );
  });

  describe('Cost Anomaly Detection (aws source)', () => {
    /** The seed and a second environment of the same accounts, in `region`. */
    function awsRegistry(siblingRegion?: string) {
      const environments = [{ ...seed, source: 'aws' as const }];
      if (siblingRegion) {
        const spec = {
          ...seed.spec,
          name: 'innovate-staging',
          region: siblingRegion,
        } as typeof seed.spec;
        environments.push({
          ...fixtureEnvironment(spec),
          source: 'aws',
        });
      }
      return {
        getEnvironmentHeader: async (name: string) => {
          const found = environments.find(e => e.name === name);
          return (
            found && {
              name,
              owner: found.owner,
              source: 'aws' as const,
              status: 'deployed' as const,
              lastDeploymentId: 'd1',
              deployed: true,
            }
          );
        },
        getEnvironment: async (name: string) =>
          environments.find(e => e.name === name),
        listEnvironments: async () => environments,
      } as unknown as EnvironmentRegistry;
    }

    function awsService(
      anomalies: AnomalySource,
      options: { siblingRegion?: string; logger?: LoggerService } = {},
    ) {
      return new CheckService({
        registry: awsRegistry(options.siblingRegion),
        views: sandboxViews(NOW),
        store: new DatabaseCheckNotificationStore(knex),
        notifier: { send: async notification => void sent.push(notification) },
        logger: options.logger ?? mockServices.logger.mock(),
        anomalies,
        now: () => NOW,
      });
    }

    const anomalyScopes = () =>
      sent
        .map(s => s.payload)
        .filter(p => p.topic === 'aws-environments.anomaly')
        .map(p => p.scope);

    it('notifies its anomalies once, like the other findings, under the anomaly topic', async () => {
      const anomalies: AnomalySource = { anomalies: async () => [ANOMALY] };
      const first = await awsService(anomalies).run(seed.name);
      expect(first.findings).toContainEqual(
        expect.objectContaining({
          kind: 'cost-anomaly-detection',
          notified: true,
        }),
      );
      expect(anomalyScopes()).toEqual([
        'aws-environments:innovate-prod:cost-anomaly-detection:anomaly-1',
      ]);
      const second = await awsService(anomalies).run(seed.name);
      expect(second.findings).toContainEqual(
        expect.objectContaining({
          kind: 'cost-anomaly-detection',
          notified: false,
        }),
      );
    });

    it('reads the anomalies once per management account in a run, and notifies only their environment', async () => {
      const read = jest.fn(async (_account: string, _now: Date) => [ANOMALY]);
      await awsService(
        { anomalies: read },
        { siblingRegion: 'eu-west-1' },
      ).runAll();
      expect(read).toHaveBeenCalledTimes(1);
      expect(read).toHaveBeenCalledWith(seed.spec.accounts.management, NOW);
      expect(anomalyScopes()).toEqual([
        'aws-environments:innovate-prod:cost-anomaly-detection:anomaly-1',
      ]);
    });

    it('notifies none of two environments sharing the account and region, and logs it once', async () => {
      const logger = mockServices.logger.mock();
      const checks = awsService(
        { anomalies: async () => [ANOMALY] },
        { siblingRegion: seed.spec.region, logger },
      );
      await checks.runAll();
      await checks.runAll();
      expect(anomalyScopes()).toEqual([]);
      const logged = logger.info.mock.calls.filter(([message]) =>
        String(message).includes('anomaly-1'),
      );
      expect(logged).toHaveLength(1);
      expect(logged[0][0]).toContain("'innovate-prod', 'innovate-staging'");
    });

    it('notifies the environment a tag monitor names, though another shares its account and region', async () => {
      await awsService(
        {
          anomalies: async () => [
            { ...ANOMALY, DimensionValue: 'innovate-staging' },
          ],
        },
        { siblingRegion: seed.spec.region },
      ).runAll();
      expect(anomalyScopes()).toEqual([
        'aws-environments:innovate-staging:cost-anomaly-detection:anomaly-1',
      ]);
    });

    it('reports a failing GetAnomalies as skipped and runs the other checks', async () => {
      const run = await awsService({
        anomalies: async () => {
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

describe('topicOf', () => {
  it('files both kinds of anomaly under the anomaly topic', () => {
    expect(topicOf('spend-anomaly')).toBe('aws-environments.anomaly');
    expect(topicOf('cost-anomaly-detection')).toBe('aws-environments.anomaly');
    expect(topicOf('budget-80')).toBe('aws-environments.budget');
    expect(topicOf('alarm')).toBe('aws-environments.alarm');
    expect(topicOf('eks-extended-support')).toBe('aws-environments.lifecycle');
    expect(topicOf('certificate-expiring')).toBe(
      'aws-environments.certificate',
    );
    expect(topicOf('certificate-not-issued')).toBe(
      'aws-environments.certificate',
    );
  });
});
