import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read environments, their deployments and the cluster, database and alarm views.
 *
 * @public
 */
export const awsEnvironmentReadPermission = createPermission({
  name: 'aws-environments.environment.read',
  attributes: { action: 'read' },
});

/**
 * Read an environment's cost view. Separate from read: spend is often
 * visible to fewer people than health.
 *
 * @public
 */
export const awsEnvironmentCostReadPermission = createPermission({
  name: 'aws-environments.cost.read',
  attributes: { action: 'read' },
});

/**
 * Create or update an environment: start deployments, execute change sets.
 *
 * @public
 */
export const awsEnvironmentCreatePermission = createPermission({
  name: 'aws-environments.environment.create',
  attributes: { action: 'create' },
});

/**
 * Destroy an environment.
 *
 * @public
 */
export const awsEnvironmentDeletePermission = createPermission({
  name: 'aws-environments.environment.delete',
  attributes: { action: 'delete' },
});

/**
 * Every permission of the plugin.
 *
 * @public
 */
export const awsEnvironmentsPermissions = [
  awsEnvironmentReadPermission,
  awsEnvironmentCostReadPermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeletePermission,
];
