import { test, expect } from '@playwright/test';
import { signIn, tokenOf } from './sso';

/**
 * The running backend's HTTP hardening: headers from config, CORS, the
 * cross-site check on cookie-carrying requests, cookie flags and the
 * per-plugin rate limits of app-config.e2e.yaml.
 */
// the backend serving the app (scripts/test.sh sets PLAYWRIGHT_URL)
const origin = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
const evil = 'https://evil.example.net';

test.describe('HTTP hardening', () => {
  test('pages and APIs carry the security headers', async ({ request }) => {
    for (const path of ['/', '/api/workflows/health']) {
      const res = await request.get(path);
      const h = res.headers();
      const csp = h['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['referrer-policy'], path).toBeTruthy();
      expect(h['permissions-policy'], path).toContain('camera=()');
      expect(h['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
      expect(h['x-powered-by'], path).toBeUndefined();
    }
  });

  test('CORS answers the console origin and nobody else', async ({
    request,
  }) => {
    const preflight = (from: string) =>
      request.fetch('/api/workflows/executions', {
        method: 'OPTIONS',
        headers: {
          Origin: from,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const ours = await preflight(origin);
    expect(ours.headers()['access-control-allow-origin']).toBe(origin);
    const theirs = await preflight(evil);
    expect(theirs.headers()['access-control-allow-origin']).toBeUndefined();
  });

  test('cookie-carrying requests from another site are refused', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    const cookies = await page.context().cookies();
    const refresh = cookies.find(c => c.name.startsWith('oidc-refresh-token'));
    expect(refresh, 'the refresh cookie').toBeTruthy();
    // every cookie the console sets is HttpOnly where it holds a credential
    // and never sent along with requests from other sites
    for (const cookie of cookies) {
      expect(['Lax', 'Strict'], cookie.name).toContain(cookie.sameSite);
    }
    expect(refresh!.httpOnly).toBe(true);

    const cookieHeader = cookies.map(c => `${c.name}=${c.value}`).join('; ');
    const forged = await page.request.post('/api/auth/oidc/logout', {
      headers: {
        Origin: evil,
        Cookie: cookieHeader,
        'X-Requested-With': 'XMLHttpRequest',
      },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('cross-site request refused');
    // the session survived the forged logout
    expect(await tokenOf(page)).toMatch(/^ey/);

    // a state-changing API call with cookies but without a bearer token, from
    // another site: refused before it reaches the plugin
    const forgedApi = await page.request.post('/api/workflows/executions', {
      headers: { Origin: evil, Cookie: cookieHeader },
      data: { type: 'modelPromotion', input: {} },
    });
    expect(forgedApi.status()).toBe(403);
  });

  test('ingest and sign-in are rate limited per client with Retry-After, and recover', async ({
    request,
  }) => {
    test.setTimeout(60_000);
    for (const [plugin, path, limit] of [
      ['ai-metrics', '/api/ai-metrics/health', 150],
      ['auth', '/api/auth/guest/refresh', 100],
    ] as const) {
      // wait for a fresh window
      await expect
        .poll(async () => (await request.get(path)).status(), {
          timeout: 10_000,
        })
        .not.toBe(429);
      const statuses: number[] = [];
      for (let sent = 0; sent < limit + 20; sent += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, () =>
            request.get(path, {
              headers: { 'X-Requested-With': 'XMLHttpRequest' },
            }),
          ),
        );
        statuses.push(...batch.map(r => r.status()));
        const refused = batch.find(r => r.status() === 429);
        if (refused) {
          const retryAfter = Number(refused.headers()['retry-after']);
          expect(retryAfter, plugin).toBeGreaterThan(0);
          expect(retryAfter, plugin).toBeLessThanOrEqual(4);
          expect((await refused.json()).error.message).toMatch(
            /too many requests/i,
          );
          break;
        }
      }
      expect(statuses, plugin).toContain(429);
      // other plugins are not affected by this plugin's limit
      expect((await request.get('/api/user-admin/health')).status()).not.toBe(
        429,
      );
      // and the limit lifts after the window
      await expect
        .poll(async () => (await request.get(path)).status(), {
          timeout: 10_000,
          intervals: [1_000],
        })
        .not.toBe(429);
    }
  });
});
