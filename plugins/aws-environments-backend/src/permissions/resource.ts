import {
  AWS_ENVIRONMENT_RESOURCE_TYPE,
  AWS_ENVIRONMENTS_PLUGIN_ID,
  type DataSourceKind,
} from '@innovate/plugin-aws-environments-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';

/**
 * An environment as the permission rules see it. For `create` it is the
 * environment as it would be; for `approve` it carries who requested the
 * deployment being approved.
 *
 * @public
 */
export interface AwsEnvironmentResource {
  name: string;
  /** Catalog entity ref of the owner; null for an unowned (legacy) environment. */
  owner: string | null;
  source: DataSourceKind;
  /** For `approve`: the requester of the deployment awaiting approval. */
  requestedBy?: string;
}

/**
 * A filter over environments, the query form of the rules: every listed
 * property must match one of its values.
 *
 * @public
 */
export type AwsEnvironmentFilter =
  | { property: 'owner'; values: string[] }
  | { property: 'source'; values: DataSourceKind[] }
  | { property: 'requestedBy'; values: string[] };

/**
 * The `aws-environment` permission resource of the aws-environments plugin.
 *
 * @public
 */
export const awsEnvironmentResourceRef = createPermissionResourceRef<
  AwsEnvironmentResource,
  AwsEnvironmentFilter
>().with({
  pluginId: AWS_ENVIRONMENTS_PLUGIN_ID,
  resourceType: AWS_ENVIRONMENT_RESOURCE_TYPE,
});
