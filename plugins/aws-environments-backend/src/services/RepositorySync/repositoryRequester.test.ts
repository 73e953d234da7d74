import {
  awsEnvironmentApprovePermission,
  awsEnvironmentCreatePermission,
  awsEnvironmentDeployAwsPermission,
  awsEnvironmentDestroyPermission,
  awsEnvironmentUpdatePermission,
} from '@innovate/plugin-aws-environments-common';
import {
  repositoryRequester,
  repositoryRequesterRef,
} from './repositoryRequester';

const origin = {
  type: 'repository' as const,
  repository: 'https://github.com/acme/prod-env/tree/main/',
  file: 'https://github.com/acme/prod-env/blob/main/environment.json',
  entityRef: 'component:default/prod-infrastructure',
};
const resource = {
  name: 'prod',
  owner: 'group:default/platform-team',
  source: 'aws' as const,
};

describe('repositoryRequester', () => {
  it('may update an existing environment, in AWS too, and records where it came from', async () => {
    const requester = repositoryRequester(origin);
    expect(requester.userEntityRef).toBe(`repository:${origin.repository}`);
    expect(requester.origin).toBe(origin);
    await expect(
      requester.authorize(
        { permission: awsEnvironmentUpdatePermission, resource },
        { permission: awsEnvironmentDeployAwsPermission, resource },
      ),
    ).resolves.toBeUndefined();
  });

  it.each([
    awsEnvironmentApprovePermission,
    awsEnvironmentCreatePermission,
    awsEnvironmentDestroyPermission,
  ])('may not $name', async permission => {
    await expect(
      repositoryRequester(origin).authorize(
        { permission: awsEnvironmentUpdatePermission, resource },
        { permission, resource },
      ),
    ).rejects.toThrow(
      `${permission.name} on environment 'prod' is not granted to repository:${origin.repository}`,
    );
  });

  it('does not choose an owner', async () => {
    await expect(repositoryRequester(origin).resolveOwner()).rejects.toThrow(
      "cannot choose an environment's owner",
    );
  });

  it('is recorded by its Component when the URL is too long for the requester column', () => {
    expect(
      repositoryRequesterRef({
        ...origin,
        repository: `https://github.com/acme/${'x'.repeat(300)}`,
      }),
    ).toBe('repository:component:default/prod-infrastructure');
  });
});
