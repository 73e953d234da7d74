import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { FieldValidationError } from '../../errors';
import type { AwsEnvironmentResource } from '../../permissions/resource';
import type { AccessCheck, Requester } from './types';

/** Names what was denied, on what, so a 403 tells the user what to ask for. */
function deniedMessage({ permission, resource }: AccessCheck): string {
  const owner = resource.owner ?? 'no owner';
  return `Not allowed: ${permission.name} is required on environment '${resource.name}' (owner ${owner}, ${resource.source})`;
}

/**
 * Decides what a caller may do with environments, through the permission
 * framework: the policy answers, conditional answers are applied here to
 * the environment (one permission call per check, none per environment).
 */
export class EnvironmentAccess {
  private readonly applyConditions: ReturnType<
    typeof createConditionAuthorizer<AwsEnvironmentResource>
  >;

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
      catalog: CatalogService;
      ruleset: PermissionRuleset<AwsEnvironmentResource>;
    },
  ) {
    this.applyConditions = createConditionAuthorizer(deps.ruleset);
  }

  /** The environments among `resources` the caller holds `permission` on. */
  async filter<T extends AwsEnvironmentResource>(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-environment'>,
    resources: T[],
  ): Promise<T[]> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return resources;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return [];
    }
    return resources.filter(resource =>
      this.applyConditions(decision, resource),
    );
  }

  /** Throws a NotAllowedError naming the first check denied. */
  async authorize(
    credentials: BackstageCredentials,
    ...checks: AccessCheck[]
  ): Promise<void> {
    if (checks.length === 0) {
      return;
    }
    const decisions = await this.deps.permissions.authorizeConditional(
      checks.map(({ permission }) => ({ permission })),
      { credentials },
    );
    checks.forEach((check, index) => {
      if (!this.applyConditions(decisions[index], check.resource)) {
        throw new NotAllowedError(deniedMessage(check));
      }
    });
  }

  /** The requester of a write, for the deployment service. */
  requester(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Requester {
    return {
      userEntityRef: credentials.principal.userEntityRef,
      authorize: (...checks) => this.authorize(credentials, ...checks),
      resolveOwner: requested => this.resolveOwner(credentials, requested),
    };
  }

  private async resolveOwner(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    requested: string | undefined,
  ): Promise<string> {
    const { userEntityRef, ownershipEntityRefs } =
      await this.deps.userInfo.getUserInfo(credentials);
    const own = ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
    if (requested === undefined) {
      const group = own.find(ref => parseEntityRef(ref).kind === 'group');
      if (group && (await this.existsInCatalog(group, credentials))) {
        return group;
      }
      return userEntityRef.toLocaleLowerCase('en-US');
    }

    let ref: CompoundEntityRef;
    try {
      ref = parseEntityRef(requested, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch (error) {
      throw new FieldValidationError([
        {
          field: 'owner',
          message: `is not an entity ref such as 'group:default/platform-team': ${
            (error as Error).message
          }`,
        },
      ]);
    }
    const owner = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    if (!own.includes(owner)) {
      throw new FieldValidationError([
        {
          field: 'owner',
          message: `must be one of your own groups or yourself (${own.join(
            ', ',
          )}); you are not a member of ${owner}`,
        },
      ]);
    }
    if (
      ref.kind.toLocaleLowerCase('en-US') === 'group' &&
      !(await this.existsInCatalog(owner, credentials))
    ) {
      throw new FieldValidationError([
        { field: 'owner', message: `${owner} is not a group in the catalog` },
      ]);
    }
    return owner;
  }

  private async existsInCatalog(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }
}
