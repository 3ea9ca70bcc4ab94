import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleRbac from '@ai-ops-console/backstage-plugin-permission-backend-module-rbac';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';
import request from 'supertest';
import { consoleAuditorServiceFactory } from '../audit/consoleAuditor';
import { createHttpAuthWithSessionGuard } from '../auth/httpAuthServiceFactory';
import { userAdminPlugin } from '../plugin';

/** Another plugin of the backend that audits one action, as workflows does. */
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auditor: coreServices.auditor,
      },
      async init({ httpRouter, auditor }) {
        const router = Router();
        router.post('/terminate/:id', async (req, res) => {
          const event = await auditor.createEvent({
            eventId: 'workflow-terminate',
            request: req,
            severityLevel: 'high',
            meta: { workflowId: req.params.id },
          });
          if (req.params.id === 'refused') {
            await event.fail({ error: new Error('you may not terminate it') });
            res.status(403).end();
          } else {
            await event.success();
            res.status(204).end();
          }
        });
        httpRouter.use(router);
      },
    });
  },
});

// The whole identity path for real: the permission backend with the console's
// RBAC module deciding from roles stored by user-admin, and the session guard
// in every plugin's httpAuth. Only the token format is the test backend's
// (mock tokens, whose JSON also carries `sid` and `iat` here).
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
jest.setTimeout(60_000);

const MOCK_PREFIX = 'mock-user-token:';
const claimsOf = (token: string) =>
  token.startsWith(MOCK_PREFIX)
    ? JSON.parse(token.slice(MOCK_PREFIX.length))
    : undefined;
const bearer = (claims: { sub: string; sid?: string; iat?: number }) =>
  `Bearer ${MOCK_PREFIX}${JSON.stringify(claims)}`;
const asAuthPlugin = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:auth'),
  targetPluginId: 'user-admin',
});

/** A failed setup step (expect is for tests, not for beforeAll). */
function must(ok: boolean, what: string) {
  if (!ok) throw new Error(`setup failed: ${what}`);
}

if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
  it('has a PostgreSQL to test against', () => {
    expect(databases.supports('POSTGRES_15')).toBe(true);
  });
}

type Actor =
  | 'anonymous'
  | 'viewer'
  | 'operator'
  | 'admin'
  | 'disabled'
  | 'revoked'
  | 'noRole'
  | 'producer'
  | 'pluginForViewer'
  | 'pluginForDisabled';
const ACTORS: Actor[] = [
  'anonymous',
  'viewer',
  'operator',
  'admin',
  'disabled',
  'revoked',
  // a signed-in user with no role at all
  'noRole',
  // a metrics producer's static token, restricted to ingest
  'producer',
  // another plugin calling on behalf of a user: judged as that user
  'pluginForViewer',
  'pluginForDisabled',
];

describe.each(databases.eachSupportedId())('user-admin on %p', databaseId => {
  let server: any;
  let stop: () => Promise<void>;
  const tokens = {} as Record<Actor, string>;
  const ids = {} as Record<string, string>;
  const api = () => request(server);

  /** An interactive login (a new login id each time unless given). */
  async function signIn(
    username: string,
    sessionKey = `${username}-login-${Math.random().toString(36).slice(2)}`,
    extra: Record<string, unknown> = {},
  ) {
    const res = await api()
      .post('/api/user-admin/internal/sign-in')
      .set('Authorization', asAuthPlugin)
      .send({
        provider: 'oidc',
        subject: `sub-${username}`,
        email: `${username}@console.example`,
        emailVerified: true,
        displayName: username,
        username,
        groups: ['ml-team'],
        kind: 'login',
        sessionKey,
        ...extra,
      });
    return res;
  }

  /** A token refresh of the login `sessionKey`, as the resolver sends it. */
  function refresh(username: string, sessionKey: string) {
    return api()
      .post('/api/user-admin/internal/sign-in')
      .set('Authorization', asAuthPlugin)
      .send({
        provider: 'oidc',
        subject: `sub-${username}`,
        email: `${username}@console.example`,
        emailVerified: true,
        username,
        groups: ['ml-team'],
        kind: 'refresh',
        sessionKey,
      });
  }

  /** Waits (bounded) until every process's session guard sees a revocation. */
  async function until401(header: string) {
    for (let i = 0; i < 60; i++) {
      const res = await api()
        .get('/api/user-admin/me')
        .set('Authorization', header);
      if (res.status === 401) return res;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('the revocation was not enforced within 6 s');
  }

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        userAdminPlugin,
        probePlugin,
        consoleAuditorServiceFactory,
        permissionPlugin,
        permissionModuleRbac,
        permissionsServiceFactory,
        // one in-process bus shared by the plugins, as in a real backend
        eventsServiceFactory,
        createHttpAuthWithSessionGuard({ claimsOf }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true, rbac: { cacheTtlMs: 600000 } },
            userAdmin: {
              registration: 'open',
              bootstrapAdmins: ['ada@console.example', 'bea@console.example'],
              signIn: { trustedEmailDomains: ['console.example'] },
              sessionGuard: { pollMs: 200 },
              permissionPlugins: ['user-admin'],
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();

    const now = Math.floor(Date.now() / 1000);
    for (const name of ['ada', 'otto', 'vera', 'dora', 'rex', 'nora']) {
      const res = await signIn(name, `${name}-browser-login-id`);
      must(res.status === 200, `sign-in of ${name}`);
      ids[name] = res.body.sessionId;
    }
    const token = (name: string) =>
      bearer({ sub: `user:default/${name}`, sid: ids[name], iat: now });
    tokens.anonymous = mockCredentials.none.header();
    tokens.admin = token('ada');
    tokens.operator = token('otto');
    tokens.viewer = token('vera');
    tokens.disabled = token('dora');
    tokens.revoked = token('rex');
    tokens.noRole = token('nora');
    tokens.producer = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('external:metrics-producer', {
        permissionNames: ['ai-metrics.event.ingest'],
      }),
      targetPluginId: 'user-admin',
    });
    const onBehalfOf = (ref: string) =>
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user(ref),
        targetPluginId: 'user-admin',
      });
    tokens.pluginForViewer = onBehalfOf('user:default/vera');
    tokens.pluginForDisabled = onBehalfOf('user:default/dora');

    const asAdmin = (r: request.Test) => r.set('Authorization', tokens.admin);
    const users = await asAdmin(api().get('/api/user-admin/users?limit=100'));
    must(users.status === 200, 'list users');
    for (const u of users.body.items) ids[u.userRef] = u.id;
    const steps = [
      asAdmin(
        api().patch(`/api/user-admin/users/${ids['user:default/otto']}`),
      ).send({ roles: ['operator'] }),
      asAdmin(
        api().patch(`/api/user-admin/users/${ids['user:default/nora']}`),
      ).send({ roles: [] }),
      asAdmin(
        api().post(`/api/user-admin/users/${ids['user:default/dora']}/disable`),
      ).send({ reason: 'left the company' }),
      asAdmin(api().post(`/api/user-admin/sessions/${ids.rex}/revoke`)).send(
        {},
      ),
    ];
    for (const [n, step] of steps.entries()) {
      must((await step).status === 200, `setup step ${n}`);
    }
    await until401(tokens.disabled);
    await until401(tokens.revoked);
  });

  afterAll(async () => {
    await stop?.();
  });

  it('registers at first sign-in: bootstrap admin, default viewer, group refs', async () => {
    const me = await api()
      .get('/api/user-admin/me')
      .set('Authorization', tokens.admin);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      userRef: 'user:default/ada',
      status: 'active',
      roles: ['admin'],
    });
    const vera = await api()
      .get('/api/user-admin/me')
      .set('Authorization', tokens.viewer);
    expect(vera.body.user.roles).toEqual(['viewer']);
    const again = await refresh('vera', 'vera-browser-login-id');
    expect(again.body).toMatchObject({
      userRef: 'user:default/vera',
      ownershipRefs: ['user:default/vera', 'group:default/ml-team'],
      created: false,
      sessionId: ids.vera,
    });
  });

  it('refuses sign-in and refresh for disabled users and revoked sessions, with reasons', async () => {
    const disabled = await signIn('dora');
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.message).toBe('your account is disabled');
    // a refresh of the revoked login
    const refused = await refresh('rex', 'rex-browser-login-id');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/session was revoked/);
    // a fresh login at the provider opens a new session
    const fresh = await signIn('rex');
    expect(fresh.status).toBe(200);
    expect(fresh.body.sessionId).not.toBe(ids.rex);
    // ... and the revoked login still cannot be resumed, whatever comes after
    const stolen = await refresh('rex', 'rex-browser-login-id');
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.message).toMatch(/session was revoked/);
    const audit = await api()
      .get('/api/user-admin/audit?action=refresh-refused')
      .set('Authorization', tokens.admin);
    expect(audit.body.items[0]).toMatchObject({
      action: 'refresh-refused',
      outcome: 'failure',
      target: 'user:default/rex',
    });
  });

  it('tells why a refused token is refused', async () => {
    const disabled = await api()
      .get('/api/user-admin/me')
      .set('Authorization', tokens.disabled);
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.message).toMatch(/disabled/);
    const revoked = await api()
      .get('/api/user-admin/me')
      .set('Authorization', tokens.revoked);
    expect(revoked.body.error.message).toMatch(/session was revoked/);
  });

  it('"log out everywhere" refuses every token issued before it', async () => {
    const res = await signIn('lou');
    const lou = bearer({
      sub: 'user:default/lou',
      sid: res.body.sessionId,
      iat: Math.floor(Date.now() / 1000) - 1,
    });
    expect(
      (await api().get('/api/user-admin/me').set('Authorization', lou)).status,
    ).toBe(200);
    const out = await api()
      .post('/api/user-admin/me/sessions/revoke-all')
      .set('Authorization', lou)
      .send({});
    expect(out.status).toBe(200);
    expect(out.body.revoked).toBe(1);
    const refused = await until401(lou);
    expect(refused.body.error.message).toMatch(/logged out everywhere/);
  });

  // Every route against every kind of caller. `own` routes serve any active user.
  type Route = {
    name: string;
    call: (header: string) => request.Test;
    admin: number;
    own?: boolean;
    serviceOnly?: boolean;
  };
  const inviteCount = { n: 0 };
  const routes: Route[] = [
    {
      name: 'GET /me',
      call: h => api().get('/api/user-admin/me').set('Authorization', h),
      admin: 200,
      own: true,
    },
    {
      name: 'GET /me/sessions',
      call: h =>
        api().get('/api/user-admin/me/sessions').set('Authorization', h),
      admin: 200,
      own: true,
    },
    {
      name: 'GET /users',
      call: h =>
        api()
          .get('/api/user-admin/users?search=o&sort=createdAt&order=desc')
          .set('Authorization', h),
      admin: 200,
    },
    {
      name: 'GET /users/:id',
      call: h =>
        api()
          .get(`/api/user-admin/users/${ids['user:default/vera']}`)
          .set('Authorization', h),
      admin: 200,
    },
    {
      name: 'POST /users/invite',
      call: h =>
        api()
          .post('/api/user-admin/users/invite')
          .set('Authorization', h)
          .send({ email: `new${inviteCount.n++}@console.example` }),
      admin: 201,
    },
    {
      name: 'PATCH /users/:id',
      call: h =>
        api()
          .patch(`/api/user-admin/users/${ids['user:default/vera']}`)
          .set('Authorization', h)
          .send({ displayName: 'Vera V.' }),
      admin: 200,
    },
    // vera is active: an admin passes authorization and meets 409
    {
      name: 'POST /users/:id/approve',
      call: h =>
        api()
          .post(`/api/user-admin/users/${ids['user:default/vera']}/approve`)
          .set('Authorization', h)
          .send({}),
      admin: 409,
    },
    {
      name: 'GET /sessions',
      call: h =>
        api()
          .get('/api/user-admin/sessions?activeOnly=true')
          .set('Authorization', h),
      admin: 200,
    },
    {
      name: 'GET /roles',
      call: h => api().get('/api/user-admin/roles').set('Authorization', h),
      admin: 200,
    },
    {
      name: 'GET /roles/:name',
      call: h =>
        api().get('/api/user-admin/roles/operator').set('Authorization', h),
      admin: 200,
    },
    {
      name: 'GET /roles/export',
      call: h =>
        api().get('/api/user-admin/roles/export').set('Authorization', h),
      admin: 200,
    },
    {
      name: 'PUT /roles/:name',
      call: h =>
        api()
          .put('/api/user-admin/roles/viewer')
          .set('Authorization', h)
          .send({ description: 'Reads.' }),
      admin: 200,
    },
    {
      name: 'GET /permissions',
      call: h =>
        api().get('/api/user-admin/permissions').set('Authorization', h),
      admin: 200,
    },
    {
      name: 'POST /policy/test',
      call: h =>
        api()
          .post('/api/user-admin/policy/test')
          .set('Authorization', h)
          .send({ userRef: 'user:default/otto' }),
      admin: 200,
    },
    {
      name: 'GET /audit',
      call: h =>
        api().get('/api/user-admin/audit?limit=5').set('Authorization', h),
      admin: 200,
    },
    {
      name: 'GET /internal/revocations',
      call: h =>
        api()
          .get('/api/user-admin/internal/revocations')
          .set('Authorization', h),
      admin: 403,
      serviceOnly: true,
    },
    {
      name: 'GET /internal/policy-snapshot',
      call: h =>
        api()
          .get('/api/user-admin/internal/policy-snapshot')
          .set('Authorization', h),
      admin: 403,
      serviceOnly: true,
    },
  ];

  it.each(routes.map(r => [r.name, r] as const))(
    'authorization matrix: %s',
    async (_name, route) => {
      for (const actor of ACTORS) {
        const res = await route.call(tokens[actor]);
        let expected: number;
        if (
          actor === 'anonymous' ||
          actor === 'disabled' ||
          actor === 'revoked' ||
          actor === 'pluginForDisabled'
        )
          expected = 401;
        else if (actor === 'admin') expected = route.admin;
        else if (actor === 'producer') expected = 403;
        else if (route.own) expected = 200;
        else expected = 403;
        expect({ actor, status: res.status }).toEqual({
          actor,
          status: expected,
        });
      }
    },
  );

  it('enabling lets a user back in; disabling again refuses at once', async () => {
    const enable = await api()
      .post(`/api/user-admin/users/${ids['user:default/dora']}/enable`)
      .set('Authorization', tokens.admin)
      .send({});
    expect(enable.status).toBe(200);
    const fresh = await signIn('dora', 'dora-new-browser');
    expect(fresh.status).toBe(200);
    const dora = bearer({
      sub: 'user:default/dora',
      sid: fresh.body.sessionId,
      iat: Math.floor(Date.now() / 1000) + 1,
    });
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (
        await api().get('/api/user-admin/me').set('Authorization', dora)
      ).status;
      if (status !== 200)
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    const res = await api()
      .post(`/api/user-admin/users/${ids['user:default/dora']}/disable`)
      .set('Authorization', tokens.admin)
      .send({ reason: 'again' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
    await until401(dora);
  });

  describe('users', () => {
    it('lists with search, filter, sort and paging', async () => {
      const res = await api()
        .get('/api/user-admin/users?role=operator&status=active')
        .set('Authorization', tokens.admin);
      expect(res.body).toMatchObject({
        total: 1,
        items: [{ userRef: 'user:default/otto', roles: ['operator'] }],
      });
      const paged = await api()
        .get('/api/user-admin/users?sort=name&limit=2&offset=1')
        .set('Authorization', tokens.admin);
      expect(paged.body.items).toHaveLength(2);
      expect(paged.body.total).toBeGreaterThanOrEqual(5);
    });
    it('400 for bad queries and bodies, naming the field', async () => {
      for (const path of [
        '/api/user-admin/users?sort=age',
        '/api/user-admin/users?limit=0',
        '/api/user-admin/users?status=gone',
        '/api/user-admin/audit?from=yesterday',
      ]) {
        const res = await api().get(path).set('Authorization', tokens.admin);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
      const bad = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', tokens.admin)
        .send({ email: 'not-an-email' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/email/);
      const role = await api()
        .patch(`/api/user-admin/users/${ids['user:default/vera']}`)
        .set('Authorization', tokens.admin)
        .send({ roles: ['nope'] });
      expect(role.status).toBe(404);
    });
    it('404 for an unknown user, 409 for a duplicate invite or an impossible transition', async () => {
      expect(
        (
          await api()
            .get('/api/user-admin/users/nope')
            .set('Authorization', tokens.admin)
        ).status,
      ).toBe(404);
      const dup = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', tokens.admin)
        .send({ email: 'vera@console.example' });
      expect(dup.status).toBe(409);
      const approve = await api()
        .post(`/api/user-admin/users/${ids['user:default/vera']}/approve`)
        .set('Authorization', tokens.admin)
        .send({});
      expect(approve.status).toBe(409);
      expect(approve.body.error.message).toMatch(/the user is active/);
    });
    it('an invited user becomes active with their roles at first sign-in; delete revokes and keeps the audit', async () => {
      const invite = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', tokens.admin)
        .send({
          email: 'ivy@console.example',
          displayName: 'Ivy',
          roles: ['operator'],
        });
      expect(invite.status).toBe(201);
      expect(invite.body).toMatchObject({
        status: 'invited',
        userRef: 'user:default/ivy',
        roles: ['operator'],
      });
      const first = await signIn('ivy');
      expect(first.status).toBe(200);
      expect(first.body.userRef).toBe('user:default/ivy');
      const ivy = bearer({
        sub: 'user:default/ivy',
        sid: first.body.sessionId,
        iat: Math.floor(Date.now() / 1000),
      });
      expect(
        (await api().get('/api/user-admin/me').set('Authorization', ivy)).body
          .user.status,
      ).toBe('active');
      const del = await api()
        .delete(`/api/user-admin/users/${invite.body.id}`)
        .set('Authorization', tokens.admin);
      expect(del.status).toBe(204);
      await until401(ivy);
      const audit = await api()
        .get('/api/user-admin/audit?target=user:default/ivy')
        .set('Authorization', tokens.admin);
      expect(audit.body.items.map((a: any) => a.action)).toEqual(
        expect.arrayContaining(['user-invite', 'sign-in', 'user-delete']),
      );
    });
  });

  describe('one audit log for the whole console', () => {
    const asAdmin = (r: request.Test) => r.set('Authorization', tokens.admin);
    async function auditOf(query: string, count: number) {
      for (let i = 0; i < 50; i++) {
        const res = await asAdmin(api().get(`/api/user-admin/audit?${query}`));
        if (res.body.items.length >= count) return res.body.items;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      throw new Error(`no ${count} audit records for ${query}`);
    }

    it("shows other plugins' actions and refusals beside its own", async () => {
      const ok = await api()
        .post('/api/probe/terminate/wf-1')
        .set('Authorization', tokens.operator);
      expect(ok.status).toBe(204);
      const refused = await api()
        .post('/api/probe/terminate/refused')
        .set('Authorization', tokens.viewer);
      expect(refused.status).toBe(403);
      const items = await auditOf('action=probe.workflow-terminate', 2);
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: 'user:default/otto',
            target: 'wf-1',
            outcome: 'success',
          }),
          expect.objectContaining({
            actor: 'user:default/vera',
            target: 'refused',
            outcome: 'failure',
            details: expect.objectContaining({
              message: 'you may not terminate it',
              severity: 'high',
            }),
          }),
        ]),
      );
    });

    it('records a refused privileged attempt, naming the permission', async () => {
      const res = await api()
        .post('/api/user-admin/roles')
        .set('Authorization', tokens.viewer)
        .send({ name: 'sneaky', title: 'Sneaky', grants: [] });
      expect(res.status).toBe(403);
      const [denied] = await auditOf(
        'action=permission-denied&actor=user:default/vera',
        1,
      );
      expect(denied).toMatchObject({
        target: 'user-admin.role.manage',
        outcome: 'failure',
      });
    });

    it('records a role edit with the role before and after', async () => {
      const create = await asAdmin(api().post('/api/user-admin/roles')).send({
        name: 'auditors',
        title: 'Auditors',
        grants: [{ permission: 'user-admin.audit.read', effect: 'allow' }],
      });
      expect(create.status).toBe(201);
      const edit = await asAdmin(
        api().put('/api/user-admin/roles/auditors'),
      ).send({
        grants: [{ permission: 'user-admin.user.read', effect: 'allow' }],
      });
      expect(edit.status).toBe(200);
      const [update] = await auditOf('action=role-update&target=auditors', 1);
      expect(update.details.before.grants).toEqual([
        { permission: 'user-admin.audit.read', effect: 'allow' },
      ]);
      expect(update.details.after.grants).toEqual([
        { permission: 'user-admin.user.read', effect: 'allow' },
      ]);
    });
  });

  describe('identity binding (security review)', () => {
    const asAdmin = (r: request.Test) => r.set('Authorization', tokens.admin);
    const userByRef = async (ref: string) => {
      const list = await asAdmin(
        api().get(
          `/api/user-admin/users?limit=100&search=${ref.split('/')[1]}`,
        ),
      );
      return list.body.items.find((u: any) => u.userRef === ref);
    };

    it("another identity presenting an existing user's e-mail gets an account of its own, not theirs", async () => {
      const mallory = await signIn('mallory', undefined, {
        subject: 'sub-mallory-elsewhere',
        email: 'ada@console.example',
        emailVerified: true,
        username: 'ada',
      });
      expect(mallory.status).toBe(200);
      expect(mallory.body.userRef).not.toBe('user:default/ada');
      expect(mallory.body.created).toBe(true);
      // a verified address of a trusted domain that is taken gets the next ref
      expect(mallory.body.userRef).toBe('user:default/ada-2');
    });

    it('an unverified e-mail claims no invitation and gets no plain ref', async () => {
      const invite = await asAdmin(
        api().post('/api/user-admin/users/invite'),
      ).send({ email: 'quinn@console.example', roles: ['operator'] });
      expect(invite.status).toBe(201);
      const unverified = await signIn('quinn', undefined, {
        subject: 'sub-quinn-unverified',
        emailVerified: false,
      });
      expect(unverified.status).toBe(200);
      expect(unverified.body.userRef).toMatch(
        /^user:default\/quinn-[0-9a-f]{8}$/,
      );
      expect((await userByRef('user:default/quinn')).status).toBe('invited');
      // the owner of the address, verified, claims it
      const owner = await signIn('quinn');
      expect(owner.body.userRef).toBe('user:default/quinn');
      const claimed = await userByRef('user:default/quinn');
      expect(claimed).toMatchObject({
        status: 'active',
        roles: ['operator'],
        emailVerified: true,
      });
      // and it is bound: the same address from yet another identity is not
      const other = await signIn('quinn', undefined, {
        subject: 'sub-quinn-other',
      });
      expect(other.body.userRef).toBe('user:default/quinn-2');
    });

    it('a verified address of an untrusted domain gets a suffixed ref, never a prepared one', async () => {
      const jane = await signIn('jane', undefined, {
        email: 'jane@gmail.example',
      });
      expect(jane.status).toBe(200);
      expect(jane.body.userRef).toMatch(/^user:default\/jane-[0-9a-f]{8}$/);
    });

    it("changing a user's e-mail does not hand their account to the new address", async () => {
      const target = await userByRef('user:default/otto');
      const change = await asAdmin(
        api().patch(`/api/user-admin/users/${target.id}`),
      ).send({ email: 'mallory@console.example' });
      expect(change.status).toBe(200);
      expect(change.body.emailVerified).toBe(false);
      const mallory = await signIn('mallory', undefined, {
        subject: 'sub-mallory-2',
        email: 'mallory@console.example',
      });
      expect(mallory.body.userRef).not.toBe('user:default/otto');
    });

    it('bootstrap admins apply only while no active admin exists', async () => {
      const bea = await signIn('bea');
      expect(bea.status).toBe(200);
      const me = await api()
        .get('/api/user-admin/me')
        .set(
          'Authorization',
          bearer({
            sub: bea.body.userRef,
            sid: bea.body.sessionId,
            iat: Math.floor(Date.now() / 1000) + 1,
          }),
        );
      expect(me.body.user.roles).toEqual(['viewer']);
    });

    it('group claims become group refs only, whatever they contain', async () => {
      const res = await signIn('gus', undefined, {
        groups: [
          'user:default/ada',
          '/org/ML Team',
          'a1b2c3d4-0000-4000-8000-000000000000',
          ':::',
        ],
      });
      expect(res.body.ownershipRefs).toEqual([
        res.body.userRef,
        'group:default/user-default-ada',
        'group:default/org-ml-team',
        'group:default/a1b2c3d4-0000-4000-8000-000000000000',
      ]);
    });

    it('a refresh never opens a session and never registers', async () => {
      const unknown = await refresh('ada', 'never-issued-login-id');
      expect(unknown.status).toBe(403);
      expect(unknown.body.error.message).toMatch(/unknown: sign in again/);
      const stranger = await refresh('stranger', 'stranger-login-id-0000');
      expect(stranger.status).toBe(403);
      expect((await userByRef('user:default/stranger')) ?? 'absent').toBe(
        'absent',
      );
      // a login id is used once
      const first = await signIn('vic', 'vic-login-id-000000');
      expect(first.status).toBe(200);
      const replay = await signIn('vic', 'vic-login-id-000000');
      expect(replay.status).toBe(403);
    });

    it("a login with neither sid nor auth_time works after 'log out everywhere', and the old one stays out", async () => {
      const first = await signIn('wes', 'wes-first-login-id');
      const wes = bearer({
        sub: first.body.userRef,
        sid: first.body.sessionId,
        iat: Math.floor(Date.now() / 1000),
      });
      const out = await api()
        .post('/api/user-admin/me/sessions/revoke-all')
        .set('Authorization', wes)
        .send({});
      expect(out.status).toBe(200);
      const again = await signIn('wes', 'wes-second-login-id');
      expect(again.status).toBe(200);
      expect((await refresh('wes', 'wes-second-login-id')).status).toBe(200);
      expect((await refresh('wes', 'wes-first-login-id')).status).toBe(403);
    });
  });

  describe('roles', () => {
    it('creates, edits, assigns to a group, exports and imports as YAML', async () => {
      const create = await api()
        .post('/api/user-admin/roles')
        .set('Authorization', tokens.admin)
        .send({
          name: 'ml-readers',
          title: 'ML readers',
          grants: [{ permission: 'user-admin.user.read', effect: 'allow' }],
          // group members are matched against the token's ownership refs
          // (unit-tested in user-admin-common); mock tokens carry none
          members: ['user:default/vera', 'group:default/ml-team'],
        });
      expect(create.status).toBe(201);
      // the policy cache is dropped on the change event, not after its TTL
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (
          await api()
            .get('/api/user-admin/users')
            .set('Authorization', tokens.viewer)
        ).status;
        if (status !== 200)
          await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
      const yaml = await api()
        .get('/api/user-admin/roles/export')
        .set('Authorization', tokens.admin);
      expect(yaml.headers['content-type']).toMatch(/yaml/);
      expect(yaml.text).toContain('name: ml-readers');
      const imported = await api()
        .post('/api/user-admin/roles/import')
        .set('Authorization', tokens.admin)
        .set('Content-Type', 'text/yaml')
        .send(yaml.text.replace('title: ML readers', 'title: ML Readers'));
      expect(imported.status).toBe(200);
      const role = await api()
        .get('/api/user-admin/roles/ml-readers')
        .set('Authorization', tokens.admin);
      expect(role.body).toMatchObject({
        title: 'ML Readers',
        members: ['group:default/ml-team', 'user:default/vera'],
      });
      const del = await api()
        .delete('/api/user-admin/roles/ml-readers')
        .set('Authorization', tokens.admin);
      expect(del.status).toBe(204);
    });
    it('PUT changes only the fields it is given', async () => {
      const before = await api()
        .get('/api/user-admin/roles/operator')
        .set('Authorization', tokens.admin);
      expect(before.body.grants.length).toBeGreaterThan(0);
      const res = await api()
        .put('/api/user-admin/roles/operator')
        .set('Authorization', tokens.admin)
        .send({ description: 'Runs AI workflows.' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...before.body,
        description: 'Runs AI workflows.',
      });
    });
    it('imports a roles document sent as JSON', async () => {
      const roles = await api()
        .get('/api/user-admin/roles')
        .set('Authorization', tokens.admin);
      const document = {
        apiVersion: 'ai-ops-console/v1',
        kind: 'Roles',
        roles: roles.body.items.map(({ builtIn: _b, ...role }: any) => role),
      };
      const res = await api()
        .post('/api/user-admin/roles/import')
        .set('Authorization', tokens.admin)
        .send(document);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: roles.body.items.length });
      const again = await api()
        .get('/api/user-admin/roles')
        .set('Authorization', tokens.admin);
      expect(again.body).toEqual(roles.body);
      const bad = await api()
        .post('/api/user-admin/roles/import')
        .set('Authorization', tokens.admin)
        .send({ roles: [{ name: 'x', title: 'X\u0007' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'invalid roles document: roles[0].title: control characters are not allowed (tab and line breaks are)',
      );
    });
    it('400 for bad roles and YAML, 409 for built-ins and duplicates, 404 for unknown', async () => {
      const bad = await api()
        .post('/api/user-admin/roles')
        .set('Authorization', tokens.admin)
        .send({ name: 'Bad Name', title: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/name/);
      const grant = await api()
        .post('/api/user-admin/roles')
        .set('Authorization', tokens.admin)
        .send({
          name: 'g',
          title: 'g',
          grants: [{ permission: 'x', effect: 'maybe' }],
        });
      expect(grant.status).toBe(400);
      const yaml = await api()
        .post('/api/user-admin/roles/import')
        .set('Authorization', tokens.admin)
        .set('Content-Type', 'text/yaml')
        .send('roles: [unclosed');
      expect(yaml.status).toBe(400);
      expect(
        (
          await api()
            .delete('/api/user-admin/roles/admin')
            .set('Authorization', tokens.admin)
        ).status,
      ).toBe(409);
      expect(
        (
          await api()
            .post('/api/user-admin/roles')
            .set('Authorization', tokens.admin)
            .send({ name: 'viewer', title: 'v' })
        ).status,
      ).toBe(409);
      expect(
        (
          await api()
            .get('/api/user-admin/roles/none')
            .set('Authorization', tokens.admin)
        ).status,
      ).toBe(404);
    });
  });

  describe('policy tester', () => {
    it('explains each decision for a user and for a draft role', async () => {
      const res = await api()
        .post('/api/user-admin/policy/test')
        .set('Authorization', tokens.admin)
        .send({ userRef: 'user:default/otto' });
      expect(res.status).toBe(200);
      const byName = Object.fromEntries(
        res.body.results.map((r: any) => [r.permission, r]),
      );
      expect(byName['user-admin.user.read']).toMatchObject({ result: 'DENY' });
      const draft = await api()
        .post('/api/user-admin/policy/test')
        .set('Authorization', tokens.admin)
        .send({
          userRef: 'user:default/otto',
          draftRole: {
            name: 'draft',
            title: 'Draft',
            grants: [
              { permission: 'user-admin.*', action: 'read', effect: 'allow' },
            ],
          },
        });
      const draftBy = Object.fromEntries(
        draft.body.results.map((r: any) => [r.permission, r]),
      );
      expect(draftBy['user-admin.user.read']).toMatchObject({
        result: 'ALLOW',
        why: ['role draft allows user-admin.* (read)'],
      });
      expect(draftBy['user-admin.user.delete'].result).toBe('DENY');
    });
    it('400 for a bad user ref', async () => {
      const res = await api()
        .post('/api/user-admin/policy/test')
        .set('Authorization', tokens.admin)
        .send({ userRef: 'otto' });
      expect(res.status).toBe(400);
    });
  });

  describe('sessions', () => {
    it("logs a user out everywhere on an admin's request", async () => {
      const first = await signIn('uma');
      await signIn('uma', 'uma-phone-login-id');
      expect(first.status).toBe(200);
      const users = await api()
        .get('/api/user-admin/users?search=uma')
        .set('Authorization', tokens.admin);
      const uma = users.body.items.find(
        (u: any) => u.userRef === 'user:default/uma',
      );
      const res = await api()
        .post(`/api/user-admin/users/${uma.id}/sessions/revoke-all`)
        .set('Authorization', tokens.admin)
        .send({ reason: 'lost laptop' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revoked: 2 });
      const sessions = await api()
        .get('/api/user-admin/sessions?userRef=user:default/uma')
        .set('Authorization', tokens.admin);
      expect(sessions.body.items).toHaveLength(2);
      for (const session of sessions.body.items) {
        expect(session).toMatchObject({
          revokedBy: 'user:default/ada',
          revokeReason: 'lost laptop',
        });
      }
    });

    it('lists sessions with user agent and address once seen; 404/409 on revoke', async () => {
      const seen = await signIn('sam');
      const sam = bearer({
        sub: 'user:default/sam',
        sid: seen.body.sessionId,
        iat: Math.floor(Date.now() / 1000),
      });
      await api()
        .get('/api/user-admin/me')
        .set('Authorization', sam)
        .set('User-Agent', 'TestBrowser/1.0');
      let session: any;
      for (let i = 0; i < 50; i++) {
        const list = await api()
          .get('/api/user-admin/me/sessions')
          .set('Authorization', sam);
        session = list.body.items[0];
        if (session?.userAgent) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(session).toMatchObject({
        userRef: 'user:default/sam',
        userAgent: 'TestBrowser/1.0',
      });
      expect(session.ipAddress).toBeTruthy();
      expect(
        (
          await api()
            .post('/api/user-admin/sessions/nope/revoke')
            .set('Authorization', tokens.admin)
            .send({})
        ).status,
      ).toBe(404);
      expect(
        (
          await api()
            .post(`/api/user-admin/sessions/${ids.rex}/revoke`)
            .set('Authorization', tokens.admin)
            .send({})
        ).status,
      ).toBe(409);
    });
  });

  describe('internal routes', () => {
    it('sign-in is for the auth plugin only, and validates its body', async () => {
      const other = mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'user-admin',
      });
      const res = await api()
        .post('/api/user-admin/internal/sign-in')
        .set('Authorization', other)
        .send({
          provider: 'x',
          subject: 'y',
          kind: 'login',
          sessionKey: 'z-0123456789abcdef',
        });
      expect(res.status).toBe(403);
      const bad = await api()
        .post('/api/user-admin/internal/sign-in')
        .set('Authorization', asAuthPlugin)
        .send({ provider: 'oidc' });
      expect(bad.status).toBe(400);
      const anonymous = await api()
        .post('/api/user-admin/internal/sign-in')
        .set('Authorization', mockCredentials.none.header())
        .send({});
      expect(anonymous.status).toBe(401);
    });

    const signInBody = {
      provider: 'oidc',
      subject: 'sub-ada',
      kind: 'login',
      sessionKey: 'external-login-id-0000',
    };
    it.each([
      ['GET', '/internal/revocations', undefined],
      ['POST', '/internal/activity', { items: [] }],
      ['GET', '/internal/policy-snapshot', undefined],
      ['POST', '/internal/sign-in', signInBody],
      [
        'POST',
        '/internal/sign-out',
        { provider: 'oidc', sessionKey: 'ada-browser-login-id' },
      ],
    ])(
      'refuse a token from outside Backstage: %s %s',
      async (method, path, body) => {
        const external = mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:metrics-producer'),
          targetPluginId: 'user-admin',
        });
        const call =
          method === 'GET'
            ? api().get(`/api/user-admin${path}`)
            : api().post(`/api/user-admin${path}`).send(body);
        const res = await call.set('Authorization', external);
        expect(res.status).toBe(403);
      },
    );

    it('sign-out is for the auth plugin only, ends the login, and is quiet about unknown ones', async () => {
      const other = mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'user-admin',
      });
      const body = { provider: 'oidc', sessionKey: 'sol-login-id-000000' };
      const first = await signIn('sol', body.sessionKey);
      expect(first.status).toBe(200);
      const refused = await api()
        .post('/api/user-admin/internal/sign-out')
        .set('Authorization', other)
        .send(body);
      expect(refused.status).toBe(403);
      const out = await api()
        .post('/api/user-admin/internal/sign-out')
        .set('Authorization', asAuthPlugin)
        .send(body);
      expect(out.status).toBe(204);
      expect((await refresh('sol', body.sessionKey)).status).toBe(403);
      const unknown = await api()
        .post('/api/user-admin/internal/sign-out')
        .set('Authorization', asAuthPlugin)
        .send({ provider: 'oidc', sessionKey: 'never-issued-login-id' });
      expect(unknown.status).toBe(204);
      const bad = await api()
        .post('/api/user-admin/internal/sign-out')
        .set('Authorization', asAuthPlugin)
        .send({ provider: 'oidc' });
      expect(bad.status).toBe(400);
    });

    it('serve the permission backend and the session guards; only NUL is refused in their text', async () => {
      const asPermission = mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:permission'),
        targetPluginId: 'user-admin',
      });
      const version = await api()
        .get('/api/user-admin/internal/policy-version')
        .set('Authorization', asPermission);
      expect(version.status).toBe(200);
      expect(version.body).toEqual({ version: expect.any(String) });
      const snapshot = await api()
        .get('/api/user-admin/internal/policy-snapshot')
        .set('Authorization', asPermission);
      expect(snapshot.status).toBe(200);
      expect(snapshot.body.version).toEqual(expect.any(String));
      expect(snapshot.body.roles.map((r: any) => r.name)).toEqual(
        expect.arrayContaining(['admin', 'operator', 'viewer']),
      );
      expect(
        (
          await api()
            .get('/api/user-admin/internal/policy-snapshot')
            .set('Authorization', asAuthPlugin)
        ).status,
      ).toBe(403);

      const session = (await signIn('ines')).body.sessionId;
      const activity = await api()
        .post('/api/user-admin/internal/activity')
        .set('Authorization', asAuthPlugin)
        .send({
          items: [
            { sessionId: session, at: Date.now(), userAgent: 'Odd\u0001Agent' },
          ],
        });
      expect(activity.status).toBe(204);
      expect(activity.text).toBe('');
      const nul = await api()
        .post('/api/user-admin/internal/activity')
        .set('Authorization', asAuthPlugin)
        .send({ items: [{ sessionId: 'a\u0000b', at: 1 }] });
      expect(nul.status).toBe(400);
      expect(nul.body.error.message).toBe(
        'invalid body: items[0].sessionId: NUL characters are not allowed',
      );
      const asUser = await api()
        .post('/api/user-admin/internal/activity')
        .set('Authorization', tokens.admin)
        .send({ items: [] });
      expect(asUser.status).toBe(403);
    });
  });

  describe('the order of the checks', () => {
    it('401 before the input is looked at, then 400, then 403', async () => {
      const anonymous = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', mockCredentials.none.header())
        .send({ email: 'not-an-email' });
      expect(anonymous.status).toBe(401);
      const bad = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', tokens.viewer)
        .send({ email: 'not-an-email' });
      expect(bad.status).toBe(400);
      const denied = await api()
        .post('/api/user-admin/users/invite')
        .set('Authorization', tokens.viewer)
        .send({ email: 'denied@console.example' });
      expect(denied.status).toBe(403);
    });

    it('the /me routes serve user tokens only', async () => {
      const res = await api()
        .get('/api/user-admin/me')
        .set('Authorization', asAuthPlugin);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        "This endpoint does not allow 'service' credentials",
      );
    });
  });

  // Found by fuzzing the OpenAPI document (scripts/fuzz.sh): bad input is a
  // clear 4xx on SQLite and PostgreSQL alike, never a 500 or a silent no-op.
  describe('bad input found by fuzzing', () => {
    const asAdmin = (r: request.Test) => r.set('Authorization', tokens.admin);

    it('400 when a route that needs a JSON body gets none', async () => {
      const vera = ids['user:default/vera'];
      for (const r of [
        api().patch(`/api/user-admin/users/${vera}`),
        api().put('/api/user-admin/roles/viewer'),
        api().put('/api/user-admin/roles/viewer/members'),
        api().post('/api/user-admin/roles'),
        api().post('/api/user-admin/users/invite'),
        api().post('/api/user-admin/policy/test'),
        // JSON sent as text is not read: refused instead of ignored
        api()
          .patch(`/api/user-admin/users/${vera}`)
          .set('Content-Type', 'text/plain')
          .send('{"roles":[]}'),
      ]) {
        const res = await asAdmin(r);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/a JSON body is required/);
      }
      const user = await asAdmin(api().get(`/api/user-admin/users/${vera}`));
      expect(user.body.roles).toEqual(['viewer']);
    });

    it('400 for control characters in text, naming the field', async () => {
      const role = await asAdmin(api().post('/api/user-admin/roles')).send({
        name: 'fuzzed',
        title: 'Fuzzed\u0087',
      });
      expect(role.status).toBe(400);
      expect(role.body.error.message).toMatch(/title: .*control characters/);
      const params = await asAdmin(api().post('/api/user-admin/roles')).send({
        name: 'fuzzed',
        title: 'Fuzzed',
        grants: [
          {
            permission: 'workflows.execution.read',
            effect: 'conditional',
            condition: {
              rule: 'IS_STARTED_BY',
              pluginId: 'workflows',
              resourceType: 'workflow-execution',
              params: { 'user\u0000Refs': ['$user'] },
            },
          },
        ],
      });
      expect(params.status).toBe(400);
      expect(params.body.error.message).toMatch(
        /grants\[0\]\.condition\.params: .*control characters/,
      );
      for (const path of [
        '/api/user-admin/users?search=a%00b',
        '/api/user-admin/audit?actor=%00',
        '/api/user-admin/sessions?userRef=user:default/%00',
      ]) {
        const res = await asAdmin(api().get(path));
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
      // tab and line breaks are text
      const ok = await asAdmin(api().post('/api/user-admin/roles')).send({
        name: 'fuzzed',
        title: 'Fuzzed',
        description: 'line one\n\tline two',
      });
      expect(ok.status).toBe(201);
      const exported = await asAdmin(api().get('/api/user-admin/roles/export'));
      expect(exported.text).toContain('line two');
    });

    it('404 for ids and names no user, session or role can have', async () => {
      for (const r of [
        api().get('/api/user-admin/users/a%00b'),
        api().delete('/api/user-admin/users/%00'),
        api().get('/api/user-admin/roles/a%00b'),
        api().post('/api/user-admin/sessions/%00/revoke').send({}),
      ]) {
        const res = await asAdmin(r);
        expect(res.status).toBe(404);
      }
    });

    it('400 past the documented paging bounds, and for numbers that are not integers', async () => {
      for (const path of [
        '/api/user-admin/sessions?offset=19030767372065792',
        '/api/user-admin/me/sessions?offset=',
        '/api/user-admin/users?offset=%205',
        '/api/user-admin/audit?limit=1e1',
      ]) {
        const res = await asAdmin(api().get(path));
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toMatch(/offset|limit/);
      }
    });

    it('400 for emails that DNS or SMTP could not carry', async () => {
      for (const email of [
        `a@b.${'c'.repeat(64)}`,
        'a@x-.io',
        `${'a'.repeat(65)}@x.io`,
      ]) {
        const res = await asAdmin(
          api().post('/api/user-admin/users/invite'),
        ).send({ email });
        expect({ email, status: res.status }).toEqual({ email, status: 400 });
      }
    });
  });
});
