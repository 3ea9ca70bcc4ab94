import {
  AuthService,
  coreServices,
  createBackendModule,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  OAuthAuthenticator,
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import { randomBytes } from 'node:crypto';
import { userAdminRequest } from './userAdminRequest';

/** What an identity provider says of the person signing in. */
export type ProviderIdentity = {
  subject: string;
  email?: string;
  emailVerified?: boolean;
  displayName?: string;
  username?: string;
  groups?: string[];
  /** The provider's own session id (OIDC `sid`). */
  idpSession?: string;
  /** epoch seconds of the interactive login */
  authTime?: number;
};

type LoginMark = { id: string; kind: 'login' | 'refresh' };

const LOGIN = Symbol.for('ai-ops-console.login');
// The refresh cookie holds `<prefix><login id>.<provider's refresh token>`:
// the login id comes back with every refresh, so a refresh continues exactly
// the console session its login opened, never a newer or an older one.
const PREFIX = 'aoc1.';

function packRefreshToken(loginId: string, token: string) {
  return `${PREFIX}${loginId}.${token}`;
}

/** The login id and the provider's own token of a refresh cookie's value. */
export function unpackRefreshToken(
  value: string | undefined,
): { loginId: string; token: string } | undefined {
  if (!value?.startsWith(PREFIX)) return undefined;
  const rest = value.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot < 16) return undefined;
  return { loginId: rest.slice(0, dot), token: rest.slice(dot + 1) };
}

function mark<T extends object>(result: T, login: LoginMark): T {
  Object.defineProperty(result, LOGIN, { value: login, enumerable: false });
  return result;
}

/** Whether this sign-in is an interactive login or a refresh, and its id. */
export function loginOf(result: object): LoginMark | undefined {
  return (result as { [LOGIN]?: LoginMark })[LOGIN];
}

/**
 * An OAuth authenticator whose every interactive login gets a random id,
 * carried in the refresh cookie, and whose results say whether they come
 * from a login or a refresh. The console's sign-in resolver needs both: a
 * login opens a console session, a refresh may only continue one.
 */
export function withLoginIds<TContext, TProfile>(
  inner: OAuthAuthenticator<TContext, TProfile>,
  options: {
    /** Called with the login id when its browser signs out. */
    onSignOut?: (loginId: string) => Promise<void>;
  } = {},
): OAuthAuthenticator<TContext, TProfile> {
  return {
    ...inner,
    async authenticate(input, ctx) {
      const result = await inner.authenticate(input, ctx);
      const loginId = randomBytes(18).toString('base64url');
      // Without a refresh token from the provider (Google without offline
      // access) the cookie still carries the login id, so that signing out
      // can end its session; it renews nothing.
      return mark(
        {
          ...result,
          session: {
            ...result.session,
            refreshToken: packRefreshToken(
              loginId,
              result.session.refreshToken ?? '',
            ),
          },
        },
        { id: loginId, kind: 'login' },
      );
    },
    async refresh(input, ctx) {
      const packed = unpackRefreshToken(input.refreshToken);
      if (!packed || !packed.token) {
        // a cookie from before the console's sign-in, forged, or of a
        // provider that gave no refresh token
        throw new NotAllowedError(
          'this sign-in cannot be renewed: sign in again',
        );
      }
      const result = await inner.refresh(
        { ...input, refreshToken: packed.token },
        ctx,
      );
      return mark(
        {
          ...result,
          session: {
            ...result.session,
            refreshToken: packRefreshToken(
              packed.loginId,
              result.session.refreshToken ?? packed.token,
            ),
          },
        },
        { id: packed.loginId, kind: 'refresh' },
      );
    },
    async logout(input, ctx) {
      const packed = unpackRefreshToken(input.refreshToken);
      // the console session first: signing out must end it even if the
      // provider cannot be reached
      if (packed) await options.onSignOut?.(packed.loginId);
      if (!inner.logout) return undefined;
      return inner.logout(
        {
          ...input,
          refreshToken: packed ? packed.token || undefined : input.refreshToken,
        },
        ctx,
      );
    },
  };
}

/** Ends the console session of a login when its browser signs out. */
export function consoleSignOut(options: {
  providerId: string;
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}) {
  const call = userAdminRequest(options);
  return async (loginId: string) => {
    const response = await call('/internal/sign-out', {
      method: 'POST',
      body: { provider: options.providerId, sessionKey: loginId },
    }).catch(error => {
      options.logger.warn(`sign-out could not reach user-admin: ${error}`);
      return undefined;
    });
    if (response && !response.ok) {
      options.logger.warn(`user-admin sign-out answered ${response.status}`);
    }
  };
}

type SignInAnswer = {
  userRef: string;
  ownershipRefs: string[];
  sessionId: string;
};

/**
 * The sign-in resolver of every provider the console enables: user-admin
 * registers or finds the user (by the provider's subject, never by an
 * unverified e-mail) and opens or continues the console session, whose id
 * goes into the Backstage token (`sid`).
 */
export function consoleSignInResolver<TProfile>(options: {
  providerId: string;
  identityOf: (result: OAuthAuthenticatorResult<TProfile>) => ProviderIdentity;
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}): SignInResolver<OAuthAuthenticatorResult<TProfile>> {
  const { providerId, identityOf, logger } = options;
  const call = userAdminRequest(options);
  return async (info, ctx) => {
    const login = loginOf(info.result);
    if (!login) {
      throw new Error(
        `the ${providerId} authenticator is not wrapped with withLoginIds`,
      );
    }
    const identity = identityOf(info.result);
    const response = await call('/internal/sign-in', {
      method: 'POST',
      body: {
        provider: providerId,
        ...identity,
        kind: login.kind,
        sessionKey: login.id,
      },
    });
    if (response.status === 403) {
      const body = await response.json().catch(() => undefined);
      throw new NotAllowedError(
        body?.error?.message ?? 'sign-in refused by the console',
      );
    }
    if (!response.ok) {
      logger.error(`user-admin sign-in answered ${response.status}`);
      throw new Error('sign-in failed: the console could not be reached');
    }
    const answer = (await response.json()) as SignInAnswer;
    return ctx.issueToken({
      claims: {
        sub: answer.userRef,
        ent: answer.ownershipRefs,
        sid: answer.sessionId,
      },
    });
  };
}

/** A string claim, or undefined: nothing else is taken for a string. */
export function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Only an explicit yes counts (some providers send the string "true"). */
export function verifiedClaim(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * An auth backend module that signs in through the console: the provider's
 * authenticator with a login id per interactive login (withLoginIds), the
 * console's resolver, and sign-out ending the console session.
 */
export function consoleSignInModule<TContext, TProfile>(options: {
  providerId: string;
  moduleId: string;
  authenticator: OAuthAuthenticator<TContext, TProfile>;
  identityOf: (result: OAuthAuthenticatorResult<TProfile>) => ProviderIdentity;
}) {
  const { providerId, authenticator, identityOf } = options;
  return createBackendModule({
    pluginId: 'auth',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          logger: coreServices.logger,
        },
        async init({ providers, discovery, auth, logger }) {
          const services = { providerId, discovery, auth, logger };
          providers.registerProvider({
            providerId,
            factory: createOAuthProviderFactory({
              authenticator: withLoginIds(authenticator, {
                onSignOut: consoleSignOut(services),
              }),
              signInResolver: consoleSignInResolver({
                ...services,
                identityOf,
              }),
            }),
          });
        },
      });
    },
  });
}
