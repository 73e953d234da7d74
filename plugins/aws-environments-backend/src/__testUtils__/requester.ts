import type { AccessCheck, Requester } from '../services/Access/types';

/**
 * A requester whose permission checks all pass, for tests of deployment
 * mechanics; it records what was checked. The access rules themselves are
 * tested through the plugin with a real policy (plugin.access.test.ts).
 */
export function permittedRequester(
  userEntityRef: string,
  ownGroup = 'group:default/platform-team',
): Requester & { checks: AccessCheck[] } {
  const checks: AccessCheck[] = [];
  return {
    userEntityRef,
    checks,
    authorize: async (...more) => {
      checks.push(...more);
    },
    resolveOwner: async requested => requested ?? ownGroup,
  };
}
