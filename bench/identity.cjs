// Benchmark of the identity path (a benchmark, not a test: it prints figures).
//
//   1. policy decision latency of the console's RBAC policy, in process:
//      cached (roles snapshot in memory) and uncached (every decision fetches
//      the snapshot from user-admin over HTTP), with 50 roles and 10,000 users;
//      and end to end through POST /api/permission/authorize, beside the same
//      request to a backend with Backstage's allow-all policy, started in the
//      same run (the anchor; goal: console p95 at most 1.1x allow-all's).
//   2. time from "log out everywhere" to the first refused request, read on
//      the same replica and, with BENCH_PG_URL, on a second replica sharing
//      the database (pushed over the events bus; the guard also polls every
//      500 ms). Goal: p95 under 1 s on every replica.
//   3. user list latency with 10,000 users (search, filter, sort, page).
//
// It starts its backends in this process (user-admin, permission with the
// RBAC module, auth with the guest provider, events) on BENCH_PORT (default
// 7107; the allow-all anchor on +1, the second replica on +2), on SQLite in
// memory or BENCH_PG_URL's PostgreSQL. The guest holds its rights through a
// role (not as break-glass admin), so that its decisions go through the
// roles.
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

/** 380 timed POST /api/permission/authorize of one basic permission (20 warm-up). */
async function authorizeSamples(baseUrl, token) {
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
  const samples = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    const res = await fetch(`${baseUrl}/api/permission/authorize`, {
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
  return samples;
}

function quantile(samples, q) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
const p95 = samples => quantile(samples, 0.95);

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = p => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `p50 ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms (n=${
    s.length
  })`;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-identity-'));
const argv = [...process.argv];

/** Config for a backend of this run on `p`; the database per BENCH_PG_URL. */
function useConfig(name, p, memoryDatabase = false) {
  const url = `http://127.0.0.1:${p}`;
  const database =
    process.env.BENCH_PG_URL && !memoryDatabase
      ? `  database:\n    client: pg\n    connection: ${process.env.BENCH_PG_URL}\n    pluginDivisionMode: schema\n`
      : `  database:\n    client: better-sqlite3\n    connection: ':memory:'\n`;
  const file = join(dir, `app-config.${name}.yaml`);
  writeFileSync(
    file,
    `app:\n  baseUrl: ${url}\nbackend:\n  baseUrl: ${url}\n  listen: { port: ${p}, host: 127.0.0.1 }\n${database}` +
      `auth:\n  environment: development\n  providers:\n    guest: {}\n` +
      `permission:\n  enabled: true\n  rbac:\n    admins: []\n`,
  );
  // each backend reads its config from the arguments when it starts
  process.argv = [...argv, '--config', file];
}

/** A console replica: user-admin, the RBAC policy, auth (guest), events. */
function consoleBackend(userAdmin, extra = []) {
  const backend = createBackend();
  backend.add(userAdmin.httpAuthWithSessionGuard);
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@ai-ops-console/backstage-plugin-permission-backend-module-rbac'),
  );
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(userAdmin.default);
  for (const feature of extra) backend.add(feature);
  return backend;
}

/** The anchor: Backstage's permission backend with a policy that allows all. */
function allowAllBackend() {
  const { AuthorizeResult } = require('@backstage/plugin-permission-common');
  const {
    policyExtensionPoint,
  } = require('@backstage/plugin-permission-node/alpha');
  const backend = createBackend();
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    require('@backstage/backend-plugin-api').createBackendModule({
      pluginId: 'permission',
      moduleId: 'allow-all',
      register(env) {
        env.registerInit({
          deps: { policy: policyExtensionPoint },
          async init({ policy }) {
            policy.setPolicy({
              async handle() {
                return { result: AuthorizeResult.ALLOW };
              },
            });
          },
        });
      },
    }),
  );
  return backend;
}

async function main() {
  useConfig('console', port);
  process.env.NODE_ENV = 'development';

  const userAdmin = require('@ai-ops-console/backstage-plugin-user-admin-backend');
  // the permission plugin's own auth service, for the snapshot fetches and
  // the service token below
  let permissionAuth;
  const backend = consoleBackend(userAdmin, [
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
  ]);
  await backend.start();

  // The guest's rights come from a role, given by a service (plugin-to-plugin
  // calls are not subject to user permissions).
  {
    const { token: service } = await permissionAuth.getPluginRequestToken({
      onBehalfOf: await permissionAuth.getOwnServiceCredentials(),
      targetPluginId: 'user-admin',
    });
    const res = await fetch(`${base}/api/user-admin/roles`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${service}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'bench-admin',
        title: 'Bench admin',
        grants: [{ permission: 'user-admin.*', effect: 'allow' }],
        members: ['user:development/guest'],
      }),
    });
    if (res.status !== 201) throw new Error(`bench role: ${res.status}`);
  }

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
  let consoleAuthorize = [];
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
    const samples = await authorizeSamples(base, token);
    console.log(
      `POST /api/permission/authorize end to end (HTTP, guest token, console policy): ${stats(
        samples,
      )}`,
    );
    consoleAuthorize = samples;
  }

  // the anchor, in the same run: the same request to Backstage's permission
  // backend with an allow-all policy
  {
    const anchorPort = port + 1;
    const anchorBase = `http://127.0.0.1:${anchorPort}`;
    useConfig('allow-all', anchorPort, true);
    const anchor = allowAllBackend();
    await anchor.start();
    const anchorToken = (
      await (
        await fetch(`${anchorBase}/api/auth/guest/refresh`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        })
      ).json()
    ).backstageIdentity.token;
    const samples = await authorizeSamples(anchorBase, anchorToken);
    console.log(
      `POST /api/permission/authorize end to end (HTTP, guest token, allow-all policy, anchor): ${stats(
        samples,
      )}`,
    );
    console.log(
      `authorize, console policy / allow-all: p50 ${(
        quantile(consoleAuthorize, 0.5) / quantile(samples, 0.5)
      ).toFixed(2)}x, p95 ${(p95(consoleAuthorize) / p95(samples)).toFixed(
        2,
      )}x (goal at most 1.10x)`,
    );
    await anchor.stop();
  }

  // --- 2. revocation to refusal ------------------------------------------------
  // With PostgreSQL, a second replica shares the database and the events bus:
  // the refusal is read there too.
  let replica;
  let replicaBase;
  if (process.env.BENCH_PG_URL) {
    const replicaPort = port + 2;
    replicaBase = `http://127.0.0.1:${replicaPort}`;
    useConfig('replica', replicaPort);
    replica = consoleBackend(userAdmin);
    await replica.start();
  }
  const waits = { here: [], replica: [] };
  for (let round = 0; round < 20; round++) {
    await new Promise(resolve => setTimeout(resolve, 1100)); // iat has second precision
    const t = await guestToken();
    for (const where of [base, replicaBase].filter(Boolean)) {
      const res = await fetch(`${where}/api/user-admin/me`, {
        headers: { authorization: `Bearer ${t}` },
      });
      if (res.status === 401)
        throw new Error(`fresh token refused on ${where}`);
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
    await Promise.all(
      [
        [base, waits.here],
        [replicaBase, waits.replica],
      ]
        .filter(([where]) => where)
        .map(async ([where, into]) => {
          for (let i = 0; i < 1000; i++) {
            const res = await fetch(`${where}/api/user-admin/me`, {
              headers: { authorization: `Bearer ${t}` },
            });
            await res.arrayBuffer();
            if (res.status === 401) break;
            await new Promise(resolve => setTimeout(resolve, 10));
          }
          into.push(performance.now() - revokedAt);
        }),
    );
  }
  console.log(
    `revocation to refusal ("log out everywhere"), same replica: ${stats(
      waits.here,
    )} (goal p95 under 1000 ms; pushed, guard also polls every 500 ms)`,
  );
  if (replica) {
    console.log(
      `revocation to refusal, second replica (shared PostgreSQL and events bus): ${stats(
        waits.replica,
      )} (goal p95 under 1000 ms)`,
    );
    await replica.stop();
  }

  await backend.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
