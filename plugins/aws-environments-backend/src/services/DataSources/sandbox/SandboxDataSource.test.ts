import {
  defaultEnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { fixtureSynthesis } from '../../../__testUtils__/fakeSynthesizer';
import {
  fixtureEnvironment,
  SEED_SYSTEM_NODE_GROUP,
} from '../../../__testUtils__/fixtureEnvironment';
import type { DeployedEnvironment } from '../types';
import { SandboxDataSource } from './SandboxDataSource';

const spec = defaultEnvironmentSpec();
const synthesis = fixtureSynthesis(spec);

function environment(
  overrides: Partial<DeployedEnvironment> = {},
): DeployedEnvironment {
  return fixtureEnvironment(spec, overrides);
}

function sourceAt(iso: string) {
  return new SandboxDataSource({
    now: () => new Date(iso),
    estimate: env => estimateFromSpec(env.spec),
  });
}

describe('SandboxDataSource', () => {
  it('answers every recorded stack in sync, saying why', async () => {
    const drift = await sourceAt('2025-11-20T12:00:00Z').getView(
      'drift',
      environment(),
    );
    expect(drift).toEqual({
      status: 'IN_SYNC',
      note: expect.stringMatching(
        /^Sandbox: the environment has no live AWS resources, so nothing can drift .*'aws' mode\.$/,
      ),
      stacks: synthesis.stacks.map(stack => ({
        name: stack.stackName,
        status: 'IN_SYNC',
        resources: [],
      })),
    });
  });

  it('derives the cluster from the recorded template', async () => {
    const cluster = await sourceAt('2025-11-20T12:00:00Z').getView(
      'cluster',
      environment(),
    );
    expect(cluster).toMatchObject({
      name: 'innovate-prod',
      arn: 'arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod',
      version: '1.33',
      targetVersion: '1.33',
      behindTarget: false,
      status: 'ACTIVE',
      endpoint: expect.stringMatching(
        /^https:\/\/SANDBOX[0-9A-F]{24}\.gr7\.us-east-1\.eks\.amazonaws\.com$/,
      ),
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      secretsEncryption: true,
      enabledLogTypes: ['api', 'audit'],
      nodeGroups: [
        {
          ...SEED_SYSTEM_NODE_GROUP,
          status: 'ACTIVE',
          capacityType: 'ON_DEMAND',
          amiType: 'AL2023_x86_64_STANDARD',
          kubernetesVersion: '1.33',
          healthIssues: [],
        },
        expect.objectContaining({
          name: 'innovate-prod-application',
          minSize: 2,
          maxSize: 20,
        }),
      ],
      addons: [
        {
          name: 'vpc-cni',
          version: 'v1.19.2-eksbuild.1',
          status: 'ACTIVE',
          issues: [],
        },
        { name: 'coredns', status: 'ACTIVE', issues: [] },
      ],
    });
    expect(cluster.insights?.[0]).toMatchObject({
      status: 'PASSING',
      kubernetesVersion: '1.34',
    });
  });

  it('derives the database from the recorded template', async () => {
    const database = await sourceAt('2025-11-20T12:00:30Z').getView(
      'database',
      environment(),
    );
    expect(database).toMatchObject({
      identifier: 'innovate-prod-db',
      arn: 'arn:aws:rds:us-east-1:222222222222:db:innovate-prod-db',
      status: 'available',
      instanceClass: 'db.t3.medium',
      engine: 'postgres',
      engineVersion: '15',
      storageType: 'gp3',
      allocatedStorageGb: 100,
      multiAz: false,
      storageEncrypted: true,
      kmsKeyId: expect.stringMatching(
        /^arn:aws:kms:us-east-1:222222222222:key\/[0-9a-f-]{36}$/,
      ),
      backupRetentionDays: 14,
      latestRestorableTime: '2025-11-20T11:55:00.000Z',
      preferredBackupWindow: '03:00-04:00',
      deletionProtection: true,
      pendingMaintenance: [],
      pendingModifications: {},
    });
  });

  it('gives the defined alarms states that are stable for a day and mostly OK', async () => {
    const morning = await sourceAt('2025-11-20T08:00:00Z').getView(
      'alarms',
      environment(),
    );
    const evening = await sourceAt('2025-11-20T20:00:00Z').getView(
      'alarms',
      environment(),
    );
    expect(morning.alarms.map(a => a.state)).toEqual(
      evening.alarms.map(a => a.state),
    );
    expect(morning.alarms).toHaveLength(5);
    expect(morning.alarms[0]).toMatchObject({
      name: 'innovate-prod-api-error-rate',
      kind: 'error-rate',
      threshold: 1,
      seedThreshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
      stateReason: expect.stringMatching(/^Sandbox: /),
    });
    for (const alarm of morning.alarms) {
      expect(alarm.stateUpdatedAt! <= '2025-11-20T08:00:00.000Z').toBe(true);
    }
    // The same transition time all day: one episode to the guardrail checks.
    expect(morning.alarms.map(a => a.stateUpdatedAt)).toEqual(
      evening.alarms.map(a => a.stateUpdatedAt),
    );

    const states = [];
    for (let day = 1; day <= 30; day++) {
      const view = await sourceAt(
        `2025-11-${String(day).padStart(2, '0')}T12:00:00Z`,
      ).getView('alarms', environment());
      states.push(...view.alarms.map(a => a.state));
    }
    const ok = states.filter(s => s === 'OK').length;
    expect(ok / states.length).toBeGreaterThan(0.8);
    expect(new Set(states).size).toBeGreaterThan(1);
  });

  it('spreads the cost model over the month with a deterministic daily variation', async () => {
    const estimate = synthesis.checks.estimate;
    const cost = await sourceAt('2025-11-20T12:00:00Z').getView(
      'cost',
      environment(),
    );
    const again = await sourceAt('2025-11-20T23:00:00Z').getView(
      'cost',
      environment(),
    );
    expect(again.daily).toEqual(cost.daily);

    expect(cost.period).toEqual({ start: '2025-11-01', end: '2025-11-20' });
    expect(cost.daily).toHaveLength(30);
    const actual = cost.daily.filter(d => !d.forecast);
    expect(actual).toHaveLength(20);
    const mean = estimate.totalMonthlyUsd / 30;
    for (const day of actual) {
      expect(day.amountUsd).toBeGreaterThanOrEqual(
        Math.floor(mean * 0.88 * 100) / 100,
      );
      expect(day.amountUsd).toBeLessThanOrEqual(
        Math.ceil(mean * 1.12 * 100) / 100,
      );
    }
    expect(new Set(actual.map(d => d.amountUsd)).size).toBeGreaterThan(10);
    const sum = actual.reduce((s, d) => s + d.amountUsd, 0);
    expect(cost.monthToDateUsd).toBeCloseTo(sum, 2);
    expect(cost.forecastUsd).toBeCloseTo(
      cost.daily.reduce((s, d) => s + d.amountUsd, 0),
      2,
    );
    expect(cost.budget).toEqual({ amountUsd: 430, from: 'spec' });
    expect(cost.estimate).toEqual(estimate);
    const byService = cost.byService.reduce((s, x) => s + x.amountUsd, 0);
    expect(byService).toBeCloseTo(cost.monthToDateUsd, 0);
    expect(cost.byService[0].amountUsd).toBeGreaterThanOrEqual(
      cost.byService.at(-1)!.amountUsd,
    );
  });

  it('says which part is missing for a destroyed environment', async () => {
    const destroyed = environment({
      status: 'destroyed',
      stacks: synthesis.stacks.filter(s => s.stateful),
    });
    const source = sourceAt('2025-11-20T12:00:00Z');
    await expect(source.getView('cluster', destroyed)).rejects.toThrow(
      "Environment 'innovate-prod' has no deployed EKS cluster (status destroyed)",
    );
    await expect(source.getView('database', destroyed)).resolves.toMatchObject({
      identifier: 'innovate-prod-db',
    });
    await expect(source.getView('cost', destroyed)).rejects.toThrow(
      /is destroyed/,
    );
  });
});
