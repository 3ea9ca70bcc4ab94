import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import request from 'supertest';
import { userAdminPlugin } from '../plugin';
import { createHttpAuthWithSessionGuard } from './httpAuthServiceFactory';

// A revocation reaches the session guards as an event, not at their next
// poll: with a poll of a minute, the revoked token is refused at once.
jest.setTimeout(30_000);

const MOCK_PREFIX = 'mock-user-token:';
const claimsOf = (token: string) =>
  token.startsWith(MOCK_PREFIX)
    ? JSON.parse(token.slice(MOCK_PREFIX.length))
    : undefined;

describe('revocations pushed to the session guard', () => {
  it('refuses a revoked session long before the next poll of the guard', async () => {
    const backend = await startTestBackend({
      features: [
        userAdminPlugin,
        permissionsServiceFactory,
        eventsServiceFactory,
        createHttpAuthWithSessionGuard({ claimsOf }),
        mockServices.rootConfig.factory({
          data: {
            userAdmin: {
              registration: 'open',
              sessionGuard: { pollMs: 60_000, staleAfterMs: 120_000 },
            },
          },
        }),
      ],
    });
    try {
      const signIn = await request(backend.server)
        .post('/api/user-admin/internal/sign-in')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:auth'),
            targetPluginId: 'user-admin',
          }),
        )
        .send({
          provider: 'oidc',
          subject: 'sub-pia',
          username: 'pia',
          kind: 'login',
          sessionKey: 'pia-login-id-000000',
        });
      expect(signIn.status).toBe(200);
      const token = `Bearer ${MOCK_PREFIX}${JSON.stringify({
        sub: signIn.body.userRef,
        sid: signIn.body.sessionId,
        iat: Math.floor(Date.now() / 1000),
      })}`;
      const me = () =>
        request(backend.server)
          .get('/api/user-admin/me')
          .set('Authorization', token);
      expect((await me()).status).toBe(200);

      const revoke = await request(backend.server)
        .post(`/api/user-admin/me/sessions/revoke-all`)
        .set('Authorization', token)
        .send({});
      expect(revoke.status).toBe(200);
      const revokedAt = Date.now();
      let status = 200;
      // bounded well below the one-minute poll: only the pushed event can
      // make the guard refuse in time
      while (status !== 401 && Date.now() - revokedAt < 10_000) {
        status = (await me()).status;
        if (status !== 401) await new Promise(r => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
