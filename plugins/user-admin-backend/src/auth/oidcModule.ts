import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';

type SignInAnswer = {
  userRef: string;
  ownershipRefs: string[];
  sessionId: string;
};

/** Set by the console's "Sign in again" (packages/app, modules/session). */
const REAUTH_COOKIE = /(?:^|;\s*)console-reauth=1(?:;|$)/;

/**
 * Backstage's OIDC authenticator, except that a sign-in the console asked to
 * repeat after its session was revoked makes the provider ask for
 * credentials (`prompt=login`): the provider's own session outlives the
 * revoked console session and would sign it straight back in.
 */
export const consoleOidcAuthenticator: typeof oidcAuthenticator = {
  ...oidcAuthenticator,
  start(input, ctx) {
    const reauthenticate = REAUTH_COOKIE.test(input.req.headers.cookie ?? '');
    return oidcAuthenticator.start(
      input,
      reauthenticate ? { ...ctx, initializedPrompt: 'login' } : ctx,
    );
  },
};

/**
 * OpenID Connect sign-in for the console: Backstage's OIDC authenticator
 * (authorization code with PKCE) with a resolver that registers or finds the
 * console user in user-admin, opens or continues a session keyed by the
 * provider's session id (`sid`), and puts the console session id in the
 * Backstage token (`sid` claim). The resolver runs at sign-in and at every
 * refresh, so a disabled user or a revoked session cannot refresh.
 *
 * @public
 */
export const authModuleConsoleOidc = createBackendModule({
  pluginId: 'auth',
  moduleId: 'console-oidc',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ providers, discovery, auth, logger }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: consoleOidcAuthenticator,
            async signInResolver(info, ctx) {
              const claims =
                info.result.fullProfile.tokenset.claims() as Record<
                  string,
                  unknown
                >;
              const userinfo = info.result.fullProfile.userinfo as Record<
                string,
                unknown
              >;
              const pick = (key: string) =>
                (claims[key] ?? userinfo?.[key]) as string | undefined;
              const groups = (claims.groups ?? userinfo?.groups) as unknown;
              const baseUrl = await discovery.getBaseUrl('user-admin');
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'user-admin',
              });
              const response = await fetch(`${baseUrl}/internal/sign-in`, {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({
                  provider: 'oidc',
                  subject: String(claims.sub),
                  email: pick('email'),
                  displayName: pick('name'),
                  username: pick('preferred_username'),
                  groups: Array.isArray(groups)
                    ? groups.map(String)
                    : undefined,
                  sessionKey: String(claims.sid ?? `sub:${claims.sub}`),
                  authTime:
                    typeof claims.auth_time === 'number'
                      ? claims.auth_time
                      : undefined,
                }),
              });
              if (response.status === 403) {
                const body = await response.json().catch(() => undefined);
                throw new NotAllowedError(
                  body?.error?.message ?? 'sign-in refused by the console',
                );
              }
              if (!response.ok) {
                logger.error(`user-admin sign-in answered ${response.status}`);
                throw new Error(
                  `sign-in failed: user-admin answered ${response.status}`,
                );
              }
              const answer = (await response.json()) as SignInAnswer;
              return ctx.issueToken({
                claims: {
                  sub: answer.userRef,
                  ent: answer.ownershipRefs,
                  sid: answer.sessionId,
                },
              });
            },
          }),
        });
      },
    });
  },
});
