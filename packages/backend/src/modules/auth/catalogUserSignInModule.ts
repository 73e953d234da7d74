import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  OAuthAuthenticator,
  SignInResolverFactory,
} from '@backstage/plugin-auth-node';
import { emailMatchingCatalogUser } from './emailMatchingCatalogUser';

/**
 * An auth module that registers an OAuth provider with the given
 * authenticator and sign-in resolvers plus {@link emailMatchingCatalogUser}.
 * It takes the place of Backstage's own module for that provider (pass the
 * same module id), whose resolver list cannot be extended.
 */
export function catalogUserSignInModule<TProfile>(options: {
  moduleId: string;
  providerId: string;
  authenticator: OAuthAuthenticator<unknown, TProfile>;
  signInResolverFactories: { [name in string]: SignInResolverFactory };
}) {
  const { moduleId, providerId, authenticator, signInResolverFactories } =
    options;
  return createBackendModule({
    pluginId: 'auth',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { providers: authProvidersExtensionPoint },
        async init({ providers }) {
          providers.registerProvider({
            providerId,
            factory: createOAuthProviderFactory({
              authenticator,
              signInResolverFactories: {
                ...signInResolverFactories,
                emailMatchingCatalogUser,
              },
            }),
          });
        },
      });
    },
  });
}
