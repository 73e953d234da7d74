import { ConfigReader } from '@backstage/config';
import { readRepositorySyncOptions } from './config';

describe('readRepositorySyncOptions', () => {
  it('runs every 5 minutes by default', () => {
    expect(readRepositorySyncOptions(new ConfigReader({}))).toEqual({
      enabled: true,
      frequencyMs: 300_000,
    });
  });

  it('reads the frequency as a duration and the off-switch', () => {
    expect(
      readRepositorySyncOptions(
        new ConfigReader({
          awsEnvironments: {
            repositorySync: { enabled: false, frequency: '30m' },
          },
        }),
      ),
    ).toEqual({ enabled: false, frequencyMs: 1_800_000 });
  });
});
