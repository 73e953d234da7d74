import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogUserSignInModule } from './catalogUserSignInModule';

/**
 * Sign-in with any OpenID Connect provider (`auth.providers.oidc`):
 * Backstage's OIDC authenticator with its own resolvers plus
 * `emailMatchingCatalogUser`. It takes the place of
 * `@backstage/plugin-auth-backend-module-oidc-provider`'s module (same module
 * id), whose resolver list cannot be extended.
 */
export default catalogUserSignInModule({
  moduleId: 'oidc-provider',
  providerId: 'oidc',
  authenticator: oidcAuthenticator,
  signInResolverFactories: oidcSignInResolvers,
});
