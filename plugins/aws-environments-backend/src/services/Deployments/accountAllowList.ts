import type { SpecValidator } from './DefaultDeploymentService';

/** A management and workloads account pair the portal may deploy to. */
export interface AccountPair {
  management: string;
  workloads: string;
}

/**
 * The spec validator with the account allow-list of
 * `awsEnvironments.allowedAccounts` on top: a valid spec naming an account
 * pair that is not listed is refused, naming `accounts`. Without a list
 * (undefined) every pair is allowed, as in the sandbox.
 */
export function restrictAccounts(
  validate: SpecValidator,
  allowed: AccountPair[] | undefined,
): SpecValidator {
  if (!allowed) {
    return validate;
  }
  return input => {
    const result = validate(input);
    if (!result.ok) {
      return result;
    }
    const { management, workloads } = result.spec.accounts;
    if (
      allowed.some(
        pair => pair.management === management && pair.workloads === workloads,
      )
    ) {
      return result;
    }
    const listed = allowed
      .map(
        pair =>
          `management ${pair.management} with workloads ${pair.workloads}`,
      )
      .join('; ');
    return {
      ok: false,
      errors: [
        {
          field: 'accounts',
          message: `management ${management} with workloads ${workloads} is not an account pair this portal deploys to (allowed: ${listed}). Use one of them, or ask the portal's administrators to add the pair to awsEnvironments.allowedAccounts (and to bootstrap both accounts for the portal)`,
        },
      ],
    };
  };
}
