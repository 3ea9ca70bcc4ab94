import {
  BackstageCredentials,
  LoggerService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  hasControlCharacters,
  policyTestPermission,
  roleReadPermission,
  userAdminApiSpec as apiSpec,
  UserAdminHealth,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  createApiRouter,
  databaseUnavailableHandler,
  parseOrThrow,
  PermissionGate,
} from '@ai-ops-console/console-node';
import express, { Request, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { requireService, userRefOf } from './callers';
import { PolicyTester } from './PolicyTester';
import { UserAdminServices } from './services';

export type RouterOptions = UserAdminServices & {
  httpAuth: HttpAuthService;
  database: { health(): Promise<UserAdminHealth> };
  tester: PolicyTester;
  gate: PermissionGate;
  /** Retry-After of the 503 answered while the database is unreachable. */
  retryAfterSeconds: number;
  /** Where the causes of database errors are logged. */
  logger?: LoggerService;
};

const BODY_LIMIT = '2mb';
const YAML_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml'];

// ids and role names with control characters name nothing (PostgreSQL
// would fail on NUL with a 500 if they reached it)
function userOrSessionId(id: string): string {
  if (hasControlCharacters(id)) {
    throw new NotFoundError('no user or session has this id');
  }
  return id;
}

function roleNameOf(name: string): string {
  if (hasControlCharacters(name)) {
    throw new NotFoundError('no role has this name');
  }
  return name;
}

/** The /me routes serve users only, as httpAuth's `allow: ['user']` would. */
function requireUser(credentials: BackstageCredentials) {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user') {
    throw new NotAllowedError(
      `This endpoint does not allow '${type}' credentials`,
    );
  }
}

/**
 * Users, roles and sessions are managed by people and by the console's own
 * plugins: a token from outside Backstage (`external:<subject>`, e.g. a
 * metrics producer's) is refused on every route, whatever access
 * restrictions it was configured with, or without any.
 */
function refuseExternal(credentials: BackstageCredentials) {
  const principal = credentials.principal as {
    type?: string;
    subject?: string;
  };
  if (
    principal.type === 'service' &&
    !principal.subject?.startsWith('plugin:')
  ) {
    throw new NotAllowedError(
      'user-admin accepts users and the console’s own plugins only',
    );
  }
}

/**
 * The internal routes that every plugin's session guard calls: plugins of
 * this backend only (`plugin:<id>`), never a token from outside Backstage
 * (`external:<subject>`), whose holder has no business with sessions.
 */
function requirePlugin(credentials: BackstageCredentials) {
  const principal = credentials.principal as {
    type?: string;
    subject?: string;
  };
  if (
    principal.type !== 'service' ||
    !principal.subject?.startsWith('plugin:')
  ) {
    throw new NotAllowedError(
      "only the console's own plugins may call this internal route",
    );
  }
}

/** Runs a body parser of express, as the router did for every route. */
function readWith(
  parser: express.RequestHandler,
  req: Request,
  res: Response,
): Promise<void> {
  return new Promise((resolve, reject) =>
    parser(req, res, error => (error ? reject(error) : resolve())),
  );
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, database, signIn, tester, gate } = options;
  const { users, sessions, roles, policy, auditReader } = options;
  const ops = apiSpec.operations;
  const api = createApiRouter({
    spec: apiSpec,
    jsonLimit: BODY_LIMIT,
    authenticate: async req => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      refuseExternal(credentials);
      return credentials;
    },
  });
  const readJson = express.json({ limit: BODY_LIMIT });
  const readYaml = express.text({ type: YAML_TYPES, limit: BODY_LIMIT });

  /** What a service takes as the caller: credentials and the request. */
  const caller = (ctx: {
    credentials: BackstageCredentials;
    req: Request;
  }) => ({
    credentials: ctx.credentials,
    request: ctx.req,
  });

  api.add(ops.getHealth, async ({ res }) => {
    const health = await database.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  // -- me ---------------------------------------------------------------------
  api.add(ops.getMe, async ctx => {
    requireUser(ctx.credentials);
    ctx.res.json(await users.me(caller(ctx)));
  });
  api.add(ops.listMySessions, async ctx => {
    requireUser(ctx.credentials);
    const { query } = ctx;
    ctx.res.json(
      await sessions.listSessions(caller(ctx), {
        userRef: userRefOf(ctx.credentials),
        activeOnly: query.activeOnly === 'true',
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });
  api.add(ops.revokeAllMySessions, async ctx => {
    requireUser(ctx.credentials);
    ctx.res.json(
      await sessions.revokeAll(
        caller(ctx),
        userRefOf(ctx.credentials)!,
        ctx.body.reason,
      ),
    );
  });

  // -- users ------------------------------------------------------------------
  api.add(ops.listUsers, async ctx => {
    ctx.res.json(await users.listUsers(caller(ctx), ctx.query));
  });
  api.add(ops.inviteUser, async ctx => {
    ctx.res.status(201).json(await users.invite(caller(ctx), ctx.body));
  });
  api.add(ops.getUser, async ctx => {
    const id = userOrSessionId(ctx.params.id);
    ctx.res.json(await users.getUser(caller(ctx), id));
  });
  api.add(ops.updateUser, async ctx => {
    const id = userOrSessionId(ctx.params.id);
    ctx.res.json(await users.updateUser(caller(ctx), id, ctx.body));
  });
  for (const [operation, action] of [
    [ops.approveUser, 'approve'],
    [ops.disableUser, 'disable'],
    [ops.enableUser, 'enable'],
  ] as const) {
    api.add(operation, async ctx => {
      const id = userOrSessionId(ctx.params.id);
      ctx.res.json(
        await users.setStatus(caller(ctx), id, action, ctx.body.reason),
      );
    });
  }
  api.add(ops.deleteUser, async ctx => {
    const id = userOrSessionId(ctx.params.id);
    await users.deleteUser(caller(ctx), id);
    ctx.res.status(204).end();
  });
  api.add(ops.revokeAllUserSessions, async ctx => {
    const id = userOrSessionId(ctx.params.id);
    const user = await users.getUser(caller(ctx), id);
    ctx.res.json(
      await sessions.revokeAll(caller(ctx), user.userRef, ctx.body.reason),
    );
  });

  // -- sessions ---------------------------------------------------------------
  api.add(ops.listSessions, async ctx => {
    const { query } = ctx;
    ctx.res.json(
      await sessions.listSessions(caller(ctx), {
        userRef: query.userRef,
        activeOnly: query.activeOnly === 'true',
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });
  api.add(ops.revokeSession, async ctx => {
    const id = userOrSessionId(ctx.params.id);
    ctx.res.json(
      await sessions.revokeSession(caller(ctx), id, ctx.body.reason),
    );
  });

  // -- roles ------------------------------------------------------------------
  api.add(ops.listRoles, async ctx => {
    ctx.res.json({ items: await roles.listRoles(caller(ctx)) });
  });
  api.add(ops.exportRoles, async ctx => {
    ctx.res.type('text/yaml').send(await roles.exportRoles(caller(ctx)));
  });
  api.add(ops.importRoles, async ctx => {
    const { req, res } = ctx;
    await readWith(readJson, req, res);
    await readWith(readYaml, req, res);
    let document: unknown = req.body ?? {};
    if (typeof document === 'string') {
      try {
        document = parseYaml(document);
      } catch (error) {
        throw new InputError(
          `the body is not valid YAML: ${(error as Error).message}`,
        );
      }
    }
    const body = parseOrThrow('roles document', ops.importRoles.body, document);
    res.json(await roles.importRoles(caller(ctx), body.roles));
  });
  api.add(ops.createRole, async ctx => {
    ctx.res.status(201).json(await roles.createRole(caller(ctx), ctx.body));
  });
  api.add(ops.getRole, async ctx => {
    const name = roleNameOf(ctx.params.name);
    ctx.res.json(await roles.getRole(caller(ctx), name));
  });
  api.add(ops.updateRole, async ctx => {
    const name = roleNameOf(ctx.params.name);
    ctx.res.json(await roles.updateRole(caller(ctx), name, ctx.body));
  });
  api.add(ops.deleteRole, async ctx => {
    const name = roleNameOf(ctx.params.name);
    await roles.deleteRole(caller(ctx), name);
    ctx.res.status(204).end();
  });
  api.add(ops.setRoleMembers, async ctx => {
    const name = roleNameOf(ctx.params.name);
    ctx.res.json(
      await roles.setRoleMembers(caller(ctx), name, ctx.body.members),
    );
  });

  // -- permissions and the policy tester --------------------------------------
  api.add(ops.listPermissions, async ctx => {
    await gate.require(ctx.credentials, roleReadPermission);
    ctx.res.json(await tester.permissions());
  });
  api.add(ops.testPolicy, async ctx => {
    await gate.require(ctx.credentials, policyTestPermission);
    ctx.res.json(
      await tester.test({
        snapshot: await policy.snapshot(),
        ...ctx.body,
      }),
    );
  });

  // -- audit ------------------------------------------------------------------
  api.add(ops.listAudit, async ctx => {
    const { query } = ctx;
    ctx.res.json(
      await auditReader.list(caller(ctx), {
        actor: query.actor,
        action: query.action,
        target: query.target,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        limit: query.limit,
        before: query.cursor,
      }),
    );
  });

  // -- internal: other plugins of this backend only ---------------------------
  api.add(ops.internalSignIn, async ({ credentials, body, req, res }) => {
    requireService(credentials, ['plugin:auth']);
    res.json(await signIn.signIn(body, req));
  });
  api.add(ops.internalSignOut, async ({ credentials, body, req, res }) => {
    requireService(credentials, ['plugin:auth']);
    await signIn.signOut(body, req);
    res.status(204).end();
  });
  api.add(ops.internalRevocations, async ({ credentials, res }) => {
    requirePlugin(credentials);
    res.json(await sessions.revocationState());
  });
  api.add(ops.internalActivity, async ({ credentials, body, res }) => {
    requirePlugin(credentials);
    await sessions.recordActivity(body.items);
    res.status(204).end();
  });
  api.add(ops.internalPolicyVersion, async ({ credentials, res }) => {
    requireService(credentials, ['plugin:permission', 'plugin:user-admin']);
    res.json({ version: await policy.version() });
  });
  api.add(ops.internalPolicySnapshot, async ({ credentials, res }) => {
    requireService(credentials, ['plugin:permission', 'plugin:user-admin']);
    res.json(await policy.snapshot());
  });

  // an unreachable or restarting database is a 503 with Retry-After, not a
  // 500 whose message could hold the database's address or the query
  api.router.use(
    databaseUnavailableHandler({
      pluginId: 'user-admin',
      retryAfterSeconds: options.retryAfterSeconds,
      // the cause goes to the log, never into the answer
      logger: options.logger,
    }),
  );

  return api.complete();
}
