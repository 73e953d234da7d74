import { NotAllowedError } from '@backstage/errors';
import {
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentUpdatePermission,
} from '@innovate/plugin-aws-environments-common';
import type { Requester } from '../Access/types';
import type { DeploymentOrigin } from '../EnvironmentRegistry/types';

/** The longest requester the deployments table records (`requested_by`). */
const MAX_REQUESTER_LENGTH = 255;

/**
 * What the plugin, proposing a repository's spec, may do on its own: change
 * an existing environment (in AWS too). Nothing else: not create, destroy or
 * approve, and not choose an owner. The deployment it requests waits for a
 * person holding `aws-environment.approve`.
 */
const PROPOSAL_PERMISSIONS: ReadonlySet<string> = new Set([
  awsEnvironmentUpdatePermission.name,
  awsEnvironmentDeployAwsPermission.name,
]);

/** The requester recorded for a repository: `repository:<url>`. */
export function repositoryRequesterRef(origin: DeploymentOrigin): string {
  const byUrl = `repository:${origin.repository}`;
  return byUrl.length <= MAX_REQUESTER_LENGTH || !origin.entityRef
    ? byUrl.slice(0, MAX_REQUESTER_LENGTH)
    : `repository:${origin.entityRef}`;
}

/**
 * The plugin acting as itself on behalf of an environment repository: the
 * requester of the deployments the repository sync proposes. The sync has
 * already checked that the repository's catalog Component names the
 * environment and has its owner.
 */
export function repositoryRequester(origin: DeploymentOrigin): Requester {
  const userEntityRef = repositoryRequesterRef(origin);
  return {
    userEntityRef,
    origin,
    authorize: async (...checks) => {
      const refused = checks.find(
        check => !PROPOSAL_PERMISSIONS.has(check.permission.name),
      );
      if (refused) {
        throw new NotAllowedError(
          `Not allowed: a repository proposes changes to an existing environment only; ${refused.permission.name} on environment '${refused.resource.name}' is not granted to ${userEntityRef}`,
        );
      }
    },
    resolveOwner: async () => {
      throw new NotAllowedError(
        `Not allowed: ${userEntityRef} cannot choose an environment's owner`,
      );
    },
  };
}
