// The oidc-provider instance and its configuration.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Provider } from 'oidc-provider';
import { profileNamed } from './profiles.js';
import { claimsOf } from './users.js';
import { PAGE_HEADERS, logoutPage, messagePage } from './html.js';

const DAY = 24 * 60 * 60;

/** A fresh RS256 signing key (ID tokens are RS256, what Backstage's OIDC module expects). */
function signingKeys() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keys: [
      {
        ...privateKey.export({ format: 'jwk' }),
        kid: randomUUID(),
        alg: 'RS256',
        use: 'sig',
      },
    ],
  };
}

function setPageHeaders(ctx) {
  for (const [name, value] of Object.entries(PAGE_HEADERS))
    ctx.set(name, value);
}

/**
 * Creates the Provider.
 * @param {object} o
 * @param {string} o.issuer
 * @param {import('./users.js').UserStore} o.users
 * @param {{clientId: string, clientSecret: string, redirectUris: string[], postLogoutRedirectUris: string[]}} o.client
 * @param {string[]} o.cookieKeys
 * @param {number} o.accessTokenTtl seconds
 */
export function createProvider({
  issuer,
  users,
  client,
  cookieKeys,
  accessTokenTtl,
  profile = profileNamed('dev'),
}) {
  const firstPartyClients = new Set([client.clientId]);

  const configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'AI Ops Console',
        application_type: 'web',
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        // client_secret_post is accepted too: oidc-provider treats the two
        // secret-based methods as interchangeable for a client registered
        // with either of them.
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
        // auth_time in every ID token (dev, keycloak), or only with max_age /
        // prompt=login as OIDC Core says (google, entra)
        require_auth_time: profile.authTime,
        scope: 'openid profile email groups offline_access',
      },
    ],

    // Scope -> claims. `groups` is released with `profile` (Backstage asks
    // for openid profile email) and with its own `groups` scope.
    claims: {
      openid: ['sub'],
      profile: [
        'name',
        'given_name',
        'family_name',
        'preferred_username',
        'groups',
      ],
      email: ['email', 'email_verified'],
      groups: ['groups'],
      sid: null,
      auth_time: null,
      acr: null,
      iss: null,
    },
    // Put the scope-requested claims in the ID token too, not only in
    // userinfo (OIDC Core puts them only in userinfo when an access token is
    // issued): the console and the tests read them from the ID token.
    conformIdTokenClaims: false,

    async findAccount(ctx, sub) {
      const user = users.findBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        async claims() {
          return claimsOf(user, profile);
        },
      };
    },

    // Refresh tokens. oidc-provider follows OIDC Core 11: it drops
    // offline_access from every authorization request whose `prompt` does not
    // contain `consent`, so a client that does not send prompt=consent (the
    // console: Backstage sends prompt=none, login or nothing) never gets
    // offline_access, and the default policy (refresh_token grant allowed AND
    // offline_access granted) would never issue it a refresh token. So the
    // first-party client gets a refresh token on every code exchange.
    // Profiles with refreshTokens 'offline' (google) keep the default
    // policy: no refresh token without offline access.
    async issueRefreshToken(ctx, oidcClient, code) {
      if (!oidcClient.grantTypeAllowed('refresh_token')) return false;
      return (
        code.scopes.has('offline_access') ||
        (profile.refreshTokens === 'always' &&
          firstPartyClients.has(oidcClient.clientId))
      );
    },
    // The default, spelled out: without offline_access (the usual case, see
    // above) the tokens, refresh tokens included, are bound to the IdP
    // session and die with it (end_session, restart, Session TTL); with
    // offline_access (prompt=consent) they outlive it.
    async expiresWithSession(ctx, code) {
      return !code.scopes.has('offline_access');
    },

    cookies: {
      keys: cookieKeys,
      // Over plain http (dev) the cookies must not be `Secure`: oidc-provider
      // only marks them Secure when the request itself is https (ctx.secure),
      // which stays false here because `proxy` is false (X-Forwarded-Proto is
      // ignored). SameSite=Lax lets them ride along the top-level redirects
      // from the console. No `domain`: host-only cookies for localhost.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
      names: {
        session: '_dev_idp_session',
        interaction: '_dev_idp_interaction',
        resume: '_dev_idp_resume',
      },
    },

    jwks: signingKeys(),

    pkce: {
      // S256 only (oidc-provider's only method). Required for public clients;
      // optional for the confidential console client, which uses it anyway.
      required: (ctx, oidcClient) => oidcClient.clientAuthMethod === 'none',
    },

    // Authorization code flow only (no implicit / hybrid).
    responseTypes: ['code'],

    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },

    features: {
      devInteractions: { enabled: false }, // our own login page instead
      // Backstage revokes the refresh token on sign-out. A client may revoke
      // and introspect its own tokens only.
      revocation: {
        enabled: true,
        allowedPolicy: async (ctx, oidcClient, token) =>
          token.clientId === oidcClient.clientId,
      },
      introspection: {
        enabled: true,
        allowedPolicy: async (ctx, oidcClient, token) =>
          token.clientId === oidcClient.clientId,
      },
      userinfo: { enabled: true }, // Backstage's OIDC module requires it
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          setPageHeaders(ctx);
          ctx.body = logoutPage({ form, host: ctx.host });
        },
        async postLogoutSuccessSource(ctx) {
          setPageHeaders(ctx);
          ctx.body = messagePage({
            title: 'Signed out',
            message: 'You are signed out of the dev identity provider.',
          });
        },
      },
    },

    // Error pages: error code and description only (both escaped), never a
    // stack trace.
    async renderError(ctx, out) {
      setPageHeaders(ctx);
      ctx.type = 'html';
      ctx.body = messagePage({
        title: 'Sign-in error',
        message: 'The request could not be completed.',
        details: Object.entries(out).filter(([k]) =>
          ['error', 'error_description'].includes(k),
        ),
      });
    },

    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Grant: 14 * DAY,
      Session: 14 * DAY,
      RefreshToken: 14 * DAY,
      ClientCredentials: 10 * 60,
      DeviceCode: 10 * 60,
      BackchannelAuthenticationRequest: 10 * 60,
      PreAuthorizedCode: 10 * 60,
    },
  };

  const provider = new Provider(issuer, configuration);
  // Plain http on localhost: never trust X-Forwarded-* headers.
  provider.proxy = false;

  // ID tokens carry `sid`. oidc-provider only puts `sid` into the ID token
  // when the client registered back-channel logout with
  // backchannel_logout_session_required (or asked for it with the claims
  // parameter); the console does neither, so the clients of this provider
  // always get it. This overrides an internal method: fail loudly if it
  // disappears in another oidc-provider version (the tests check `sid`).
  // Profiles without sid (google, entra) keep oidc-provider's default.
  const ClientModel = provider.Client;
  if (typeof ClientModel.prototype.includeSid !== 'function') {
    throw new Error(
      'oidc-provider changed: Client.prototype.includeSid is gone, cannot add sid to ID tokens',
    );
  }
  if (profile.sid) {
    ClientModel.prototype.includeSid = function includeSid() {
      return true;
    };
  }

  return { provider, firstPartyClients };
}
