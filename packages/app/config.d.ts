export interface Config {
  app?: {
    /**
     * Sign-in providers offered on the sign-in page, in order. `guest` needs
     * the guest auth provider (development only); `github` needs
     * `auth.providers.github`.
     * @visibility frontend
     */
    signInProviders?: Array<'guest' | 'github'>;
  };
}
