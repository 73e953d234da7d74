import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  githubAuthenticator,
  githubSignInResolvers,
} from '@backstage/plugin-auth-backend-module-github-provider';
import {
  authProvidersExtensionPoint,
  commonSignInResolvers,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { emailMatchingCatalogUser } from './emailMatchingCatalogUser';

/**
 * GitHub sign-in (`auth.providers.github`): Backstage's GitHub authenticator
 * with its own resolvers plus {@link emailMatchingCatalogUser}. It takes the
 * place of `@backstage/plugin-auth-backend-module-github-provider`'s module
 * (same module id), whose resolver list cannot be extended.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'github-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            signInResolverFactories: {
              ...githubSignInResolvers,
              ...commonSignInResolvers,
              emailMatchingCatalogUser,
            },
          }),
        });
      },
    });
  },
});
