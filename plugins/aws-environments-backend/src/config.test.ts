import { ConfigReader } from '@backstage/config';
import { readPluginOptions } from './config';

describe('readPluginOptions', () => {
  it('applies the documented defaults', () => {
    expect(readPluginOptions(new ConfigReader({}))).toEqual({
      defaultSource: 'sandbox',
      seedEnvironment: true,
      defaultOwner: 'group:default/platform-team',
      allowedAccounts: undefined,
      cache: {
        costTtlMs: 6 * 3600_000,
        viewTtlMs: 60_000,
        driftTtlMs: 900_000,
        staleTtlMs: 7 * 86400_000,
      },
      aws: {
        requestTimeoutMs: 10_000,
        maxAttempts: 4,
        costAllocationTag: 'innovate:environment',
      },
      deployments: {
        pollIntervalMs: 10_000,
        leaseTimeoutMs: 300_000,
        synthesisTimeoutMs: 600_000,
        workDirectory: expect.any(String),
        perUserLimit: 3,
      },
      checks: { frequencyMs: 3_600_000 },
    });
  });

  it('reads durations in every supported form', () => {
    const options = readPluginOptions(
      new ConfigReader({
        awsEnvironments: {
          source: 'aws',
          seedEnvironment: false,
          cache: {
            costTtl: '2h',
            viewTtl: 'PT30S',
            driftTtl: '5m',
            staleTtl: { days: 1 },
          },
          aws: { maxAttempts: 2, costAllocationTag: 'team:env' },
          deployments: { synthesisTimeout: '15m' },
          checks: { frequency: '30m' },
        },
      }),
    );
    expect(options).toMatchObject({
      defaultSource: 'aws',
      seedEnvironment: false,
      cache: {
        costTtlMs: 7_200_000,
        viewTtlMs: 30_000,
        driftTtlMs: 300_000,
        staleTtlMs: 86_400_000,
      },
      aws: { maxAttempts: 2, costAllocationTag: 'team:env' },
      deployments: { synthesisTimeoutMs: 900_000 },
      checks: { frequencyMs: 1_800_000 },
    });
  });

  it('reads the allowed account pairs, each id 12 digits', () => {
    expect(
      readPluginOptions(
        new ConfigReader({
          awsEnvironments: {
            allowedAccounts: [
              { management: '111111111111', workloads: '222222222222' },
            ],
          },
        }),
      ).allowedAccounts,
    ).toEqual([{ management: '111111111111', workloads: '222222222222' }]);
    expect(() =>
      readPluginOptions(
        new ConfigReader({
          awsEnvironments: {
            allowedAccounts: [
              { management: '111111111111', workloads: '222222222222' },
              { management: '1234', workloads: '222222222222' },
            ],
          },
        }),
      ),
    ).toThrow(
      "awsEnvironments.allowedAccounts[1].management must be a 12-digit AWS account id, got '1234'",
    );
  });

  it('says which key is wrong', () => {
    expect(() =>
      readPluginOptions(
        new ConfigReader({ awsEnvironments: { source: 'cloud' } }),
      ),
    ).toThrow("awsEnvironments.source must be 'sandbox' or 'aws', got 'cloud'");
    expect(() =>
      readPluginOptions(
        new ConfigReader({ awsEnvironments: { aws: { maxAttempts: 0 } } }),
      ),
    ).toThrow(
      'awsEnvironments.aws.maxAttempts must be a whole number of at least 1, got 0',
    );
    expect(() =>
      readPluginOptions(
        new ConfigReader({
          awsEnvironments: { deployments: { perUserLimit: 0.5 } },
        }),
      ),
    ).toThrow(
      'awsEnvironments.deployments.perUserLimit must be a whole number of at least 1, got 0.5',
    );
    expect(() =>
      readPluginOptions(
        new ConfigReader({
          awsEnvironments: { defaultOwner: 'platform-team' },
        }),
      ),
    ).toThrow(
      "awsEnvironments.defaultOwner must be a catalog entity ref such as 'group:default/platform-team', got 'platform-team'",
    );
  });
});
