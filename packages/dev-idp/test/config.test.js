// Unit tests of the option and user handling (no server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml, optionsFromEnv } from '../src/index.js';

test('profiles: dev by default, the others by name, anything else refused', () => {
  assert.equal(optionsFromEnv({}).profile.name, 'dev');
  for (const name of ['google', 'entra', 'keycloak']) {
    assert.equal(optionsFromEnv({ DEV_IDP_PROFILE: name }).profile.name, name);
  }
  assert.throws(
    () => optionsFromEnv({ DEV_IDP_PROFILE: 'okta' }),
    /DEV_IDP_PROFILE must be one of dev, google, entra, keycloak, got "okta"/,
  );
});

test('defaults', () => {
  const o = optionsFromEnv({});
  assert.equal(o.port, 7010);
  assert.equal(o.host, '127.0.0.1');
  assert.equal(o.issuer, undefined, 'derived from the port at listen time');
  assert.equal(o.client.clientId, 'ai-ops-console');
  assert.equal(o.client.clientSecret, 'dev-idp-client-secret');
  assert.deepEqual(o.client.redirectUris, [
    'http://localhost:7007/api/auth/oidc/handler/frame',
    'http://localhost:7080/api/auth/oidc/handler/frame',
  ]);
  assert.deepEqual(
    o.users.list().map(u => u.username),
    ['admin', 'operator', 'viewer', 'mallory', 'newcomer'],
  );
  assert.equal(
    o.users.authenticate('admin', 'admin-password')?.name,
    'Ada Admin',
  );
  assert.equal(
    o.users.authenticate('ADMIN', 'admin-password')?.username,
    'admin',
    'usernames are case-insensitive',
  );
  assert.equal(o.users.authenticate('admin', 'operator-password'), undefined);
  assert.equal(o.users.authenticate('nobody', 'nobody-password'), undefined);
  assert.equal(o.defaultPasswords, true);
});

test('environment overrides', () => {
  const o = optionsFromEnv({
    DEV_IDP_PORT: '7999',
    DEV_IDP_ISSUER: 'http://idp.localtest.me:7999/',
    DEV_IDP_CLIENT_SECRET: 's3cret',
    DEV_IDP_REDIRECT_URIS:
      'http://localhost:7007/api/auth/oidc/handler/frame, http://127.0.0.1:7007/api/auth/oidc/handler/frame',
    DEV_IDP_PASSWORD: 'same-for-all',
    DEV_IDP_COOKIE_KEYS: 'k1,k2',
    DEV_IDP_ACCESS_TOKEN_TTL: '120',
  });
  assert.equal(o.port, 7999);
  assert.equal(o.issuer, 'http://idp.localtest.me:7999');
  assert.equal(o.client.clientSecret, 's3cret');
  assert.equal(o.client.redirectUris.length, 2);
  assert.deepEqual(o.cookieKeys, ['k1', 'k2']);
  assert.equal(o.accessTokenTtl, 120);
  assert.equal(
    o.users.authenticate('viewer', 'same-for-all')?.username,
    'viewer',
  );
  assert.equal(o.users.authenticate('viewer', 'viewer-password'), undefined);
  assert.equal(o.defaultPasswords, false);
});

test('invalid values are refused with the variable name', () => {
  assert.throws(() => optionsFromEnv({ DEV_IDP_PORT: 'abc' }), /DEV_IDP_PORT/);
  assert.throws(
    () => optionsFromEnv({ DEV_IDP_REDIRECT_URIS: 'not a url' }),
    /DEV_IDP_REDIRECT_URIS/,
  );
  assert.throws(
    () => optionsFromEnv({ DEV_IDP_ISSUER: 'http://localhost:7010/oidc' }),
    /DEV_IDP_ISSUER must be a bare/,
  );
  assert.throws(
    () => optionsFromEnv({ DEV_IDP_USERS: '/does/not/exist.json' }),
    /DEV_IDP_USERS: cannot read/,
  );
});

test('DEV_IDP_USERS adds users and replaces seeded ones by username', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-idp-'));
  try {
    const file = join(dir, 'users.json');
    writeFileSync(
      file,
      JSON.stringify({
        users: [
          {
            username: 'auditor',
            name: 'Aldo Auditor',
            email: 'auditor@console.example',
            groups: ['audit'],
            password: 'pw',
          },
          {
            username: 'viewer',
            sub: 'viewer-2',
            name: 'Vera Two',
            email: 'vera2@console.example',
          },
        ],
      }),
    );
    const o = optionsFromEnv({ DEV_IDP_USERS: file });
    const auditor = o.users.authenticate('auditor', 'pw');
    assert.equal(auditor.sub, 'dev-idp-auditor');
    assert.deepEqual(auditor.groups, ['audit']);
    assert.equal(auditor.email_verified, true);
    const viewer = o.users.authenticate('viewer', 'viewer-password');
    assert.equal(viewer.sub, 'viewer-2');
    assert.equal(viewer.name, 'Vera Two');
    assert.equal(
      o.users.findBySub('29797b18-be2f-42e2-9c98-e9093ba0b9a0'),
      undefined,
      'the replaced seeded viewer is gone',
    );
    assert.equal(o.users.list().length, 6);

    writeFileSync(
      file,
      JSON.stringify([{ username: 'x<y', name: 'n', email: 'e' }]),
    );
    assert.throws(() => optionsFromEnv({ DEV_IDP_USERS: file }), /username/);
    writeFileSync(file, '{ nope');
    assert.throws(
      () => optionsFromEnv({ DEV_IDP_USERS: file }),
      /not valid JSON/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('escapeHtml', () => {
  assert.equal(
    escapeHtml(`<a href="x" onclick='y'>&\`</a>`),
    '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
  );
  assert.equal(escapeHtml(undefined), '');
});
