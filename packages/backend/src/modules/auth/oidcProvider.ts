import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { emailMatchingCatalogUser } from './emailMatchingCatalogUser';

/**
 * Sign-in with any OpenID Connect provider (`auth.providers.oidc`):
 * Backstage's OIDC authenticator with its own resolvers plus
 * {@link emailMatchingCatalogUser}. It takes the place of
 * `@backstage/plugin-auth-backend-module-oidc-provider`'s module (same module
 * id), whose resolver list cannot be extended.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: {
              ...oidcSignInResolvers,
              emailMatchingCatalogUser,
            },
          }),
        });
      },
    });
  },
});
