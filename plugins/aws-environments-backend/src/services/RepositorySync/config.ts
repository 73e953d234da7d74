import { type Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { RepositorySyncOptions } from './types';

/** How often environment repositories are read unless configured. */
export const DEFAULT_REPOSITORY_SYNC_FREQUENCY = { minutes: 5 };

/** `awsEnvironments.repositorySync`, with the defaults documented in config.d.ts. */
export function readRepositorySyncOptions(
  rootConfig: Config,
): RepositorySyncOptions {
  const config = rootConfig.getOptionalConfig('awsEnvironments.repositorySync');
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    frequencyMs: durationToMilliseconds(
      config?.has('frequency')
        ? readDurationFromConfig(config, { key: 'frequency' })
        : DEFAULT_REPOSITORY_SYNC_FREQUENCY,
    ),
  };
}
