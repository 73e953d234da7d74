import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';
import { SignInPage } from './SignInPage';

const identity = {
  type: 'user' as const,
  userEntityRef: 'user:default/maria.garcia',
  ownershipEntityRefs: ['group:default/platform-team'],
};

/** An auth API with no session yet that signs maria.garcia in on request. */
function authApi() {
  return {
    getBackstageIdentity: jest.fn(async (options?: { optional?: boolean }) =>
      options?.optional
        ? undefined
        : { id: 'maria.garcia', token: 'token', identity },
    ),
    getProfile: jest.fn(async () => ({
      email: 'maria.garcia@innovate.example',
    })),
    getAccessToken: jest.fn(),
    getIdToken: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
  };
}

async function renderSignIn(signInProviders?: string[], api = authApi()) {
  const onSignInSuccess = jest.fn();
  // Every API the offered providers use is given: the test app suspends on
  // a missing one.
  await renderInTestApp(<SignInPage onSignInSuccess={onSignInSuccess} />, {
    config: { app: { title: 'Innovate Portal', signInProviders } },
    apis: [
      [oidcAuthApiRef, api],
      [githubAuthApiRef, authApi()],
      mockApis.discovery(),
    ],
  });
  return { onSignInSuccess, api };
}

describe('SignInPage', () => {
  it('offers guest sign-in by default', async () => {
    await renderSignIn();
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('Company account')).not.toBeInTheDocument();
  });

  it('offers exactly the providers of app.signInProviders', async () => {
    await renderSignIn(['github', 'oidc']);
    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(screen.getByText('Company account')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });

  it('signs in through the oidc provider in a popup', async () => {
    const { onSignInSuccess, api } = await renderSignIn(['oidc']);
    fireEvent.click(await screen.findByRole('button', { name: /sign in/i }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(api.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
    const user = onSignInSuccess.mock.calls[0][0];
    expect(await user.getBackstageIdentity()).toEqual(identity);
  });
});
