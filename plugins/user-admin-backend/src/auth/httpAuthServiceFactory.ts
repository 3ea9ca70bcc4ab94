import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DefaultHttpAuthService } from '@backstage/backend-defaults/httpAuth';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  USER_ADMIN_POLICY_CHANGED_TOPIC,
  USER_ADMIN_SESSIONS_REVOKED_TOPIC,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { addWebSocketGate, WebSocketGate } from '@ai-ops-console/console-node';
import { Request } from 'express';
import { userAdminRequest } from './userAdminRequest';
import type { IncomingMessage } from 'node:http';
import {
  RevocationSnapshot,
  SessionActivity,
  sessionGuardServiceRef,
  TokenClaims,
  SessionGuard,
} from './SessionGuard';

/** Reads a token's claims; `obo` is the user token a plugin token carries. */
export type ClaimsReader = (
  token: string,
) => (TokenClaims & { obo?: string }) | undefined;

/**
 * Reads the claims of a Backstage token without verifying it: the auth
 * service verifies; the guard only ever refuses on what it reads here.
 */
export const jwtClaims: ClaimsReader = token => {
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
};

/** The claims of the user a token speaks for: its own, or its `obo` token's. */
function speakerClaims(token: string, claimsOf: ClaimsReader) {
  const own = claimsOf(token);
  return own?.obo ? claimsOf(own.obo) : own;
}

/**
 * The claims of the user a token speaks for: its own, or, for a
 * plugin-to-plugin token on behalf of a user, those of the user token it
 * carries (`obo`). Claims whose subject is not `userRef` are not the user's:
 * then only the ref is known, and the guard judges by it alone.
 */
export function userClaims(
  token: string,
  userRef: string,
  claimsOf: ClaimsReader,
): TokenClaims {
  const user = speakerClaims(token, claimsOf);
  if (
    user &&
    user.sub.toLocaleLowerCase('en-US') === userRef.toLocaleLowerCase('en-US')
  ) {
    return { sub: userRef, sid: user.sid, iat: user.iat };
  }
  return { sub: userRef };
}

/** The tokens a WebSocket upgrade may carry, as Backstage reads them. */
function upgradeTokens(request: IncomingMessage): string[] {
  const bearer =
    request.headers.authorization?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
  const protocols =
    request.headers['sec-websocket-protocol']
      ?.split(',')
      .map(value => value.trim())
      .filter(Boolean) ?? [];
  return bearer ? [...protocols, bearer] : protocols;
}

/**
 * The guard in front of every WebSocket upgrade: refuses one that carries a
 * refused user token, and watches the socket so that it is ended when the
 * session behind it is revoked or the user disabled.
 */
export function sessionGuardWebSocketGate(options: {
  guard: SessionGuard;
  claimsOf?: ClaimsReader;
}): WebSocketGate {
  const { guard, claimsOf = jwtClaims } = options;
  return async (request, socket) => {
    const claims: TokenClaims[] = [];
    for (const token of upgradeTokens(request)) {
      const user = speakerClaims(token, claimsOf);
      if (user?.sub.startsWith('user:')) {
        claims.push({ sub: user.sub, sid: user.sid, iat: user.iat });
      }
    }
    for (const c of claims) await guard.check(c);
    guard.watch(socket, claims);
  };
}

/**
 * Wraps the auth service: a user token that the default verification accepts
 * is then checked against the session guard (revoked session, logged out
 * everywhere, disabled user).
 */
export function guardedAuth(options: {
  auth: AuthService;
  guard: SessionGuard;
  claimsOf?: ClaimsReader;
}): AuthService {
  const { auth, guard, claimsOf = jwtClaims } = options;
  return Object.assign(Object.create(auth), {
    async authenticate(token: string, opts?: { allowLimitedAccess?: boolean }) {
      const credentials = await auth.authenticate(token, opts);
      if ((credentials.principal as { type?: string }).type === 'user') {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        await guard.check(userClaims(token, userEntityRef, claimsOf));
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
  options: {
    claimsOf?: ClaimsReader;
  } = {},
) {
  const claimsOf = options.claimsOf ?? jwtClaims;
  return createServiceFactory({
    service: coreServices.httpAuth,
    deps: {
      auth: coreServices.auth,
      discovery: coreServices.discovery,
      plugin: coreServices.pluginMetadata,
      rootConfig: coreServices.rootConfig,
      instance: coreServices.rootInstanceMetadata,
      events: eventsServiceRef,
      guard: sessionGuardServiceRef,
    },
    async factory({
      auth,
      discovery,
      plugin,
      rootConfig,
      instance,
      events,
      guard,
    }) {
      const request = userAdminRequest({ discovery, auth });
      const call = async (
        path: string,
        init?: { method?: string; body?: unknown },
      ) => {
        const response = await request(path, init);
        if (!response.ok) {
          throw new Error(`user-admin answered ${response.status} for ${path}`);
        }
        return response;
      };
      const installed = guard.setTransport({
        fetchState: async () =>
          (await (
            await call('/internal/revocations')
          ).json()) as RevocationSnapshot,
        pushActivity: async (items: SessionActivity[]) => {
          await call('/internal/activity', { method: 'POST', body: { items } });
        },
      });
      // the first plugin to set up the process's guard also connects it
      if (installed) {
        // A revocation is pushed to every process (an id of its own per
        // process: subscribers sharing an id share the events); the poll
        // stays as the bound when an event is lost.
        await events.subscribe({
          id: `session-guard-${instance.getId()}`,
          topics: [
            USER_ADMIN_SESSIONS_REVOKED_TOPIC,
            USER_ADMIN_POLICY_CHANGED_TOPIC,
          ],
          onEvent: () => guard.refreshAfterChange(),
        });
        addWebSocketGate(
          rootConfig,
          sessionGuardWebSocketGate({ guard, claimsOf }),
        );
      }

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
              ? userClaims(
                  header.slice(7),
                  (credentials.principal as { userEntityRef: string })
                    .userEntityRef,
                  claimsOf,
                )
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
