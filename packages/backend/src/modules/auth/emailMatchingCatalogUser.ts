import { NotAllowedError } from '@backstage/errors';
import {
  commonSignInResolvers,
  createSignInResolverFactory,
} from '@backstage/plugin-auth-node';

/**
 * Signs in the catalog User whose `spec.profile.email` is the e-mail the
 * identity provider vouches for (Backstage's
 * `emailMatchingUserEntityProfileEmail`), and tells a person the catalog does
 * not know which e-mail was looked up and what to do, instead of Backstage's
 * generic "unable to resolve user identity".
 *
 * It ends a `signIn.resolvers` chain: the errors it throws are final.
 */
export const emailMatchingCatalogUser = createSignInResolverFactory({
  create() {
    const matchEmail =
      commonSignInResolvers.emailMatchingUserEntityProfileEmail();
    return async (info, ctx) => {
      const { email } = info.profile;
      if (!email) {
        throw new NotAllowedError(
          'Sign-in failed: the identity provider gave no verified e-mail address for this account, and Innovate Portal finds its users by e-mail. (GitHub: make the e-mail of your catalog user public on your GitHub profile.)',
        );
      }
      try {
        return await matchEmail(info, ctx);
      } catch (error) {
        if ((error as Error)?.name !== 'NotFoundError') throw error;
        throw new NotAllowedError(
          `Sign-in failed: ${email} is not a user of Innovate Portal (no User in the catalog has this e-mail in spec.profile.email). Ask the platform team to add you to catalog-info.yaml.`,
        );
      }
    };
  },
});
