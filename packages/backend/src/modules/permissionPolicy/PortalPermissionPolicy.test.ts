import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  awsEnvironmentRules,
  type AwsEnvironmentResource,
} from '@innovate/plugin-aws-environments-backend';
import {
  awsEnvironmentApprovePermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentDestroyDataPermission,
  awsEnvironmentDestroyPermission,
  awsEnvironmentReadPermission,
  awsEnvironmentUpdatePermission,
} from '@innovate/plugin-aws-environments-common';
import {
  PortalPermissionPolicy,
  readPolicyGroups,
} from './PortalPermissionPolicy';
import { userInfoWithOwnership } from './__testUtils__/userInfo';

/** Each user's groups, as the sign-in resolver would find them. */
const memberships = new Map<string, string[]>();
const policy = new PortalPermissionPolicy(
  readPolicyGroups(
    new ConfigReader({
      permission: {
        policy: {
          adminGroups: ['group:default/platform-admins'],
          approverGroups: ['change-board'],
        },
      },
    }),
  ),
  userInfoWithOwnership(ref => memberships.get(ref) ?? [ref]),
);
const applyConditions = createConditionAuthorizer(
  Object.values(awsEnvironmentRules),
);

function user(name: string, ...groups: string[]): PolicyQueryUser {
  const userEntityRef =
    name === 'guest' ? 'user:development/guest' : `user:default/${name}`;
  const ownership = [userEntityRef, ...groups.map(g => `group:default/${g}`)];
  memberships.set(userEntityRef, ownership);
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs: ownership },
  };
}

const maria = user('maria.garcia', 'platform-team');
const sam = user('sam.chen', 'platform-team');
const priya = user('priya.patel', 'application-team');
const admin = user('ada', 'platform-admins');
const approver = user('carl', 'change-board');
const guest = user('guest');

const prod: AwsEnvironmentResource = {
  name: 'innovate-prod',
  owner: 'group:default/platform-team',
  source: 'aws',
};
const teamSandbox: AwsEnvironmentResource = {
  name: 'platform-lab',
  owner: 'group:default/platform-team',
  source: 'sandbox',
};
const guestSandbox: AwsEnvironmentResource = {
  name: 'guest-lab',
  owner: 'user:development/guest',
  source: 'sandbox',
};

async function allowed(
  who: PolicyQueryUser | undefined,
  permission: ResourcePermission<'aws-environment'>,
  resource: AwsEnvironmentResource,
): Promise<boolean> {
  const decision = await policy.handle({ permission }, who);
  return applyConditions(decision, resource);
}

describe('PortalPermissionPolicy', () => {
  it('lets everyone signed in read every environment', async () => {
    for (const who of [maria, priya, guest]) {
      expect(await allowed(who, awsEnvironmentReadPermission, prod)).toBe(true);
    }
  });

  it('lets a user create an environment owned by themselves or their group only', async () => {
    expect(
      await allowed(guest, awsEnvironmentCreatePermission, guestSandbox),
    ).toBe(true);
    expect(
      await allowed(maria, awsEnvironmentCreatePermission, teamSandbox),
    ).toBe(true);
    expect(
      await allowed(priya, awsEnvironmentCreatePermission, teamSandbox),
    ).toBe(false);
    expect(
      await allowed(guest, awsEnvironmentCreatePermission, teamSandbox),
    ).toBe(false);
  });

  it('lets only the owner update', async () => {
    expect(await allowed(sam, awsEnvironmentUpdatePermission, prod)).toBe(true);
    expect(await allowed(priya, awsEnvironmentUpdatePermission, prod)).toBe(
      false,
    );
    expect(
      await allowed(guest, awsEnvironmentUpdatePermission, guestSandbox),
    ).toBe(true);
    expect(await allowed(guest, awsEnvironmentUpdatePermission, prod)).toBe(
      false,
    );
  });

  it('lets only a member of the owner group deploy to AWS', async () => {
    expect(await allowed(maria, awsEnvironmentDeployAwsPermission, prod)).toBe(
      true,
    );
    expect(await allowed(priya, awsEnvironmentDeployAwsPermission, prod)).toBe(
      false,
    );
    // A user-owned environment (a guest's) never goes to AWS.
    expect(
      await allowed(guest, awsEnvironmentDeployAwsPermission, {
        ...guestSandbox,
        source: 'aws',
      }),
    ).toBe(false);
  });

  it('needs a second person to approve (four eyes)', async () => {
    const requestedByMaria = {
      ...prod,
      requestedBy: 'user:default/maria.garcia',
    };
    expect(
      await allowed(maria, awsEnvironmentApprovePermission, requestedByMaria),
    ).toBe(false);
    expect(
      await allowed(sam, awsEnvironmentApprovePermission, requestedByMaria),
    ).toBe(true);
    expect(
      await allowed(priya, awsEnvironmentApprovePermission, requestedByMaria),
    ).toBe(false);
    // An approver group approves any environment, but not its own request.
    expect(
      await allowed(
        approver,
        awsEnvironmentApprovePermission,
        requestedByMaria,
      ),
    ).toBe(true);
    expect(
      await allowed(approver, awsEnvironmentApprovePermission, {
        ...prod,
        requestedBy: 'user:default/carl',
      }),
    ).toBe(false);
    expect(
      await allowed(admin, awsEnvironmentApprovePermission, requestedByMaria),
    ).toBe(true);
    expect(
      await allowed(admin, awsEnvironmentApprovePermission, {
        ...prod,
        requestedBy: 'user:default/ada',
      }),
    ).toBe(false);
    expect(
      await allowed(guest, awsEnvironmentApprovePermission, {
        ...guestSandbox,
        requestedBy: 'user:default/someone-else',
      }),
    ).toBe(false);
  });

  it('lets the owner group destroy, and a user their own sandbox only', async () => {
    expect(await allowed(sam, awsEnvironmentDestroyPermission, prod)).toBe(
      true,
    );
    expect(await allowed(priya, awsEnvironmentDestroyPermission, prod)).toBe(
      false,
    );
    expect(
      await allowed(guest, awsEnvironmentDestroyPermission, guestSandbox),
    ).toBe(true);
    expect(
      await allowed(guest, awsEnvironmentDestroyPermission, teamSandbox),
    ).toBe(false);
    expect(
      await allowed(guest, awsEnvironmentDestroyPermission, {
        ...guestSandbox,
        source: 'aws',
      }),
    ).toBe(false);
  });

  it('lets only admins destroy data, and admins do everything', async () => {
    expect(
      await allowed(maria, awsEnvironmentDestroyDataPermission, prod),
    ).toBe(false);
    expect(
      await allowed(guest, awsEnvironmentDestroyDataPermission, guestSandbox),
    ).toBe(false);
    for (const permission of [
      awsEnvironmentDestroyDataPermission,
      awsEnvironmentDestroyPermission,
      awsEnvironmentUpdatePermission,
      awsEnvironmentDeployAwsPermission,
    ]) {
      expect(await allowed(admin, permission, prod)).toBe(true);
    }
  });

  it('allows nothing but reads without a user', async () => {
    expect(await allowed(undefined, awsEnvironmentReadPermission, prod)).toBe(
      true,
    );
    expect(await allowed(undefined, awsEnvironmentUpdatePermission, prod)).toBe(
      false,
    );
  });

  it('guards deletes in the catalog', async () => {
    expect(
      await policy.handle(
        { permission: catalogLocationDeletePermission },
        maria,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle(
        { permission: catalogLocationDeletePermission },
        admin,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle({ permission: catalogEntityDeletePermission }, maria),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: {
          claims: ['user:default/maria.garcia', 'group:default/platform-team'],
        },
      },
    });
  });

  it('refuses a group setting that is not an entity ref', () => {
    expect(() =>
      readPolicyGroups(
        new ConfigReader({
          permission: {
            policy: { adminGroups: ['user:default/maria.garcia'] },
          },
        }),
      ),
    ).toThrow(/permission\.policy\.adminGroups must list group refs/);
  });
});
