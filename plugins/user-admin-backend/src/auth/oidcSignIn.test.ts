import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import authPlugin from '@backstage/plugin-auth-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleRbac from '@ai-ops-console/backstage-plugin-permission-backend-module-rbac';
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { userAdminPlugin } from '../plugin';
import { createHttpAuthWithSessionGuard } from './httpAuthServiceFactory';
import { authModuleConsoleOidc } from './oidcModule';

// The whole sign-in for real: Backstage's auth backend with the console's
// OIDC module, user-admin and the RBAC policy, against the dev IdP (a real
// oidc-provider) in each of its profiles, which leave out what Google, Entra
// ID or Keycloak leave out. The browser is a fetch client with a cookie jar.
jest.setTimeout(60_000);

const PROFILES = ['dev', 'google', 'entra', 'keycloak'] as const;
const CALLBACK = 'http://localhost:7999/api/auth/oidc/handler/frame';
const APP = 'http://localhost:3000';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** A browser's cookies, by name (the test talks to two hosts on localhost). */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly backend: string) {}

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map(s => s.trim());
      const eq = pair.indexOf('=');
      const expired = attributes.some(
        a =>
          /^max-age=(0|-)/i.test(a) ||
          (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
      );
      if (expired) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  async fetch(url: string | URL, init: RequestInit = {}) {
    const target = new URL(url);
    // the IdP sends the browser to the configured callback: it is this backend
    if (
      target.href.startsWith(
        CALLBACK.replace('/api/auth/oidc/handler/frame', ''),
      )
    ) {
      target.host = new URL(this.backend).host;
    }
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: this.header() },
    });
    this.keep(response);
    return response;
  }

  /** Follows redirects from `url` until a page that is not a redirect. */
  async follow(url: string | URL, init?: RequestInit) {
    let current = new URL(url);
    let response = await this.fetch(current, init);
    for (
      let i = 0;
      i < 10 && response.status >= 300 && response.status < 400;
      i++
    ) {
      current = new URL(response.headers.get('location')!, current);
      response = await this.fetch(current);
    }
    return { response, url: current, body: await response.text() };
  }

  has(name: string) {
    return this.cookies.has(name);
  }
}

/** The Backstage identity the popup page posts to the app. */
function identityOf(html: string) {
  const data = /decodeURIComponent\('([^']*)'\)/.exec(html)?.[1];
  if (!data) throw new Error(`no auth response in: ${html.slice(0, 600)}`);
  return JSON.parse(decodeURIComponent(data));
}

function claims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe.each(PROFILES)('sign-in through an IdP like %s', profile => {
  let idp: ChildProcess;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;
  const asAdmin = () =>
    mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:test'),
      targetPluginId: 'user-admin',
    });

  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://localhost:${port}`;
    idp = spawn(
      process.execPath,
      [resolve(__dirname, '../../../../packages/dev-idp/src/main.js')],
      {
        env: {
          PATH: process.env.PATH,
          DEV_IDP_PORT: String(port),
          DEV_IDP_PROFILE: profile,
          DEV_IDP_REDIRECT_URIS: CALLBACK,
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${issuer}/healthz`).then(
        r => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise(r => setTimeout(r, 100));
    }
    backend = await startTestBackend({
      features: [
        authPlugin,
        authModuleConsoleOidc,
        userAdminPlugin,
        permissionPlugin,
        permissionModuleRbac,
        permissionsServiceFactory,
        eventsServiceFactory,
        createHttpAuthWithSessionGuard(),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP },
            auth: {
              environment: 'development',
              session: { secret: 'a-test-session-secret-long-enough' },
              providers: {
                oidc: {
                  development: {
                    metadataUrl: `${issuer}/.well-known/openid-configuration`,
                    clientId: 'ai-ops-console',
                    clientSecret: 'dev-idp-client-secret',
                    callbackUrl: CALLBACK,
                    prompt: 'auto',
                  },
                },
              },
            },
            permission: { enabled: true },
            userAdmin: {
              registration: 'open',
              // by address where the IdP verifies it, by subject where not
              bootstrapAdmins: [
                'admin@console.example',
                'oidc:a369036e-9157-4a37-b698-56a5b631f3be',
              ],
              signIn: { trustedEmailDomains: ['console.example'] },
              sessionGuard: { pollMs: 100 },
            },
          },
        }),
      ],
    });
    base = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(done => {
      idp.once('exit', done);
      idp.kill();
    });
  });

  /** The popup sign-in as the app runs it; returns the Backstage identity. */
  async function signIn(browser: Browser, username: string) {
    const start = new URL(`${base}/api/auth/oidc/start`);
    start.search = new URLSearchParams({
      env: 'development',
      origin: APP,
      scope: 'openid profile email',
    }).toString();
    let page = await browser.follow(start);
    const action = /<form method="post" action="([^"]+\/login)"/.exec(
      page.body,
    )?.[1];
    // no form when the IdP's own session signs the browser straight in
    if (action) {
      page = await browser.follow(new URL(action, page.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          username,
          password: `${username}-password`,
        }).toString(),
      });
    }
    const message = identityOf(page.body);
    if (message.error) throw new Error(message.error.message);
    const { token, identity } = message.response.backstageIdentity;
    return {
      token: token as string,
      claims: claims(token),
      ownership: identity.ownershipEntityRefs as string[],
    };
  }

  /** The console session of a token refresh, or 'refused' (401). */
  async function renewedSid(browser: Browser) {
    const response = await browser.fetch(
      `${base}/api/auth/oidc/refresh?env=development&optional`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    if (response.status === 401) return 'refused';
    const body = await response.json();
    return claims(body.backstageIdentity.token).sid as string;
  }

  it('binds by subject: an unverified copy of the admin e-mail gets an account of its own', async () => {
    const admin = await signIn(new Browser(base), 'admin');
    // Entra sends no email_verified: not even the admin's address counts as
    // verified, so no plain ref (the bootstrap entry by subject still holds)
    const adminRef =
      profile === 'entra'
        ? /^user:default\/admin-[0-9a-f]{8}$/
        : /^user:default\/admin$/;
    expect(admin.claims.sub).toMatch(adminRef);
    const users = await fetch(`${base}/api/user-admin/users?search=admin`, {
      headers: { authorization: asAdmin() },
    }).then(r => r.json());
    expect(
      users.items.find((u: any) => u.userRef === admin.claims.sub).roles,
    ).toEqual(['admin']);
    const mallory = await signIn(new Browser(base), 'mallory');
    expect(mallory.claims.sub).not.toBe(admin.claims.sub);
    expect(mallory.claims.sub).toMatch(/^user:default\/mallory-[0-9a-f]{8}$/);
    // groups are group refs whatever form the IdP gives them
    expect(admin.ownership[0]).toBe(admin.claims.sub);
    for (const ref of admin.ownership.slice(1)) {
      expect(ref).toMatch(/^group:default\/[a-z0-9._-]+$/);
    }
  });

  it('refreshes a standing session, never a revoked one, and signs in afresh after', async () => {
    const browser = new Browser(base);
    const first = await signIn(browser, 'viewer');
    expect(first.claims.sid).toEqual(expect.any(String));
    // Google issues no refresh token without offline access: its sessions
    // cannot be renewed, only signed in again (the cookie keeps only the
    // login id, for signing out)
    const refreshable = profile !== 'google';
    expect(await renewedSid(browser)).toBe(
      refreshable ? first.claims.sid : 'refused',
    );

    const revoke = await fetch(
      `${base}/api/user-admin/sessions/${first.claims.sid}/revoke`,
      {
        method: 'POST',
        headers: {
          authorization: asAdmin(),
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(revoke.status).toBe(200);
    expect(await renewedSid(browser)).toBe('refused');

    // the IdP session still stands: a new login through it opens a new one
    const again = await signIn(browser, 'viewer');
    expect(again.claims.sid).not.toBe(first.claims.sid);
    expect(await renewedSid(browser)).toBe(
      refreshable ? again.claims.sid : 'refused',
    );
  });

  it('signing out ends the console session at once', async () => {
    const browser = new Browser(base);
    const signedIn = await signIn(browser, 'operator');
    const out = await browser.fetch(
      `${base}/api/auth/oidc/logout?env=development`,
      { method: 'POST', headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    expect(out.status).toBe(200);
    const sessions = await fetch(
      `${base}/api/user-admin/sessions?userRef=${encodeURIComponent(
        signedIn.claims.sub,
      )}`,
      { headers: { authorization: asAdmin() } },
    ).then(r => r.json());
    expect(
      sessions.items.find((x: any) => x.id === signedIn.claims.sid),
    ).toMatchObject({ revokeReason: 'signed out' });
  });
});
