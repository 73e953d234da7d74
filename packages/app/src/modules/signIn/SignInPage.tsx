import {
  SignInPage as CoreSignInPage,
  SignInProviderConfig,
} from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/core-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';

const providersByName: Record<string, SignInProviderConfig | 'guest'> = {
  guest: 'guest',
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Company account',
    message: 'Sign in with your company account (single sign-on)',
    apiRef: oidcAuthApiRef,
  },
};

/**
 * Offers the providers listed in `app.signInProviders`: guest by default
 * (app-config.yaml), GitHub in production (app-config.production.yaml) or
 * OpenID Connect (app-config.oidc.yaml).
 */
export function SignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signInProviders') ?? [
    'guest',
  ];
  const providers = names.flatMap(name => providersByName[name] ?? []);
  return <CoreSignInPage {...props} providers={providers} />;
}
