import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  ENVIRONMENT_COST_ALLOCATION_TAG,
  type DataSourceKind,
} from '@innovate/plugin-aws-environments-common';
import os from 'node:os';

/** The plugin's settings, read from `awsEnvironments` in app-config (see config.d.ts). */
export interface PluginOptions {
  defaultSource: DataSourceKind;
  seedEnvironment: boolean;
  defaultOwner: string;
  /** The account pairs deployments may name; undefined: any pair. */
  allowedAccounts?: Array<{ management: string; workloads: string }>;
  cache: {
    costTtlMs: number;
    viewTtlMs: number;
    driftTtlMs: number;
    staleTtlMs: number;
  };
  aws: {
    requestTimeoutMs: number;
    maxAttempts: number;
    costAllocationTag: string;
  };
  deployments: {
    pollIntervalMs: number;
    leaseTimeoutMs: number;
    synthesisTimeoutMs: number;
    workDirectory: string;
    perUserLimit: number;
  };
  checks: {
    /** How often the guardrail checks run (one instance runs them). */
    frequencyMs: number;
  };
}

function readDurationMs(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): number {
  if (!config?.has(key)) {
    return durationToMilliseconds(fallback);
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function readDefaultOwner(config: Config | undefined): string {
  const owner =
    config?.getOptionalString('defaultOwner') ?? 'group:default/platform-team';
  try {
    const ref = parseEntityRef(owner);
    return stringifyEntityRef(ref);
  } catch {
    throw new InputError(
      `awsEnvironments.defaultOwner must be a catalog entity ref such as 'group:default/platform-team', got '${owner}'`,
    );
  }
}

function readPositiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `awsEnvironments.deployments.${key} must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

/** `awsEnvironments.allowedAccounts`, each id 12 digits. */
function readAllowedAccounts(
  config: Config | undefined,
): PluginOptions['allowedAccounts'] {
  const pairs = config?.getOptionalConfigArray('allowedAccounts');
  if (!pairs) {
    return undefined;
  }
  return pairs.map((pair, index) => {
    const read = (key: 'management' | 'workloads') => {
      const id = pair.getString(key);
      if (!/^[0-9]{12}$/.test(id)) {
        throw new InputError(
          `awsEnvironments.allowedAccounts[${index}].${key} must be a 12-digit AWS account id, got '${id}'`,
        );
      }
      return id;
    };
    return { management: read('management'), workloads: read('workloads') };
  });
}

/** Reads the plugin's settings, applying the defaults documented in config.d.ts. */
export function readPluginOptions(rootConfig: Config): PluginOptions {
  const config = rootConfig.getOptionalConfig('awsEnvironments');
  const defaultSource = config?.getOptionalString('source') ?? 'sandbox';
  if (defaultSource !== 'sandbox' && defaultSource !== 'aws') {
    throw new InputError(
      `awsEnvironments.source must be 'sandbox' or 'aws', got '${defaultSource}'`,
    );
  }
  const cache = config?.getOptionalConfig('cache');
  const aws = config?.getOptionalConfig('aws');
  const deployments = config?.getOptionalConfig('deployments');
  const maxAttempts = aws?.getOptionalNumber('maxAttempts') ?? 4;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new InputError(
      `awsEnvironments.aws.maxAttempts must be a whole number of at least 1, got ${maxAttempts}`,
    );
  }
  return {
    defaultSource,
    seedEnvironment: config?.getOptionalBoolean('seedEnvironment') ?? true,
    defaultOwner: readDefaultOwner(config),
    allowedAccounts: readAllowedAccounts(config),
    cache: {
      costTtlMs: readDurationMs(cache, 'costTtl', { hours: 6 }),
      viewTtlMs: readDurationMs(cache, 'viewTtl', { seconds: 60 }),
      driftTtlMs: readDurationMs(cache, 'driftTtl', { minutes: 15 }),
      staleTtlMs: readDurationMs(cache, 'staleTtl', { days: 7 }),
    },
    aws: {
      requestTimeoutMs: readDurationMs(aws, 'requestTimeout', { seconds: 10 }),
      maxAttempts,
      costAllocationTag:
        aws?.getOptionalString('costAllocationTag') ??
        ENVIRONMENT_COST_ALLOCATION_TAG,
    },
    deployments: {
      pollIntervalMs: readDurationMs(deployments, 'pollInterval', {
        seconds: 10,
      }),
      leaseTimeoutMs: readDurationMs(deployments, 'leaseTimeout', {
        minutes: 5,
      }),
      synthesisTimeoutMs: readDurationMs(deployments, 'synthesisTimeout', {
        minutes: 10,
      }),
      workDirectory:
        deployments?.getOptionalString('workDirectory') ?? os.tmpdir(),
      perUserLimit: readPositiveInteger(deployments, 'perUserLimit', 3),
    },
    checks: {
      frequencyMs: readDurationMs(
        config?.getOptionalConfig('checks'),
        'frequency',
        { hours: 1 },
      ),
    },
  };
}

/**
 * Whether the API checks its own responses against the OpenAPI document
 * (`awsEnvironments.validateResponses`): on by default, so development and
 * tests catch a response that breaks the contract; app-config.production.yaml
 * turns it off.
 */
export function readValidateResponses(rootConfig: Config): boolean {
  return (
    rootConfig.getOptionalBoolean('awsEnvironments.validateResponses') ?? true
  );
}
