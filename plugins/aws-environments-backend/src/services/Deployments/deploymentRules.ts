import type {
  CreateDeploymentRequest,
  DataSourceKind,
  EnvironmentSpec,
  FieldError,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../../errors';
import type { AwsEnvironmentResource } from '../../permissions/resource';
import type { EnvironmentRecord } from '../EnvironmentRegistry/types';

/*
 * The rules a deployment request must follow about where an environment
 * lives, applied by DefaultDeploymentService.
 */

/** The environment as the permission rules see it. */
export function resourceOf(
  environment: Pick<EnvironmentRecord, 'name' | 'owner' | 'source'>,
): AwsEnvironmentResource {
  return {
    name: environment.name,
    owner: environment.owner,
    source: environment.source,
  };
}

/**
 * Whether the environment is tied to where it lives: while live, and after
 * a destroy that kept its data (the kept stacks stay in their source,
 * accounts and region).
 */
export function boundToItsStacks(environment: EnvironmentRecord): boolean {
  return (
    environment.status !== 'destroyed' || (environment.stacks ?? []).length > 0
  );
}

/**
 * Where a deployment goes: the request's source, else the environment's
 * while it is bound to its stacks, else the configured default. A bound
 * environment's source cannot change (400 naming `source`).
 */
export function sourceFor(
  existing: EnvironmentRecord | undefined,
  request: CreateDeploymentRequest,
  defaultSource: DataSourceKind,
): DataSourceKind {
  if (existing && boundToItsStacks(existing)) {
    if (request.source !== undefined && request.source !== existing.source) {
      throw new FieldValidationError([
        {
          field: 'source',
          message:
            existing.status === 'destroyed'
              ? `environment '${existing.name}' kept its data in the ${
                  existing.source
                } (${existing.stacks
                  ?.map(stack => stack.stackName)
                  .join(
                    ', ',
                  )}); its source cannot change. Destroy it with its data first, or use another name`
              : `environment '${existing.name}' lives in the ${existing.source}; its source cannot change. Destroy it first, or use another name`,
        },
      ]);
    }
    return existing.source;
  }
  return request.source ?? defaultSource;
}

/**
 * An environment's accounts and region are fixed once it has stacks: a
 * changed one would deploy a second copy and leave the first (its database
 * too) outside the registry.
 */
export function rejectMove(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
) {
  const moved: FieldError[] = [];
  for (const account of ['management', 'workloads'] as const) {
    if (proposed.accounts[account] !== current.accounts[account]) {
      moved.push({
        field: `spec.accounts.${account}`,
        message: `cannot change from ${current.accounts[account]}: an environment's accounts are fixed. Destroy it and create a new one to move it`,
      });
    }
  }
  if (proposed.region !== current.region) {
    moved.push({
      field: 'spec.region',
      message: `cannot change from ${current.region}: an environment's region is fixed. Destroy it and create a new one to move it`,
    });
  }
  if (moved.length > 0) {
    throw new FieldValidationError(moved);
  }
}
