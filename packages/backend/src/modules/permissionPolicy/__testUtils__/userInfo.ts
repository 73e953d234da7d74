import { mockServices } from '@backstage/backend-test-utils';

/**
 * A mock user-info service: each user owns the entity refs `ownership`
 * returns for it, as the sign-in resolver would find them.
 */
export function userInfoWithOwnership(
  ownership: (userEntityRef: string) => string[],
) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return { userEntityRef, ownershipEntityRefs: ownership(userEntityRef) };
    },
  });
}
