import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import request from 'supertest';

/**
 * The guest provider is for development only: with NODE_ENV=production the
 * backend refuses guest sign-in, whatever the frontend offers.
 */
describe('guest sign-in', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  async function refreshAsGuest(environment: string) {
    process.env.NODE_ENV = environment;
    const backend = await startTestBackend({
      features: [
        authPlugin,
        guestProvider,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment,
              session: { secret: 'test-session-secret' },
              providers: {
                // as in app-config.yaml
                guest: { dangerouslyAllowOutsideDevelopment: false },
              },
            },
          },
        }),
      ],
    });
    try {
      return await request(backend.server)
        .get('/api/auth/guest/refresh')
        .set('X-Requested-With', 'XMLHttpRequest');
    } finally {
      await backend.stop();
    }
  }

  it('is refused in production', async () => {
    const res = await refreshAsGuest('production');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toContain('"token"');
  });

  it('works in development (so the refusal above is not an accident)', async () => {
    const res = await refreshAsGuest('development');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.token).toMatch(/^ey/);
  });
});
