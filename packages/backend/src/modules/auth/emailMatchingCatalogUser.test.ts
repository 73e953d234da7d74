import { NotFoundError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { emailMatchingCatalogUser } from './emailMatchingCatalogUser';

const signedIn = { token: 'backstage-token' };

/** A resolver context whose catalog holds one user, maria.garcia. */
function catalogWithMaria() {
  const signInWithCatalogUser = jest.fn(async query => {
    const email = (query as { filter: Record<string, string> }).filter[
      'spec.profile.email'
    ];
    if (email === 'maria.garcia@innovate.example') return signedIn;
    throw new NotFoundError('User not found');
  });
  const ctx = { signInWithCatalogUser } as unknown as AuthResolverContext;
  return { ctx, signInWithCatalogUser };
}

function signIn(email: string | undefined, ctx: AuthResolverContext) {
  return emailMatchingCatalogUser()({ profile: { email }, result: {} }, ctx);
}

describe('emailMatchingCatalogUser', () => {
  it('signs in the catalog user whose profile e-mail matches', async () => {
    const { ctx, signInWithCatalogUser } = catalogWithMaria();
    await expect(signIn('maria.garcia@innovate.example', ctx)).resolves.toBe(
      signedIn,
    );
    expect(signInWithCatalogUser.mock.calls[0][0]).toEqual({
      filter: { 'spec.profile.email': 'maria.garcia@innovate.example' },
    });
  });

  it('tells an unknown user which e-mail the catalog does not know', async () => {
    const { ctx } = catalogWithMaria();
    await expect(signIn('nobody@innovate.example', ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /nobody@innovate\.example is not a user of Innovate Portal \(no User in the catalog/,
      ),
    });
  });

  it('refuses a profile without an e-mail and says why', async () => {
    const { ctx, signInWithCatalogUser } = catalogWithMaria();
    await expect(signIn(undefined, ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('no verified e-mail address'),
    });
    expect(signInWithCatalogUser).not.toHaveBeenCalled();
  });

  it('passes on other catalog errors unchanged', async () => {
    const failure = new Error('catalog unavailable');
    const ctx = {
      signInWithCatalogUser: jest.fn().mockRejectedValue(failure),
    } as unknown as AuthResolverContext;
    await expect(signIn('maria.garcia@innovate.example', ctx)).rejects.toBe(
      failure,
    );
  });
});
