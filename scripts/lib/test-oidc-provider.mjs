// A local OpenID Connect provider for tests: the certified `oidc-provider`
// package with its built-in login and consent pages (devInteractions: any
// password is accepted for a known login), a fixed set of accounts and one
// confidential client.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/**
 * Starts the provider on a free port of 127.0.0.1 (a different host from
 * the portal's `localhost`, so the two keep separate cookies).
 *
 * @param {object} options
 * @param {string} options.redirectUri the client's only redirect URI
 * @param {Record<string, {email: string, name: string}>} options.accounts
 *   accounts by login
 */
export async function startOidcProvider({ redirectUri, accounts }) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const client = {
    client_id: 'innovate-portal',
    client_secret: randomBytes(24).toString('hex'),
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [client],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig' }] },
    cookies: { keys: [randomBytes(24).toString('hex')] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 3600,
      IdToken: 3600,
      RefreshToken: 3600,
    },
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    async findAccount(_ctx, login) {
      const account = accounts[login];
      if (!account) return undefined;
      return {
        accountId: login,
        async claims() {
          return {
            sub: login,
            email: account.email,
            email_verified: true,
            name: account.name,
          };
        },
      };
    },
    // Backstage keeps the session by refreshing it: give this client a
    // refresh token without the `offline_access` scope and its forced
    // consent prompt.
    async issueRefreshToken(_ctx, refreshClient) {
      return refreshClient.grantTypeAllowed('refresh_token');
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
