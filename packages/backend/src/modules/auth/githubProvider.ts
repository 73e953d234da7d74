import {
  githubAuthenticator,
  githubSignInResolvers,
} from '@backstage/plugin-auth-backend-module-github-provider';
import { commonSignInResolvers } from '@backstage/plugin-auth-node';
import { catalogUserSignInModule } from './catalogUserSignInModule';

/**
 * GitHub sign-in (`auth.providers.github`): Backstage's GitHub authenticator
 * with its own resolvers plus `emailMatchingCatalogUser`. It takes the
 * place of `@backstage/plugin-auth-backend-module-github-provider`'s module
 * (same module id), whose resolver list cannot be extended.
 */
export default catalogUserSignInModule({
  moduleId: 'github-provider',
  providerId: 'github',
  authenticator: githubAuthenticator,
  signInResolverFactories: {
    ...githubSignInResolvers,
    ...commonSignInResolvers,
  },
});
