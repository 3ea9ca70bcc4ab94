// End-to-end tests against the real dev IdP (oidc-provider behind node:http)
// started on a free port: everything goes over HTTP, as a browser and the
// Backstage backend would do it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDevIdp, optionsFromEnv } from '../src/index.js';
import {
  CookieJar,
  basicAuth,
  decodeJwt,
  follow,
  form,
  loginFormAction,
  pkcePair,
  request,
  verifyRs256,
} from './http-client.js';

const CLIENT_ID = 'ai-ops-console';
const CLIENT_SECRET = 'test-secret with spaces & symbols:/';
const REDIRECT_URI = 'http://localhost:7007/api/auth/oidc/handler/frame';
const SCOPE = 'openid profile email offline_access';

let idp;
let issuer;
let port;
let discovery;
let jwks;

before(async () => {
  // Explicit env object: nothing from the developer's shell leaks in.
  const options = optionsFromEnv({
    DEV_IDP_PORT: '0',
    DEV_IDP_CLIENT_SECRET: CLIENT_SECRET,
  });
  idp = createDevIdp(options);
  ({ issuer, port } = await idp.listen());
  discovery = await (
    await fetch(`${issuer}/.well-known/openid-configuration`)
  ).json();
  jwks = await (await fetch(discovery.jwks_uri)).json();
});

after(async () => {
  await idp?.close();
});

/** Starts an authorization request; returns what is needed to finish it. */
function authorizationUrl(extra = {}) {
  const pkce = pkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const nonce = `nonce-${Math.random().toString(36).slice(2)}`;
  const url = new URL(discovery.authorization_endpoint);
  const params = {
    client_id: CLIENT_ID,
    response_type: 'code',
    scope: SCOPE,
    redirect_uri: REDIRECT_URI,
    state,
    nonce,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) url.searchParams.set(k, v);
  return { url, pkce, state, nonce };
}

/** GET /auth → login page → POST credentials → … → redirect_uri; returns the code. */
async function signIn(jar, { username, password, extra } = {}) {
  const auth = authorizationUrl(extra);
  let result = await follow(jar, auth.url, REDIRECT_URI);
  let loginPageShown = false;
  if (!result.callback) {
    assert.equal(
      result.response.status,
      200,
      `expected the login page, got ${result.response.status}: ${result.body}`,
    );
    const action = loginFormAction(result.body);
    assert.ok(action, `no login form in: ${result.body}`);
    loginPageShown = true;
    const post = await request(
      jar,
      new URL(action, result.url).href,
      form({ username, password }),
    );
    assert.equal(
      post.status,
      303,
      `login POST answered ${post.status}: ${await post.text()}`,
    );
    result = await follow(
      jar,
      new URL(post.headers.get('location'), result.url),
      REDIRECT_URI,
    );
  }
  assert.ok(
    result.callback,
    `did not reach the redirect_uri: ${JSON.stringify(result.hops)} ${
      result.body ?? ''
    }`,
  );
  const { searchParams } = result.callback;
  assert.equal(searchParams.get('state'), auth.state);
  assert.equal(
    searchParams.get('iss'),
    issuer,
    'RFC 9207 iss in the authorization response',
  );
  assert.equal(
    searchParams.get('error'),
    null,
    `authorization error: ${searchParams}`,
  );
  const code = searchParams.get('code');
  assert.ok(code, 'authorization code in the redirect');
  return { code, auth, loginPageShown };
}

async function tokenRequest(params, { auth = 'basic' } = {}) {
  const init = form(
    auth === 'post'
      ? { ...params, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }
      : params,
  );
  if (auth === 'basic')
    init.headers.authorization = basicAuth(CLIENT_ID, CLIENT_SECRET);
  const response = await fetch(discovery.token_endpoint, init);
  return { status: response.status, body: await response.json() };
}

function exchangeCode(code, verifier, options) {
  return tokenRequest(
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...(verifier ? { code_verifier: verifier } : {}),
    },
    options,
  );
}

describe('discovery and health', () => {
  test('GET /healthz answers 200', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', issuer });
  });

  test('discovery document: issuer, endpoints, PKCE S256, scopes and claims', () => {
    assert.equal(issuer, `http://localhost:${port}`);
    assert.equal(discovery.issuer, issuer);
    for (const endpoint of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'end_session_endpoint',
      'revocation_endpoint',
    ]) {
      assert.ok(
        discovery[endpoint]?.startsWith(`${issuer}/`),
        `${endpoint}: ${discovery[endpoint]}`,
      );
    }
    assert.ok(discovery.code_challenge_methods_supported.includes('S256'));
    assert.deepEqual(discovery.response_types_supported, ['code']);
    for (const scope of ['openid', 'profile', 'email', 'offline_access'])
      assert.ok(discovery.scopes_supported.includes(scope), scope);
    for (const claim of [
      'sub',
      'email',
      'email_verified',
      'name',
      'preferred_username',
      'groups',
      'sid',
      'auth_time',
    ]) {
      assert.ok(discovery.claims_supported.includes(claim), claim);
    }
    for (const method of ['client_secret_basic', 'client_secret_post']) {
      assert.ok(
        discovery.token_endpoint_auth_methods_supported.includes(method),
        method,
      );
    }
    assert.ok(
      discovery.id_token_signing_alg_values_supported.includes('RS256'),
    );
    assert.ok(
      jwks.keys.length >= 1 && jwks.keys.every(k => !k.d),
      'public keys only',
    );
  });
});

describe('authorization code flow with PKCE', () => {
  test('admin signs in; ID token claims, refresh token, refresh grant, userinfo', async () => {
    const jar = new CookieJar();
    const { code, auth, loginPageShown } = await signIn(jar, {
      username: 'admin',
      password: 'admin-password',
    });
    assert.equal(loginPageShown, true);

    // Cookies over plain http: none may be Secure (the browser would not send
    // them back to http://localhost); all HttpOnly, SameSite=Lax, host-only,
    // and signed (a .sig companion) with the cookie keys.
    const names = jar.all().map(c => c.name);
    for (const name of [
      '_dev_idp_session',
      '_dev_idp_interaction',
      '_dev_idp_resume',
    ]) {
      assert.ok(
        jar.setCookieLines.some(l => l.startsWith(`${name}=`)),
        `${name} set`,
      );
      assert.ok(
        jar.setCookieLines.some(l => l.startsWith(`${name}.sig=`)),
        `${name} signed`,
      );
    }
    assert.ok(names.includes('_dev_idp_session'));
    for (const line of jar.setCookieLines) {
      const attributes = line
        .toLowerCase()
        .split(';')
        .map(a => a.trim());
      assert.ok(!attributes.includes('secure'), `not Secure: ${line}`);
      assert.ok(attributes.includes('httponly'), `HttpOnly: ${line}`);
      assert.ok(attributes.includes('samesite=lax'), `SameSite=Lax: ${line}`);
      assert.ok(
        !attributes.some(a => a.startsWith('domain=')),
        `host-only: ${line}`,
      );
    }

    const before = Math.floor(Date.now() / 1000);
    const tokens = await exchangeCode(code, auth.pkce.verifier);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assert.equal(tokens.body.token_type, 'Bearer');
    assert.ok(tokens.body.access_token);
    assert.ok(
      tokens.body.refresh_token,
      'a refresh token for the first-party client',
    );
    // oidc-provider drops offline_access unless prompt contains consent; the
    // first-party client gets its refresh token anyway (issueRefreshToken).
    assert.equal(tokens.body.scope, 'openid profile email');

    const id = verifyRs256(tokens.body.id_token, jwks);
    assert.equal(id.iss, issuer);
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.sub, 'a369036e-9157-4a37-b698-56a5b631f3be');
    assert.equal(id.email, 'admin@console.example');
    assert.equal(id.email_verified, true);
    assert.equal(id.name, 'Ada Admin');
    assert.equal(id.preferred_username, 'admin');
    assert.deepEqual(id.groups, ['platform-team']);
    assert.equal(id.nonce, auth.nonce);
    assert.equal(typeof id.sid, 'string');
    assert.ok(id.sid.length > 0);
    assert.equal(typeof id.auth_time, 'number');
    assert.ok(
      id.auth_time <= before + 1 && id.auth_time > before - 60,
      `auth_time ${id.auth_time}`,
    );
    assert.ok(id.exp > before);

    // Refresh grant keeps the session id and the subject.
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.ok(refreshed.body.access_token);
    assert.notEqual(refreshed.body.access_token, tokens.body.access_token);
    assert.ok(refreshed.body.refresh_token);
    const refreshedId = verifyRs256(refreshed.body.id_token, jwks);
    assert.equal(refreshedId.sub, id.sub);
    assert.equal(refreshedId.sid, id.sid);
    assert.equal(refreshedId.auth_time, id.auth_time);
    assert.deepEqual(refreshedId.groups, ['platform-team']);

    // Userinfo (Backstage's OIDC module reads the profile from there).
    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${refreshed.body.access_token}` },
    });
    assert.equal(userinfo.status, 200);
    const profile = await userinfo.json();
    assert.equal(profile.sub, id.sub);
    assert.equal(profile.email, 'admin@console.example');
    assert.equal(profile.name, 'Ada Admin');
    assert.deepEqual(profile.groups, ['platform-team']);

    // Revocation (Backstage's sign-out) makes the refresh token unusable.
    const revoke = await fetch(discovery.revocation_endpoint, {
      ...form({
        token: refreshed.body.refresh_token,
        token_type_hint: 'refresh_token',
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(CLIENT_ID, CLIENT_SECRET),
      },
    });
    assert.equal(revoke.status, 200);
    const afterRevoke = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
    });
    assert.equal(afterRevoke.status, 400);
    assert.equal(afterRevoke.body.error, 'invalid_grant');
  });

  test('each seeded user gets its own claims (client_secret_post works too)', async () => {
    const expected = {
      operator: {
        name: 'Otto Operator',
        email: 'operator@console.example',
        groups: ['ml-team'],
      },
      viewer: {
        name: 'Vera Viewer',
        email: 'viewer@console.example',
        groups: ['ml-team'],
      },
      newcomer: {
        name: 'Nina Newcomer',
        email: 'newcomer@console.example',
        groups: [],
      },
    };
    for (const [username, claims] of Object.entries(expected)) {
      const jar = new CookieJar();
      const { code, auth } = await signIn(jar, {
        username,
        password: `${username}-password`,
      });
      const tokens = await exchangeCode(code, auth.pkce.verifier, {
        auth: 'post',
      });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      const id = verifyRs256(tokens.body.id_token, jwks);
      assert.equal(id.preferred_username, username);
      assert.equal(id.name, claims.name);
      assert.equal(id.email, claims.email);
      assert.deepEqual(id.groups, claims.groups);
      assert.notEqual(
        id.sub,
        username,
        'sub is a stable opaque id, not the username',
      );
    }
  });

  test('PKCE is enforced: wrong or missing code_verifier is refused', async () => {
    const jar = new CookieJar();
    const first = await signIn(jar, {
      username: 'viewer',
      password: 'viewer-password',
    });
    const wrong = await exchangeCode(first.code, pkcePair().verifier);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');

    const second = await signIn(jar, {}); // SSO: same session, no login page
    assert.equal(second.loginPageShown, false);
    const missing = await exchangeCode(second.code, undefined);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_grant');
  });

  test('a code is single-use: a replay is refused and revokes what the code gave', async () => {
    const jar = new CookieJar();
    const { code, auth } = await signIn(jar, {
      username: 'viewer',
      password: 'viewer-password',
    });
    const tokens = await exchangeCode(code, auth.pkce.verifier);
    assert.equal(tokens.status, 200);
    const replay = await exchangeCode(code, auth.pkce.verifier);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    const refresh = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    assert.equal(refresh.status, 400);
    assert.equal(refresh.body.error, 'invalid_grant');
  });

  test('SSO without prompt; prompt=login shows the form again and yields a new auth_time, and still a refresh token', async () => {
    const jar = new CookieJar();
    const first = await signIn(jar, {
      username: 'operator',
      password: 'operator-password',
    });
    const firstTokens = await exchangeCode(
      first.code,
      first.auth.pkce.verifier,
    );
    const firstId = verifyRs256(firstTokens.body.id_token, jwks);

    const sso = await signIn(jar, {});
    assert.equal(
      sso.loginPageShown,
      false,
      'existing IdP session: no login form',
    );
    const ssoId = verifyRs256(
      (await exchangeCode(sso.code, sso.auth.pkce.verifier)).body.id_token,
      jwks,
    );
    assert.equal(ssoId.auth_time, firstId.auth_time);
    assert.equal(ssoId.sid, firstId.sid);

    // prompt=none (Backstage's default prompt) with an IdP session: a code, no page.
    const silent = await signIn(jar, { extra: { prompt: 'none' } });
    assert.equal(silent.loginPageShown, false);

    await sleep(1100); // auth_time has a one-second resolution
    const fresh = await signIn(jar, {
      username: 'operator',
      password: 'operator-password',
      extra: { prompt: 'login' },
    });
    assert.equal(
      fresh.loginPageShown,
      true,
      'prompt=login must show the login form',
    );
    const freshTokens = await exchangeCode(
      fresh.code,
      fresh.auth.pkce.verifier,
    );
    assert.equal(freshTokens.status, 200, JSON.stringify(freshTokens.body));
    const freshId = verifyRs256(freshTokens.body.id_token, jwks);
    assert.ok(
      freshId.auth_time > firstId.auth_time,
      `${freshId.auth_time} > ${firstId.auth_time}`,
    );
    assert.equal(freshId.sub, firstId.sub);
    assert.ok(
      freshTokens.body.refresh_token,
      'a refresh token with prompt=login too',
    );
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: freshTokens.body.refresh_token,
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(verifyRs256(refreshed.body.id_token, jwks).sid, freshId.sid);
  });

  test('prompt=login lets another user sign in in the same browser', async () => {
    const jar = new CookieJar();
    const first = await signIn(jar, {
      username: 'admin',
      password: 'admin-password',
    });
    const adminTokens = await exchangeCode(
      first.code,
      first.auth.pkce.verifier,
    );
    const adminId = verifyRs256(adminTokens.body.id_token, jwks);
    const second = await signIn(jar, {
      username: 'viewer',
      password: 'viewer-password',
      extra: { prompt: 'login' },
    });
    assert.equal(second.loginPageShown, true);
    const viewerTokens = await exchangeCode(
      second.code,
      second.auth.pkce.verifier,
    );
    assert.equal(viewerTokens.status, 200, JSON.stringify(viewerTokens.body));
    const viewerId = verifyRs256(viewerTokens.body.id_token, jwks);
    assert.equal(viewerId.preferred_username, 'viewer');
    assert.notEqual(viewerId.sub, adminId.sub);
    assert.notEqual(viewerId.sid, adminId.sid);
    // the admin's session ended, and with it its session-bound refresh token
    const adminRefresh = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: adminTokens.body.refresh_token,
    });
    assert.equal(adminRefresh.status, 400);
    assert.equal(adminRefresh.body.error, 'invalid_grant');
    // and SSO now continues as the viewer
    const sso = await signIn(jar, {});
    assert.equal(sso.loginPageShown, false);
    const ssoId = verifyRs256(
      (await exchangeCode(sso.code, sso.auth.pkce.verifier)).body.id_token,
      jwks,
    );
    assert.equal(ssoId.sub, viewerId.sub);
  });

  test('prompt=none without an IdP session answers login_required on the redirect_uri', async () => {
    const auth = authorizationUrl({ prompt: 'none' });
    const result = await follow(new CookieJar(), auth.url, REDIRECT_URI);
    assert.ok(result.callback, JSON.stringify(result.hops));
    assert.equal(result.callback.searchParams.get('error'), 'login_required');
    assert.equal(result.callback.searchParams.get('state'), auth.state);
  });
});

describe('refusals', () => {
  test('wrong password: the form comes back with an error (401), no code; then the right password works', async () => {
    const jar = new CookieJar();
    const auth = authorizationUrl();
    const page = await follow(jar, auth.url, REDIRECT_URI);
    const action = new URL(loginFormAction(page.body), page.url).href;

    for (const [username, password] of [
      ['admin', 'wrong-password'],
      ['nobody', 'admin-password'],
      ['admin', ''],
    ]) {
      const response = await request(jar, action, form({ username, password }));
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('location'), null);
      const body = await response.text();
      assert.match(body, /role="alert"[^>]*>Wrong username or password\.</);
      assert.ok(loginFormAction(body), 'the form is shown again');
      assert.doesNotMatch(body, /at .+\.js:\d+/, 'no stack trace');
    }

    const ok = await request(
      jar,
      action,
      form({ username: 'admin', password: 'admin-password' }),
    );
    assert.equal(ok.status, 303);
    const result = await follow(
      jar,
      new URL(ok.headers.get('location'), action),
      REDIRECT_URI,
    );
    assert.ok(result.callback?.searchParams.get('code'));
  });

  test('Cancel on the login page returns access_denied to the client', async () => {
    const jar = new CookieJar();
    const auth = authorizationUrl();
    const page = await follow(jar, auth.url, REDIRECT_URI);
    const cancel = /<form method="post" action="([^"]+\/abort)"/.exec(
      page.body,
    )?.[1];
    assert.ok(cancel, 'a Cancel form');
    const response = await request(
      jar,
      new URL(cancel, page.url).href,
      form({}),
    );
    assert.equal(response.status, 303);
    const result = await follow(
      jar,
      new URL(response.headers.get('location'), page.url),
      REDIRECT_URI,
    );
    assert.equal(result.callback?.searchParams.get('error'), 'access_denied');
    assert.equal(result.callback.searchParams.get('state'), auth.state);
    assert.equal(result.callback.searchParams.get('code'), null);
  });

  test('unknown client: error page, no redirect', async () => {
    const auth = authorizationUrl({ client_id: 'not-a-client' });
    const response = await request(new CookieJar(), auth.url.href);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    const body = await response.text();
    assert.match(response.headers.get('content-type'), /text\/html/);
    assert.match(body, /invalid_client/);
    assert.doesNotMatch(body, /at .+\.js:\d+/, 'no stack trace');
  });

  test('unregistered redirect_uri: error page, no redirect to it', async () => {
    const auth = authorizationUrl({ redirect_uri: 'http://evil.example/cb' });
    const response = await request(new CookieJar(), auth.url.href);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /redirect_uri/);
  });

  test('token endpoint: wrong client secret and unknown client are refused', async () => {
    const wrongSecret = await fetch(discovery.token_endpoint, {
      ...form({
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: REDIRECT_URI,
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(CLIENT_ID, 'nope'),
      },
    });
    assert.equal(wrongSecret.status, 401);
    assert.equal((await wrongSecret.json()).error, 'invalid_client');

    const unknown = await fetch(discovery.token_endpoint, {
      ...form({
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: REDIRECT_URI,
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth('not-a-client', 'x'),
      },
    });
    assert.equal(unknown.status, 401);
    assert.equal((await unknown.json()).error, 'invalid_client');
  });

  test('an expired or foreign interaction gives a friendly page, not a stack trace', async () => {
    const response = await request(
      new CookieJar(),
      `${issuer}/interaction/does-not-exist`,
    );
    assert.equal(response.status, 400);
    const body = await response.text();
    assert.match(body, /expired/);
    assert.doesNotMatch(body, /at .+\.js:\d+/);
  });
});

describe('HTML escaping', () => {
  const evil = '<script>alert("x")</script>';
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

  test('a <script> username is escaped in the error page', async () => {
    const jar = new CookieJar();
    const page = await follow(jar, authorizationUrl().url, REDIRECT_URI);
    const response = await request(
      jar,
      new URL(loginFormAction(page.body), page.url).href,
      form({ username: evil, password: 'x' }),
    );
    assert.equal(response.status, 401);
    const body = await response.text();
    assert.ok(
      body.includes(`value="${escaped}"`),
      'the username comes back escaped',
    );
    assert.ok(!body.includes('<script'), 'no raw <script> anywhere');
    assert.match(
      response.headers.get('content-security-policy'),
      /default-src 'none'/,
    );
  });

  test('login_hint is escaped in the login form', async () => {
    const page = await follow(
      new CookieJar(),
      authorizationUrl({ login_hint: `"><b>${evil}` }).url,
      REDIRECT_URI,
    );
    assert.equal(page.response.status, 200);
    assert.ok(page.body.includes(`value="&quot;&gt;&lt;b&gt;${escaped}"`));
    assert.ok(!page.body.includes('<script') && !page.body.includes('<b>'));
  });

  test('the login page has labelled fields and a submit button', async () => {
    const page = await follow(
      new CookieJar(),
      authorizationUrl().url,
      REDIRECT_URI,
    );
    assert.match(page.body, /<label for="username">Username<\/label>/);
    assert.match(page.body, /<input\s+id="username"\s+name="username"/);
    assert.match(page.body, /<label for="password">Password<\/label>/);
    assert.match(
      page.body,
      /<input\s+id="password"\s+name="password"\s+type="password"/,
    );
    assert.match(page.body, /<button type="submit">Sign in<\/button>/);
  });
});

describe('logout (end_session)', () => {
  test('RP-initiated logout ends the IdP session and its session-bound refresh tokens, not offline ones', async () => {
    const jar = new CookieJar();
    const bound = await signIn(jar, {
      username: 'viewer',
      password: 'viewer-password',
    });
    const boundTokens = await exchangeCode(
      bound.code,
      bound.auth.pkce.verifier,
    );
    assert.equal(boundTokens.status, 200);
    // prompt=consent keeps offline_access (auto-consent, no screen).
    const offline = await signIn(jar, { extra: { prompt: 'consent' } });
    assert.equal(offline.loginPageShown, false);
    const offlineTokens = await exchangeCode(
      offline.code,
      offline.auth.pkce.verifier,
    );
    assert.equal(offlineTokens.status, 200);
    assert.deepEqual(offlineTokens.body.scope.split(' ').sort(), [
      'email',
      'offline_access',
      'openid',
      'profile',
    ]);
    assert.ok(offlineTokens.body.refresh_token);

    const url = new URL(discovery.end_session_endpoint);
    url.searchParams.set('id_token_hint', boundTokens.body.id_token);
    url.searchParams.set('post_logout_redirect_uri', 'http://localhost:3000');
    url.searchParams.set('state', 'bye');
    const confirm = await request(jar, url.href);
    assert.equal(confirm.status, 200);
    const page = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1];
    const action =
      /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page)?.[1];
    assert.ok(xsrf && action, page);
    assert.match(page, /Yes, sign me out/);

    const done = await request(
      jar,
      new URL(action, url).href,
      form({ xsrf, logout: 'yes' }),
    );
    assert.equal(done.status, 303);
    const target = new URL(done.headers.get('location'));
    assert.equal(target.origin + target.pathname, 'http://localhost:3000/');
    assert.equal(target.searchParams.get('state'), 'bye');

    // No session any more: the next authorization shows the login form.
    const again = await follow(jar, authorizationUrl().url, REDIRECT_URI);
    assert.equal(again.response?.status, 200);
    assert.ok(loginFormAction(again.body));

    const boundRefresh = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: boundTokens.body.refresh_token,
    });
    assert.equal(boundRefresh.status, 400, JSON.stringify(boundRefresh.body));
    assert.equal(boundRefresh.body.error, 'invalid_grant');
    const offlineRefresh = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: offlineTokens.body.refresh_token,
    });
    assert.equal(
      offlineRefresh.status,
      200,
      JSON.stringify(offlineRefresh.body),
    );
    assert.equal(
      verifyRs256(offlineRefresh.body.id_token, jwks).sid,
      decodeJwt(offlineTokens.body.id_token).payload.sid,
    );
  });
});

describe('main.js', () => {
  test('exits non-zero with a clear message when the port is in use', async () => {
    const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, DEV_IDP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    const code = await new Promise(resolve => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(
      stderr,
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`),
    );
  });
});
