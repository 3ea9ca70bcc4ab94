import { OAuthAuthenticatorResult } from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  OidcAuthResult,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  consoleSignInModule,
  ProviderIdentity,
  stringClaim,
  verifiedClaim,
  withLoginIds,
} from './consoleSignIn';

/** Set by the console's "Sign in again" (packages/app, modules/session). */
const REAUTH_COOKIE = /(?:^|;\s*)console-reauth=1(?:;|$)/;

/**
 * Backstage's OIDC authenticator, except that a sign-in the console asked to
 * repeat after its session was revoked makes the provider ask for
 * credentials (`prompt=login`): the provider's own session outlives the
 * revoked console session and would sign it straight back in. Every login
 * gets an id of its own (see withLoginIds).
 */
const reauthenticatingOidc: typeof oidcAuthenticator = {
  ...oidcAuthenticator,
  start(input, ctx) {
    const reauthenticate = REAUTH_COOKIE.test(input.req.headers.cookie ?? '');
    return oidcAuthenticator.start(
      input,
      reauthenticate ? { ...ctx, initializedPrompt: 'login' } : ctx,
    );
  },
};

/** The console's OIDC authenticator, without the sign-out hook (tests). */
export const consoleOidcAuthenticator: typeof oidcAuthenticator =
  withLoginIds(reauthenticatingOidc);

/**
 * What an OIDC provider says of the person: the ID token's claims where the
 * response has one (a refresh may not), else the userinfo answer. Nothing
 * the provider may omit is assumed: no `sid`, no `auth_time`, no
 * `email_verified` (then the e-mail is taken as unverified).
 */
export function oidcIdentity(
  result: OAuthAuthenticatorResult<OidcAuthResult>,
): ProviderIdentity {
  const { tokenset, userinfo } = result.fullProfile;
  let claims: Record<string, unknown> = {};
  try {
    claims = tokenset.claims() as Record<string, unknown>;
  } catch {
    // no ID token in this response (a refresh without one)
  }
  const info = (userinfo ?? {}) as Record<string, unknown>;
  const pick = (key: string) => claims[key] ?? info[key];
  const subject = stringClaim(claims.sub) ?? stringClaim(info.sub);
  if (!subject) throw new Error('the identity provider sent no subject');
  if (
    stringClaim(claims.sub) &&
    stringClaim(info.sub) &&
    claims.sub !== info.sub
  ) {
    // OIDC Core 5.3.2: the userinfo answer must be about the token's subject
    throw new Error('the identity provider sent two different subjects');
  }
  const groups = pick('groups');
  const authTime = pick('auth_time');
  return {
    subject,
    email: stringClaim(pick('email')),
    // Entra ID sends no email_verified; its optional claim xms_edov says the
    // domain owner verified the address (plain `email` there is not proof)
    emailVerified:
      verifiedClaim(pick('email_verified')) || verifiedClaim(pick('xms_edov')),
    displayName: stringClaim(pick('name')),
    username: stringClaim(pick('preferred_username')),
    groups: Array.isArray(groups)
      ? groups.filter((g): g is string => typeof g === 'string')
      : undefined,
    idpSession: stringClaim(pick('sid')),
    authTime:
      typeof authTime === 'number' && Number.isInteger(authTime) && authTime > 0
        ? authTime
        : undefined,
  };
}

/**
 * OpenID Connect sign-in for the console: Backstage's OIDC authenticator
 * (authorization code with PKCE) with the console's resolver, which
 * registers or finds the user in user-admin and opens (at login) or
 * continues (at refresh) the console session. A disabled user or a revoked
 * session cannot refresh.
 *
 * @public
 */
export const authModuleConsoleOidc = consoleSignInModule({
  providerId: 'oidc',
  moduleId: 'console-oidc',
  authenticator: reauthenticatingOidc,
  identityOf: oidcIdentity,
});
