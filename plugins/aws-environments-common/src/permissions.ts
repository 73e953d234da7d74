import {
  createPermission,
  PermissionAttributes,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The permission resource type of an environment. Every permission of the
 * plugin but `create` is judged against one environment: its owner, its
 * source and, for `approve`, who requested the deployment.
 *
 * @public
 */
export const AWS_ENVIRONMENT_RESOURCE_TYPE = 'aws-environment';

/** A permission judged against one environment (see the resource type). */
function environmentPermission(
  name: string,
  action: NonNullable<PermissionAttributes['action']>,
): ResourcePermission<typeof AWS_ENVIRONMENT_RESOURCE_TYPE> {
  return createPermission({
    name: `aws-environment.${name}`,
    attributes: { action },
    resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
  });
}

/**
 * Read environments, their deployments and every data view (cluster,
 * database, alarms, cost).
 *
 * @public
 */
export const awsEnvironmentReadPermission = environmentPermission(
  'read',
  'read',
);

/**
 * Create a new environment. Judged against the environment as it would be
 * (name, owner, source) before anything is written.
 *
 * @public
 */
export const awsEnvironmentCreatePermission = environmentPermission(
  'create',
  'create',
);

/**
 * Change an existing environment: deploy a new spec, redeploy, change its
 * owner.
 *
 * @public
 */
export const awsEnvironmentUpdatePermission = environmentPermission(
  'update',
  'update',
);

/**
 * Deploy to real AWS (`source: aws`), on create and on update alike, in
 * addition to `create` or `update`.
 *
 * @public
 */
export const awsEnvironmentDeployAwsPermission = environmentPermission(
  'deploy-aws',
  'update',
);

/**
 * Approve a deployment awaiting approval: execute its change sets. The
 * resource carries who requested the deployment, so a policy can require
 * a second person (four eyes).
 *
 * @public
 */
export const awsEnvironmentApprovePermission = environmentPermission(
  'approve',
  'update',
);

/**
 * Destroy an environment, keeping its stateful stack (the database).
 *
 * @public
 */
export const awsEnvironmentDestroyPermission = environmentPermission(
  'destroy',
  'delete',
);

/**
 * Destroy an environment with its data (`destroyData: true`): the database
 * stack is deleted too. In addition to `destroy`.
 *
 * @public
 */
export const awsEnvironmentDestroyDataPermission = environmentPermission(
  'destroy-data',
  'delete',
);

/**
 * Every permission of the plugin.
 *
 * @public
 */
export const awsEnvironmentsPermissions = [
  awsEnvironmentReadPermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentUpdatePermission,
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentApprovePermission,
  awsEnvironmentDestroyPermission,
  awsEnvironmentDestroyDataPermission,
];
