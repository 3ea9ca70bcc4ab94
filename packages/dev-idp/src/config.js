// Options of the dev IdP, read from the environment. Every default is a
// development default and documented in ../README.md.
import { randomBytes } from 'node:crypto';
import { profileNamed } from './profiles.js';
import { UserStore, readUsersFile } from './users.js';

export const DEFAULT_PORT = 7010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_CLIENT_ID = 'ai-ops-console';
export const DEFAULT_CLIENT_SECRET = 'dev-idp-client-secret';
export const DEFAULT_REDIRECT_URIS = [
  'http://localhost:7007/api/auth/oidc/handler/frame',
  // the proxy of the production topology (scripts/topology.sh)
  'http://localhost:7080/api/auth/oidc/handler/frame',
];
export const DEFAULT_POST_LOGOUT_REDIRECT_URIS = [
  'http://localhost:3000',
  'http://localhost:3000/',
];
export const DEFAULT_ACCESS_TOKEN_TTL = 60 * 60;

function list(value) {
  return String(value)
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

function parsePort(value, name) {
  if (!/^\d+$/.test(String(value)) || Number(value) > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  }
  return Number(value);
}

function parseSeconds(value, name) {
  if (!/^\d+$/.test(String(value)) || Number(value) < 1) {
    throw new Error(
      `${name} must be a positive number of seconds, got "${value}"`,
    );
  }
  return Number(value);
}

function parseUrls(values, name) {
  for (const value of values) {
    let url;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`${name}: "${value}" is not an absolute URL`);
    }
    if (url.hash)
      throw new Error(`${name}: "${value}" must not have a fragment`);
  }
  if (values.length === 0)
    throw new Error(`${name} must list at least one URL`);
  return values;
}

/**
 * Builds the options from an environment object (process.env by default).
 * `issuer` stays undefined when DEV_IDP_ISSUER is unset: it is then derived
 * from the port the server actually listens on (http://localhost:<port>).
 */
export function optionsFromEnv(env = process.env) {
  const port = env.DEV_IDP_PORT
    ? parsePort(env.DEV_IDP_PORT, 'DEV_IDP_PORT')
    : DEFAULT_PORT;
  const issuer = env.DEV_IDP_ISSUER
    ? env.DEV_IDP_ISSUER.replace(/\/+$/, '')
    : undefined;
  if (issuer) {
    parseUrls([issuer], 'DEV_IDP_ISSUER');
    const { pathname, search, protocol } = new URL(issuer);
    if (pathname !== '/' || search || !/^https?:$/.test(protocol)) {
      throw new Error(
        `DEV_IDP_ISSUER must be a bare http(s) origin such as http://localhost:7010 (no path or query), got "${env.DEV_IDP_ISSUER}"`,
      );
    }
  }
  const extraUsers = env.DEV_IDP_USERS ? readUsersFile(env.DEV_IDP_USERS) : [];
  return {
    profile: profileNamed(env.DEV_IDP_PROFILE || 'dev'),
    host: env.DEV_IDP_HOST || DEFAULT_HOST,
    port,
    issuer,
    client: {
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: env.DEV_IDP_CLIENT_SECRET || DEFAULT_CLIENT_SECRET,
      redirectUris: env.DEV_IDP_REDIRECT_URIS
        ? parseUrls(list(env.DEV_IDP_REDIRECT_URIS), 'DEV_IDP_REDIRECT_URIS')
        : [...DEFAULT_REDIRECT_URIS],
      postLogoutRedirectUris: env.DEV_IDP_POST_LOGOUT_REDIRECT_URIS
        ? parseUrls(
            list(env.DEV_IDP_POST_LOGOUT_REDIRECT_URIS),
            'DEV_IDP_POST_LOGOUT_REDIRECT_URIS',
          )
        : [...DEFAULT_POST_LOGOUT_REDIRECT_URIS],
    },
    users: new UserStore({
      extraUsers,
      sharedPassword: env.DEV_IDP_PASSWORD || undefined,
    }),
    defaultPasswords: !env.DEV_IDP_PASSWORD,
    cookieKeys: env.DEV_IDP_COOKIE_KEYS
      ? list(env.DEV_IDP_COOKIE_KEYS)
      : undefined,
    accessTokenTtl: env.DEV_IDP_ACCESS_TOKEN_TTL
      ? parseSeconds(env.DEV_IDP_ACCESS_TOKEN_TTL, 'DEV_IDP_ACCESS_TOKEN_TTL')
      : DEFAULT_ACCESS_TOKEN_TTL,
  };
}

/** Random cookie signing keys, used when DEV_IDP_COOKIE_KEYS is unset. */
export function randomCookieKeys() {
  return [randomBytes(32).toString('base64url')];
}
