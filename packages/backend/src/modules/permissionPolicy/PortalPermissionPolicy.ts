import type { UserInfoService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  awsEnvironmentConditions as is,
  createAwsEnvironmentConditionalDecision as conditional,
} from '@innovate/plugin-aws-environments-backend';
import {
  AWS_ENVIRONMENT_RESOURCE_TYPE,
  awsEnvironmentApprovePermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentDestroyPermission,
  awsEnvironmentReadPermission,
  awsEnvironmentUpdatePermission,
} from '@innovate/plugin-aws-environments-common';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';

/** The groups the policy gives extra rights, from `permission.policy`. */
export interface PolicyGroups {
  /** May do everything, including destroying an environment's data. */
  adminGroups: string[];
  /** May approve any environment's deployments (never their own). */
  approverGroups: string[];
}

function readGroupRefs(config: Config | undefined, key: string): string[] {
  return (config?.getOptionalStringArray(key) ?? []).map(value => {
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      ref = undefined;
    }
    if (ref?.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(
        `permission.policy.${key} must list group refs such as 'group:default/platform-admins', got '${value}'`,
      );
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
}

/** Reads `permission.policy.adminGroups` and `.approverGroups`. */
export function readPolicyGroups(config: Config): PolicyGroups {
  const policy = config.getOptionalConfig('permission.policy');
  return {
    adminGroups: readGroupRefs(policy, 'adminGroups'),
    approverGroups: readGroupRefs(policy, 'approverGroups'),
  };
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy: owner-based, four eyes on approval.
 *
 * AWS environments (`aws-environment` resources):
 * - read: everyone signed in;
 * - create, update: the owner (the environment's owner must be the user or
 *   one of their groups);
 * - deploy-aws: a member of the owner group (never a user-owned
 *   environment, such as a guest's);
 * - approve: a member of the owner group or of an approver group who did
 *   not request the deployment;
 * - destroy: a member of the owner group; the owner of a sandbox one;
 * - destroy-data: admin groups only;
 * - admin groups may do everything else, and approve others' requests.
 *
 * The catalog: deleting an entity needs its owner or an admin; deleting a
 * location an admin. Everything else is allowed to signed-in users. Calls
 * without a user (other plugins' own service calls) never reach a policy:
 * the permission client allows them, so the aws-environments routes accept
 * writes only from users (the scaffolder acts on a user's behalf).
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly groups: PolicyGroups,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return request.permission.attributes.action === 'read' ? ALLOW : DENY;
    }
    const info = await this.userInfo.getUserInfo(user.credentials);
    const userRef = info.userEntityRef.toLocaleLowerCase('en-US');
    const claims = info.ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    const groups = claims.filter(ref => ref.startsWith('group:'));
    const isAdmin = groups.some(ref => this.groups.adminGroups.includes(ref));
    const { permission } = request;

    if (isResourcePermission(permission, AWS_ENVIRONMENT_RESOURCE_TYPE)) {
      const notRequester = { not: is.isRequester({ userEntityRef: userRef }) };
      if (isPermission(permission, awsEnvironmentApprovePermission)) {
        // Four eyes hold for admins too.
        if (
          isAdmin ||
          groups.some(ref => this.groups.approverGroups.includes(ref))
        ) {
          return conditional(permission, notRequester);
        }
        return groups.length > 0
          ? conditional(permission, {
              allOf: [is.isOwner({ claims: groups }), notRequester],
            })
          : DENY;
      }
      if (isAdmin || isPermission(permission, awsEnvironmentReadPermission)) {
        return ALLOW;
      }
      const ownedByUser = is.isOwner({ claims });
      const ownedByGroup = is.isOwner({ claims: groups });
      if (
        isPermission(permission, awsEnvironmentCreatePermission) ||
        isPermission(permission, awsEnvironmentUpdatePermission)
      ) {
        return conditional(permission, ownedByUser);
      }
      if (isPermission(permission, awsEnvironmentDeployAwsPermission)) {
        return groups.length > 0 ? conditional(permission, ownedByGroup) : DENY;
      }
      if (isPermission(permission, awsEnvironmentDestroyPermission)) {
        const ownSandbox: PermissionCriteria<
          PermissionCondition<'aws-environment'>
        > = {
          allOf: [is.hasSource({ source: 'sandbox' }), ownedByUser],
        };
        return conditional(
          permission,
          groups.length > 0
            ? { anyOf: [ownedByGroup, ownSandbox] }
            : ownSandbox,
        );
      }
      // destroy-data: admin groups only, allowed above.
      return DENY;
    }

    if (isPermission(permission, catalogEntityDeletePermission)) {
      return isAdmin
        ? ALLOW
        : createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({ claims }),
          );
    }
    if (isPermission(permission, catalogLocationDeletePermission)) {
      return isAdmin ? ALLOW : DENY;
    }
    return ALLOW;
  }
}
