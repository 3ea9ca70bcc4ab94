import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CONSOLE_USER_STATUSES,
  policyTestPermission,
  roleReadPermission,
  UserAdminHealth,
} from '@internal/backstage-plugin-user-admin-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadOpenApiDocument } from './openapi';
import { Guard, requireService, userRefOf } from './Guard';
import { PolicyTester } from './PolicyTester';
import { UserAdminService } from './UserAdminService';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  database: { health(): Promise<UserAdminHealth> };
  service: UserAdminService;
  tester: PolicyTester;
  guard: Guard;
};

// Lengths are checked before blanks are trimmed: the bounds of the OpenAPI
// document are those of what is sent.
const entityRef = z
  .string()
  .max(255)
  .trim()
  .min(3)
  .regex(
    /^(user|group):[a-z0-9._-]+\/[a-z0-9._-]+$/i,
    'an entity ref like user:default/jane or group:default/team',
  );
const roleName = z
  .string()
  .max(100)
  .trim()
  .min(1)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower case letters, digits, . _ -');
const reason = z.string().max(1000).trim().optional();

/**
 * An email address: zod's rule with domain labels as DNS has them (at most
 * 63 characters, no hyphen at either end), a local part of at most 64 and
 * 254 characters in all (RFC 5321). The OpenAPI document has the same pattern.
 */
const emailAddress = z
  .email({
    pattern:
      /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/,
  })
  .max(254)
  .refine(
    value => value.indexOf('@') <= 64,
    'a local part of at most 64 characters',
  );

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused.
 */
const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?[0-9]{1,16}$/, 'an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const grantSchema = z.union([
  z.strictObject({
    permission: z.string().min(1).max(200),
    action: z.enum(['create', 'read', 'update', 'delete']).optional(),
    effect: z.literal('allow'),
  }),
  z.strictObject({
    permission: z.string().min(1).max(200),
    action: z.enum(['create', 'read', 'update', 'delete']).optional(),
    effect: z.literal('conditional'),
    condition: z.strictObject({
      rule: z.string().min(1).max(100),
      pluginId: z.string().min(1).max(100),
      resourceType: z.string().min(1).max(100),
      params: z.record(z.string(), z.unknown()),
    }),
  }),
]);

const roleSchema = z.strictObject({
  name: roleName,
  title: z.string().max(255).trim().min(1),
  description: z.string().max(2000).default(''),
  grants: z.array(grantSchema).max(500).default([]),
  members: z.array(entityRef).max(10000).default([]),
});

const listUsersSchema = z.strictObject({
  search: z.string().max(200).optional(),
  role: roleName.optional(),
  status: z.enum(CONSOLE_USER_STATUSES as [string, ...string[]]).optional(),
  sort: z
    .enum(['name', 'email', 'status', 'createdAt', 'lastSignInAt'])
    .default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: queryInteger(1, 500).default(50),
  offset: queryInteger(0, 10_000_000).default(0),
});

const pagingSchema = z.strictObject({
  userRef: entityRef.optional(),
  activeOnly: z.enum(['true', 'false']).optional(),
  limit: queryInteger(1, 500).default(50),
  offset: queryInteger(0, 10_000_000).default(0),
});

const auditSchema = z.strictObject({
  actor: z.string().max(255).optional(),
  action: z.string().max(64).optional(),
  target: z.string().max(255).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: queryInteger(1, 500).default(100),
  cursor: z.string().regex(/^\d+$/).optional(),
});

const signInSchema = z.strictObject({
  provider: z.string().min(1).max(64),
  subject: z.string().min(1).max(255),
  email: emailAddress.optional(),
  displayName: z.string().max(255).optional(),
  username: z.string().max(255).optional(),
  groups: z.array(z.string().max(255)).max(500).optional(),
  sessionKey: z.string().min(1).max(255),
  authTime: z.number().int().positive().optional(),
  userAgent: z.string().max(512).optional(),
  ipAddress: z.string().max(64).optional(),
});

/**
 * Whether a string holds a character that is not text: C0 controls other than
 * tab and line breaks, DEL, C1 controls, U+FFFE/U+FFFF and lone surrogates.
 * PostgreSQL cannot store NUL (a 500), and the roles export would not be
 * YAML that other tools can read.
 */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    } else if ((c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) {
      return true;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

const hasNul = (text: string) => text.includes('\u0000');

/** The path of the first string (or key) in a value that `bad` refuses. */
function badTextPath(
  value: unknown,
  bad: (text: string) => boolean,
  path: string[] = [],
): string[] | undefined {
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (bad(key)) return path;
    const found = badTextPath(item, bad, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The body of a route that needs one: 400 unless the request carries JSON
 * (without it express.json() leaves an empty object, which would pass).
 */
function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new InputError(
      'a JSON body is required (Content-Type: application/json)',
    );
  }
  return req.body;
}

/**
 * Parses with a schema; 400 naming each bad field. Text with control
 * characters is refused too; the internal routes (`anyText`), which take
 * what identity providers and browsers send, refuse only NUL.
 */
function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
  options: { anyText?: boolean } = {},
): z.output<T> {
  const bad = badTextPath(
    value,
    options.anyText ? hasNul : hasControlCharacters,
  );
  if (bad) {
    const path = bad.join('.');
    throw new InputError(
      `invalid ${where}: ${path ? `${path}: ` : ''}${
        options.anyText
          ? 'NUL characters are not allowed'
          : 'control characters are not allowed (tab and line breaks are)'
      }`,
    );
  }
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InputError(`invalid ${where}: ${problems.join('; ')}`);
  }
  return result.data;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, database, service, tester, guard } = options;
  const openApiDocument = loadOpenApiDocument();
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  router.use(
    express.text({
      type: ['text/yaml', 'application/yaml', 'application/x-yaml'],
      limit: '2mb',
    }),
  );

  const caller = async (req: Request) => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
  });
  const userCaller = async (req: Request) => ({
    credentials: await httpAuth.credentials(req, { allow: ['user'] }),
    request: req,
  });

  // ids and role names with control characters name nothing (PostgreSQL
  // would fail on NUL with a 500 if they reached it)
  router.param('id', (_req, _res, next, id: string) =>
    next(
      hasControlCharacters(id)
        ? new NotFoundError('no user or session has this id')
        : undefined,
    ),
  );
  router.param('name', (_req, _res, next, name: string) =>
    next(
      hasControlCharacters(name)
        ? new NotFoundError('no role has this name')
        : undefined,
    ),
  );

  router.get('/health', async (req, res) => {
    await caller(req);
    const health = await database.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  router.get('/openapi.json', async (req, res) => {
    await caller(req);
    res.json(openApiDocument);
  });

  // -- me ---------------------------------------------------------------------
  router.get('/me', async (req, res) => {
    res.json(await service.me(await userCaller(req)));
  });
  router.get('/me/sessions', async (req, res) => {
    const c = await userCaller(req);
    const q = parse(pagingSchema.omit({ userRef: true }), req.query, 'query');
    res.json(
      await service.listSessions(c, {
        userRef: userRefOf(c.credentials),
        activeOnly: q.activeOnly === 'true',
        limit: q.limit,
        offset: q.offset,
      }),
    );
  });
  router.post('/me/sessions/revoke-all', async (req, res) => {
    const c = await userCaller(req);
    const body = parse(z.strictObject({ reason }), req.body, 'body');
    res.json(
      await service.revokeAll(c, userRefOf(c.credentials)!, body.reason),
    );
  });

  // -- users ------------------------------------------------------------------
  router.get('/users', async (req, res) => {
    const q = parse(listUsersSchema, req.query, 'query');
    res.json(await service.listUsers(await caller(req), q as any));
  });
  router.post('/users/invite', async (req, res) => {
    const body = parse(
      z.strictObject({
        email: emailAddress,
        displayName: z.string().max(255).trim().min(1).optional(),
        username: z.string().max(60).trim().min(1).optional(),
        roles: z.array(roleName).max(50).optional(),
      }),
      jsonBody(req),
      'body',
    );
    res.status(201).json(await service.invite(await caller(req), body));
  });
  router.get('/users/:id', async (req, res) => {
    res.json(await service.getUser(await caller(req), req.params.id));
  });
  router.patch('/users/:id', async (req, res) => {
    const body = parse(
      z.strictObject({
        displayName: z.string().max(255).trim().min(1).optional(),
        email: emailAddress.optional(),
        roles: z.array(roleName).max(50).optional(),
      }),
      jsonBody(req),
      'body',
    );
    res.json(await service.updateUser(await caller(req), req.params.id, body));
  });
  for (const action of ['approve', 'disable', 'enable'] as const) {
    router.post(`/users/:id/${action}`, async (req, res) => {
      const body = parse(z.strictObject({ reason }), req.body, 'body');
      res.json(
        await service.setStatus(
          await caller(req),
          req.params.id,
          action,
          body.reason,
        ),
      );
    });
  }
  router.delete('/users/:id', async (req, res) => {
    await service.deleteUser(await caller(req), req.params.id);
    res.status(204).end();
  });
  router.post('/users/:id/sessions/revoke-all', async (req, res) => {
    const c = await caller(req);
    const body = parse(z.strictObject({ reason }), req.body, 'body');
    const user = await service.getUser(c, req.params.id);
    res.json(await service.revokeAll(c, user.userRef, body.reason));
  });

  // -- sessions ---------------------------------------------------------------
  router.get('/sessions', async (req, res) => {
    const q = parse(pagingSchema, req.query, 'query');
    res.json(
      await service.listSessions(await caller(req), {
        userRef: q.userRef,
        activeOnly: q.activeOnly === 'true',
        limit: q.limit,
        offset: q.offset,
      }),
    );
  });
  router.post('/sessions/:id/revoke', async (req, res) => {
    const body = parse(z.strictObject({ reason }), req.body, 'body');
    res.json(
      await service.revokeSession(
        await caller(req),
        req.params.id,
        body.reason,
      ),
    );
  });

  // -- roles ------------------------------------------------------------------
  router.get('/roles', async (req, res) => {
    res.json({ items: await service.listRoles(await caller(req)) });
  });
  router.get('/roles/export', async (req, res) => {
    res.type('text/yaml').send(await service.exportRoles(await caller(req)));
  });
  router.post('/roles/import', async (req, res) => {
    const c = await caller(req);
    let document: unknown = req.body;
    if (typeof req.body === 'string') {
      try {
        document = parseYaml(req.body);
      } catch (error) {
        throw new InputError(
          `the body is not valid YAML: ${(error as Error).message}`,
        );
      }
    }
    const body = parse(
      z.object({
        apiVersion: z.literal('ai-ops-console/v1').optional(),
        kind: z.literal('Roles').optional(),
        roles: z.array(roleSchema).max(1000),
      }),
      document,
      'roles document',
    );
    res.json(await service.importRoles(c, body.roles));
  });
  router.post('/roles', async (req, res) => {
    const body = parse(roleSchema, jsonBody(req), 'body');
    res
      .status(201)
      .json(await service.createRole(await caller(req), body as any));
  });
  router.get('/roles/:name', async (req, res) => {
    res.json(await service.getRole(await caller(req), req.params.name));
  });
  router.put('/roles/:name', async (req, res) => {
    const body = parse(
      roleSchema.omit({ name: true, members: true }).partial(),
      jsonBody(req),
      'body',
    );
    res.json(
      await service.updateRole(await caller(req), req.params.name, body as any),
    );
  });
  router.delete('/roles/:name', async (req, res) => {
    await service.deleteRole(await caller(req), req.params.name);
    res.status(204).end();
  });
  router.put('/roles/:name/members', async (req, res) => {
    const body = parse(
      z.strictObject({ members: z.array(entityRef).max(10000) }),
      jsonBody(req),
      'body',
    );
    res.json(
      await service.setRoleMembers(
        await caller(req),
        req.params.name,
        body.members,
      ),
    );
  });

  // -- permissions and the policy tester --------------------------------------
  router.get('/permissions', async (req, res) => {
    await guard.require((await caller(req)).credentials, roleReadPermission);
    res.json(await tester.permissions());
  });
  router.post('/policy/test', async (req, res) => {
    await guard.require((await caller(req)).credentials, policyTestPermission);
    const body = parse(
      z.strictObject({
        userRef: entityRef,
        ownershipRefs: z.array(entityRef).max(1000).optional(),
        draftRole: roleSchema.omit({ members: true }).optional(),
      }),
      jsonBody(req),
      'body',
    );
    res.json(
      await tester.test({
        snapshot: await service.policySnapshot(),
        ...(body as any),
      }),
    );
  });

  // -- audit ------------------------------------------------------------------
  router.get('/audit', async (req, res) => {
    const q = parse(auditSchema, req.query, 'query');
    res.json(
      await service.listAudit(await caller(req), {
        actor: q.actor,
        action: q.action,
        target: q.target,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        limit: q.limit,
        before: q.cursor,
      }),
    );
  });

  // -- internal: other plugins of this backend only ---------------------------
  router.post('/internal/sign-in', async (req, res) => {
    const { credentials } = await caller(req);
    requireService(credentials, ['plugin:auth']);
    const body = parse(signInSchema, jsonBody(req), 'body', { anyText: true });
    res.json(await service.signIn(body, req));
  });
  router.get('/internal/revocations', async (req, res) => {
    const { credentials } = await caller(req);
    if (credentials.principal.type !== 'service') {
      requireService(credentials, []);
    }
    res.json(await service.revocationState());
  });
  router.post('/internal/activity', async (req, res) => {
    const { credentials } = await caller(req);
    if (credentials.principal.type !== 'service')
      requireService(credentials, []);
    const body = parse(
      z.strictObject({
        items: z
          .array(
            z.strictObject({
              sessionId: z.string().min(1).max(64),
              at: z.number().int().positive(),
              userAgent: z.string().max(512).optional(),
              ipAddress: z.string().max(64).optional(),
            }),
          )
          .max(10000),
      }),
      jsonBody(req),
      'body',
      { anyText: true },
    );
    await service.recordActivity(body.items);
    res.status(204).end();
  });

  router.get('/internal/policy-version', async (req, res) => {
    const { credentials } = await caller(req);
    requireService(credentials, ['plugin:permission', 'plugin:user-admin']);
    res.json({ version: await service.policyVersion() });
  });

  router.get('/internal/policy-snapshot', async (req, res) => {
    const { credentials } = await caller(req);
    requireService(credentials, ['plugin:permission', 'plugin:user-admin']);
    res.json(await service.policySnapshot());
  });

  return router;
}
