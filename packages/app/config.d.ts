export interface Config {
  app?: {
    /**
     * Sign-in providers offered on the sign-in page, in order. `guest` needs
     * the guest auth provider (never in production); `github` needs
     * `auth.providers.github`; `oidc` needs `auth.providers.oidc`
     * (app-config.oidc.yaml).
     * @visibility frontend
     */
    signInProviders?: Array<'guest' | 'github' | 'oidc'>;
  };
}
