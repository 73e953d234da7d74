import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { AwsEnvironmentResource } from '../../permissions/resource';
import type { DeploymentOrigin } from '../EnvironmentRegistry/types';

/** One permission to hold on one environment. */
export interface AccessCheck {
  permission: ResourcePermission<'aws-environment'>;
  resource: AwsEnvironmentResource;
}

/**
 * The signed-in user behind a write: who they are, what they may do, and
 * which owners they may give an environment. Built per request from the
 * request's user credentials (the scaffolder's calls carry the user too).
 */
export interface Requester {
  /** The user's entity ref, recorded in the deployment history. */
  userEntityRef: string;
  /**
   * Resolves when every check is allowed; otherwise throws a
   * NotAllowedError naming the first permission denied.
   */
  authorize(...checks: AccessCheck[]): Promise<void>;
  /**
   * The owner of an environment the user creates or hands over: the
   * requested entity ref, which must be one of the user's own groups (or
   * the user) and exist in the catalog, or, when none is requested, the
   * user's first group (the user when in none, as a guest).
   */
  resolveOwner(requested?: string): Promise<string>;
  /**
   * Where the request comes from when no person made it in the portal (a
   * repository's environment.json); recorded with the deployment.
   */
  origin?: DeploymentOrigin;
}
