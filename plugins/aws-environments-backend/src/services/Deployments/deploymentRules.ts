import {
  checkSpecUpdate,
  type CreateDeploymentRequest,
  type DataSourceKind,
  type EnvironmentSpec,
  type FieldError,
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

/** Fields that say where the environment lives: fixed while it has stacks. */
const PLACE_FIELDS = /^(name|region|accounts\.)/;

/**
 * Whether a rule of {@link checkSpecUpdate} about `field` binds an update of
 * the environment. Where it lives binds while it has stacks (a changed
 * account or region would deploy a second copy and leave the first, its
 * database too, outside the registry). The rest compare with what is
 * deployed, so they bind only once a deployment succeeded; after a destroy
 * that kept the data, only the database's rules (the cluster is gone).
 */
function binds(environment: EnvironmentRecord, field: string): boolean {
  if (PLACE_FIELDS.test(field)) {
    return true;
  }
  if (environment.status === 'destroyed') {
    return field.startsWith('database.');
  }
  return Boolean(environment.lastDeploymentId);
}

/**
 * Refuses an update real AWS would refuse (common's `checkSpecUpdate`
 * against the environment's recorded spec), with a 400 naming each field
 * and the way out. For an environment bound to its stacks.
 */
export function rejectDisallowedUpdate(
  environment: EnvironmentRecord,
  proposed: EnvironmentSpec,
) {
  const refused: FieldError[] = checkSpecUpdate(environment.spec, proposed)
    .filter(error => binds(environment, error.field))
    .map(error => ({ ...error, field: `spec.${error.field}` }));
  if (refused.length > 0) {
    throw new FieldValidationError(refused);
  }
}
