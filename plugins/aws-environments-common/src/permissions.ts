import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of an environment. Every permission of the
 * plugin but `create` is judged against one environment: its owner, its
 * source and, for `approve`, who requested the deployment.
 *
 * @public
 */
export const AWS_ENVIRONMENT_RESOURCE_TYPE = 'aws-environment';

/**
 * Read environments, their deployments and every data view (cluster,
 * database, alarms, cost).
 *
 * @public
 */
export const awsEnvironmentReadPermission = createPermission({
  name: 'aws-environment.read',
  attributes: { action: 'read' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Create a new environment. Judged against the environment as it would be
 * (name, owner, source) before anything is written.
 *
 * @public
 */
export const awsEnvironmentCreatePermission = createPermission({
  name: 'aws-environment.create',
  attributes: { action: 'create' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Change an existing environment: deploy a new spec, redeploy, change its
 * owner.
 *
 * @public
 */
export const awsEnvironmentUpdatePermission = createPermission({
  name: 'aws-environment.update',
  attributes: { action: 'update' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Deploy to real AWS (`source: aws`), on create and on update alike, in
 * addition to `create` or `update`.
 *
 * @public
 */
export const awsEnvironmentDeployAwsPermission = createPermission({
  name: 'aws-environment.deploy-aws',
  attributes: { action: 'update' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Approve a deployment awaiting approval: execute its change sets. The
 * resource carries who requested the deployment, so a policy can require
 * a second person (four eyes).
 *
 * @public
 */
export const awsEnvironmentApprovePermission = createPermission({
  name: 'aws-environment.approve',
  attributes: { action: 'update' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Destroy an environment, keeping its stateful stack (the database).
 *
 * @public
 */
export const awsEnvironmentDestroyPermission = createPermission({
  name: 'aws-environment.destroy',
  attributes: { action: 'delete' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Destroy an environment with its data (`destroyData: true`): the database
 * stack is deleted too. In addition to `destroy`.
 *
 * @public
 */
export const awsEnvironmentDestroyDataPermission = createPermission({
  name: 'aws-environment.destroy-data',
  attributes: { action: 'delete' },
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});

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
