import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DefaultHttpAuthService } from '@backstage/backend-defaults/httpAuth';
import { Request } from 'express';
import {
  RevocationSnapshot,
  SessionActivity,
  sessionGuardServiceRef,
  TokenClaims,
  SessionGuard,
} from './SessionGuard';

/** Reads the claims of a token the auth service has already verified. */
export function jwtClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8'),
    );
    return typeof payload.sub === 'string' ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps the auth service: a user token that the default verification accepts
 * is then checked against the session guard (revoked session, logged out
 * everywhere, disabled user).
 */
export function guardedAuth(options: {
  auth: AuthService;
  guard: SessionGuard;
  claimsOf?: (token: string) => TokenClaims | undefined;
}): AuthService {
  const { auth, guard, claimsOf = jwtClaims } = options;
  return Object.assign(Object.create(auth), {
    async authenticate(token: string, opts?: { allowLimitedAccess?: boolean }) {
      const credentials = await auth.authenticate(token, opts);
      if ((credentials.principal as { type?: string }).type === 'user') {
        const claims = claimsOf(token) ?? {
          sub: (credentials.principal as { userEntityRef: string })
            .userEntityRef,
        };
        await guard.check(claims);
      }
      return credentials;
    },
  }) as AuthService;
}

/**
 * The console's httpAuth: Backstage's default, on top of an auth service that
 * refuses revoked tokens, and which records when each session was last seen
 * (time, user agent, address). Every plugin gets it; build it once here.
 */
export function createHttpAuthWithSessionGuard(
  options: { claimsOf?: (token: string) => TokenClaims | undefined } = {},
) {
  const claimsOf = options.claimsOf ?? jwtClaims;
  return createServiceFactory({
    service: coreServices.httpAuth,
    deps: {
      auth: coreServices.auth,
      discovery: coreServices.discovery,
      plugin: coreServices.pluginMetadata,
      guard: sessionGuardServiceRef,
    },
    factory({ auth, discovery, plugin, guard }) {
      const call = async (path: string, init?: RequestInit) => {
        const baseUrl = await discovery.getBaseUrl('user-admin');
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'user-admin',
        });
        const response = await fetch(`${baseUrl}${path}`, {
          ...init,
          headers: {
            ...init?.headers,
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
        });
        if (!response.ok) {
          throw new Error(`user-admin answered ${response.status} for ${path}`);
        }
        return response;
      };
      guard.setTransport({
        fetchState: async () =>
          (await (
            await call('/internal/revocations')
          ).json()) as RevocationSnapshot,
        pushActivity: async (items: SessionActivity[]) => {
          await call('/internal/activity', {
            method: 'POST',
            body: JSON.stringify({ items }),
          });
        },
      });

      const inner = DefaultHttpAuthService.create({
        auth: guardedAuth({ auth, guard, claimsOf }),
        discovery,
        pluginId: plugin.getId(),
      });
      return {
        async credentials(
          req: Request,
          credentialOptions?: any,
        ): Promise<BackstageCredentials<any>> {
          const credentials = await inner.credentials(req, credentialOptions);
          if ((credentials.principal as { type?: string }).type === 'user') {
            const header = req.headers.authorization;
            const claims = header?.startsWith('Bearer ')
              ? claimsOf(header.slice(7))
              : undefined;
            if (claims?.sid) {
              guard.recordActivity({
                sessionId: claims.sid,
                at: Date.now(),
                userAgent: req.headers['user-agent']?.slice(0, 512),
                ipAddress: req.ip,
              });
            }
          }
          return credentials;
        },
        issueUserCookie: inner.issueUserCookie.bind(inner),
      };
    },
  });
}

/** The console's httpAuth with the session guard, for `backend.add(...)`. */
export const httpAuthWithSessionGuard = createHttpAuthWithSessionGuard();
