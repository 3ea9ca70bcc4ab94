// Benchmark of the identity path (a benchmark, not a test: it prints figures).
//
//   1. policy decision latency of the console's RBAC policy, in process:
//      cached (roles snapshot in memory) and uncached (every decision fetches
//      the snapshot from user-admin over HTTP), with 50 roles and 10,000 users;
//      and end to end through POST /api/permission/authorize.
//   2. time from "log out everywhere" to the first refused request, read on
//      another plugin's route (the session guard polls every 2 s by default).
//   3. user list latency with 10,000 users (search, filter, sort, page).
//
// It starts its own backend in this process (user-admin, permission with the
// RBAC module, auth with the guest provider, events) on
// BENCH_PORT (default 7107), on SQLite in memory or BENCH_PG_URL's PostgreSQL.
// Run from the repository root:
//   source scripts/lib/env.sh
//   node --require @backstage/cli-node/config/nodeTransform.cjs bench/identity.cjs
// Bounded: fixed iteration counts; loopback only.
const { createBackend } = require('@backstage/backend-defaults');
const { coreServices } = require('@backstage/backend-plugin-api');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { createPermission } = require('@backstage/plugin-permission-common');

const port = Number(process.env.BENCH_PORT ?? 7107);
const base = `http://127.0.0.1:${port}`;
const USERS = 10_000;

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = p => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `p50 ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms (n=${
    s.length
  })`;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-identity-'));
  const configFile = join(dir, 'app-config.bench.yaml');
  const database = process.env.BENCH_PG_URL
    ? `  database:\n    client: pg\n    connection: ${process.env.BENCH_PG_URL}\n    pluginDivisionMode: schema\n`
    : `  database:\n    client: better-sqlite3\n    connection: ':memory:'\n`;
  writeFileSync(
    configFile,
    `app:\n  baseUrl: ${base}\nbackend:\n  baseUrl: ${base}\n  listen: { port: ${port}, host: 127.0.0.1 }\n${database}` +
      `auth:\n  environment: development\n  providers:\n    guest: {}\n` +
      `permission:\n  enabled: true\n  rbac:\n    admins: [user:development/guest]\n`,
  );
  process.argv.push('--config', configFile);
  process.env.NODE_ENV = 'development';

  const userAdmin = require('@internal/backstage-plugin-user-admin-backend');
  const backend = createBackend();
  backend.add(userAdmin.httpAuthWithSessionGuard);
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@internal/backstage-plugin-permission-backend-module-rbac'),
  );
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(userAdmin.default);
  // the permission plugin's own auth service, for the snapshot fetches below
  let permissionAuth;
  backend.add(
    require('@backstage/backend-plugin-api').createBackendModule({
      pluginId: 'permission',
      moduleId: 'bench',
      register(env) {
        env.registerInit({
          deps: { auth: coreServices.auth },
          async init({ auth }) {
            permissionAuth = auth;
          },
        });
      },
    }),
  );
  await backend.start();

  const guestToken = async () => {
    const res = await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    return (await res.json()).backstageIdentity.token;
  };
  const get = async (path, token) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  };

  // --- 3. user list with 10,000 users (loaded through the invite route) --
  // load through the API instead (invite as the guest admin), in parallel batches
  const token = await guestToken();
  const t0 = performance.now();
  for (let i = 0; i < USERS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, USERS - i) }, (_, k) =>
        fetch(`${base}/api/user-admin/users/invite`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            email: `user${i + k}@bench.example`,
            displayName: `Bench User ${i + k}`,
            roles: (i + k) % 10 === 0 ? ['operator'] : ['viewer'],
          }),
        }).then(r => r.arrayBuffer()),
      ),
    );
  }
  console.log(
    `loaded ${USERS} users through POST /users/invite in ${(
      (performance.now() - t0) /
      1000
    ).toFixed(1)} s`,
  );

  const listQueries = [
    '/api/user-admin/users?limit=50',
    '/api/user-admin/users?search=user42&limit=50',
    '/api/user-admin/users?role=operator&sort=email&order=desc&limit=50&offset=500',
    '/api/user-admin/users?status=invited&sort=createdAt&limit=50&offset=9000',
  ];
  for (const q of listQueries) {
    const samples = [];
    for (let i = 0; i < 5; i++) await get(q, token); // warm up
    for (let i = 0; i < 100; i++) samples.push((await get(q, token)).ms);
    console.log(
      `user list ${q.replace('/api/user-admin/users', '')}: ${stats(samples)}`,
    );
  }

  // --- 1. policy decisions ----------------------------------------------------
  const {
    RbacPolicy,
  } = require('../plugins/permission-backend-module-rbac/src/policy/RbacPolicy');
  const {
    SnapshotSource,
  } = require('../plugins/permission-backend-module-rbac/src/policy/SnapshotSource');
  const logger = {
    error() {},
    warn() {},
    info() {},
    debug() {},
    child() {
      return this;
    },
  };
  // 50 roles, many grants each
  for (let r = 0; r < 47; r++) {
    await fetch(`${base}/api/user-admin/roles`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: `team-${r}`,
        title: `Team ${r}`,
        grants: Array.from({ length: 20 }, (_, g) => ({
          permission: `plugin-${g}.thing.read`,
          effect: 'allow',
        })),
        members: [`group:default/team-${r}`],
      }),
    }).then(res => res.arrayBuffer());
  }
  const fetchSnapshot = async () => {
    const res = await fetch(`${base}/api/user-admin/internal/policy-snapshot`, {
      headers: { authorization: `Bearer ${await pluginToken()}` },
    });
    if (!res.ok) throw new Error(`snapshot ${res.status}`);
    return res.json();
  };
  async function pluginToken() {
    const { token } = await permissionAuth.getPluginRequestToken({
      onBehalfOf: await permissionAuth.getOwnServiceCredentials(),
      targetPluginId: 'user-admin',
    });
    return token;
  }

  const terminate = createPermission({
    name: 'workflows.execution.terminate',
    attributes: { action: 'delete' },
    resourceType: 'workflow-execution',
  });
  const subject = {
    credentials: {},
    info: {
      userEntityRef: 'user:default/user10',
      ownershipEntityRefs: ['user:default/user10', 'group:default/team-7'],
    },
  };
  for (const [label, ttlMs] of [
    ['cached', 3_600_000],
    ['uncached (snapshot over HTTP each time)', 0],
  ]) {
    const source = new SnapshotSource({ fetch: fetchSnapshot, logger, ttlMs });
    const policy = new RbacPolicy({
      admins: [],
      snapshot: () => source.get(),
      logger,
    });
    for (let i = 0; i < 50; i++)
      await policy.handle({ permission: terminate }, subject);
    const samples = [];
    const n = ttlMs === 0 ? 300 : 20_000;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await policy.handle({ permission: terminate }, subject);
      samples.push(performance.now() - t);
    }
    const decision = await policy.handle({ permission: terminate }, subject);
    console.log(
      `policy decision ${label}: ${stats(samples)} → ${decision.result}`,
    );
  }
  {
    const samples = [];
    const body = JSON.stringify({
      items: [
        {
          id: '1',
          permission: {
            type: 'basic',
            name: 'user-admin.user.read',
            attributes: { action: 'read' },
          },
        },
      ],
    });
    for (let i = 0; i < 400; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/api/permission/authorize`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body,
      });
      await res.arrayBuffer();
      if (i >= 20) samples.push(performance.now() - t);
    }
    console.log(
      `POST /api/permission/authorize end to end (HTTP, guest token): ${stats(
        samples,
      )}`,
    );
  }

  // --- 2. revocation to refusal ------------------------------------------------
  const waits = [];
  for (let round = 0; round < 5; round++) {
    await new Promise(resolve => setTimeout(resolve, 1100)); // iat has second precision
    const t = await guestToken();
    if (
      (
        await get(
          '/api/permission/.well-known/backstage/permissions/metadata',
          t,
        )
      ).status === 401
    ) {
      throw new Error('fresh token refused');
    }
    const out = await fetch(`${base}/api/user-admin/me/sessions/revoke-all`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    if (!out.ok) throw new Error(`revoke-all ${out.status}`);
    const revokedAt = performance.now();
    for (let i = 0; i < 1000; i++) {
      // another plugin's route: the session guard is in every plugin's httpAuth
      const { status } = await get('/api/user-admin/me', t);
      if (status === 401) break;
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    waits.push(performance.now() - revokedAt);
  }
  console.log(
    `revocation to refusal ("log out everywhere"): ${stats(
      waits,
    )}; guard polls every 2000 ms`,
  );

  await backend.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
