import type {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

function whoIs(credentials: BackstageCredentials): string {
  // A task's initiator is one of Backstage's three principal types.
  const { principal } = credentials as BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal | BackstageNonePrincipal
  >;
  if (principal.type === 'user') {
    return principal.userEntityRef;
  }
  return principal.type === 'service' ? principal.subject : 'nobody signed in';
}

/**
 * Rethrows the backend's refusal (403, whose message names the missing
 * permission) saying what was refused, for whom, and what would be allowed;
 * any other error as it is.
 */
export function rethrowRefusal(
  error: unknown,
  options: { what: string; credentials: BackstageCredentials; hint?: string },
): never {
  if (error instanceof Error && error.name === 'NotAllowedError') {
    throw new NotAllowedError(
      `${options.what} was refused for ${whoIs(options.credentials)}: ${
        error.message
      }${options.hint ? `. ${options.hint}` : ''}`,
    );
  }
  throw error;
}
