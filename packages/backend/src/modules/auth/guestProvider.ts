import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import authModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';

/**
 * Guest sign-in for local use. Not even registered when `auth.environment`
 * is `production`, whatever `auth.providers.guest` or NODE_ENV say: a
 * production portal has no way to sign in without an identity provider.
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.getOptionalString('auth.environment') === 'production') {
      return;
    }
    yield authModuleGuestProvider;
  },
});
