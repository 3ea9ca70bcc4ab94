import {
  CONSOLE_USER_STATUSES,
  ConsoleUserStatus,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { z } from 'zod';
import { textOnly } from './text';

// The schemas of the user-admin API: requests are validated with them, the
// OpenAPI document is generated from them, and in tests the responses are
// checked against them. A `meta` id makes a schema a named component.

// -- shared values -------------------------------------------------------------

// Lengths are checked before blanks are trimmed: the bounds of the OpenAPI
// document are those of what is sent.

/**
 * A user or group entity ref, the kind in any case. The pattern spells the
 * case-insensitive match out (`[uU][sS]…`), as a JSON Schema pattern has no
 * flags: it is the same rule in the document and here.
 */
export const entityRef = z
  .string()
  .max(255)
  .trim()
  .min(3)
  .regex(
    /^([uU][sS][eE][rR]|[gG][rR][oO][uU][pP]):[a-zA-Z0-9._-]+\/[a-zA-Z0-9._-]+$/,
    'an entity ref like user:default/jane or group:default/team',
  )
  .meta({
    id: 'EntityRef',
    description:
      'A user or group entity ref such as user:default/jane or group:default/team (kind case-insensitive); blanks around it are trimmed.',
  });

export const roleName = z
  .string()
  .max(100)
  .trim()
  .min(1)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower case letters, digits, . _ -')
  .meta({
    id: 'RoleName',
    description:
      'Lower case letters, digits, . _ -; blanks around it are trimmed.',
  });

const reason = z.string().max(1000).trim().meta({
  id: 'Reason',
  description: 'Why; recorded in the audit log. Blanks around it are trimmed.',
});

/**
 * An email address: zod's rule with domain labels as DNS has them (at most
 * 63 characters, no hyphen at either end), a local part of at most 64 and
 * 254 characters in all (RFC 5321). The OpenAPI document has the same pattern.
 */
export const emailAddress = z
  .email({
    pattern:
      /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/,
  })
  .max(254)
  .refine(
    value => value.indexOf('@') <= 64,
    'a local part of at most 64 characters',
  )
  .meta({
    id: 'EmailAddress',
    description:
      'An email address: a local part of at most 64 characters, domain labels of at most 63 (no hyphen at either end) and a top-level domain of letters.',
  });

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused. Documented as
 * the integer it stands for; give its default with `.prefault(n)`.
 */
const queryInteger = (min: number, max: number) =>
  z.preprocess((value, ctx) => {
    if (typeof value === 'number') return value; // a prefault
    if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) {
      return Number(value);
    }
    ctx.addIssue({ code: 'custom', message: 'an integer', input: value });
    return value;
  }, z.number().int().min(min).max(max));

/** A date-time as the API writes it (ISO 8601, UTC). */
const dateTime = z.iso.datetime();

export const consoleUserStatus = z
  .enum(CONSOLE_USER_STATUSES as [ConsoleUserStatus, ...ConsoleUserStatus[]])
  .meta({
    id: 'ConsoleUserStatus',
    description:
      'active: may sign in; pending: registered under `approval`, waits for an admin; invited: pre-registered by an admin, becomes active at first sign-in; disabled: may not sign in, outstanding tokens are refused.',
  });

const registrationMode = z
  .enum(['open', 'approval', 'closed'])
  .meta({ id: 'RegistrationMode' });

// -- health --------------------------------------------------------------------

export const health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      reachable: z.boolean(),
      client: z.string(),
      message: z.string().optional(),
    }),
  })
  .meta({ id: 'Health' });

// -- users and sessions --------------------------------------------------------

export const reasonBody = textOnly(
  z.strictObject({ reason: reason.optional() }),
).meta({ id: 'ReasonBody' });

export const consoleUser = z
  .object({
    id: z.string(),
    userRef: z.string().meta({ description: 'e.g. user:default/ada' }),
    email: z.string().meta({ format: 'email' }).optional(),
    emailVerified: z.boolean().meta({
      description:
        'Whether the identity provider said the address is the user’s (an address set by an admin is not verified).',
    }),
    displayName: z.string(),
    status: consoleUserStatus,
    roles: z.array(z.string()).meta({
      description:
        'Roles assigned to the user directly (group roles come on top).',
    }),
    provider: z.string().optional(),
    createdAt: dateTime,
    updatedAt: dateTime,
    lastSignInAt: dateTime.optional(),
  })
  .meta({ id: 'ConsoleUser' });

export const consoleUserList = z
  .object({
    items: z.array(consoleUser),
    total: z
      .number()
      .int()
      .meta({ description: 'Users matching the filter, all pages together' }),
  })
  .meta({ id: 'ConsoleUserList' });

export const me = z
  .object({
    userRef: z.string(),
    user: consoleUser.optional(),
    registration: registrationMode,
  })
  .meta({ id: 'Me' });

export const consoleSession = z
  .object({
    id: z.string(),
    userRef: z.string(),
    provider: z.string(),
    createdAt: dateTime,
    lastSeenAt: dateTime,
    userAgent: z.string().optional(),
    ipAddress: z.string().optional(),
    revokedAt: dateTime.optional(),
    revokedBy: z.string().optional(),
    revokeReason: z.string().optional(),
  })
  .meta({
    id: 'ConsoleSession',
    description:
      'One sign-in of a user, from one browser, refreshed until it ends.',
  });

export const sessionList = z
  .object({ items: z.array(consoleSession), total: z.number().int() })
  .meta({ id: 'SessionList' });

export const revokedCount = z
  .object({
    revoked: z.number().int().meta({
      description:
        'Sessions newly revoked; every older token of the user is refused too',
    }),
  })
  .meta({ id: 'RevokedCount' });

export const listUsersQuery = z.strictObject({
  search: textOnly(z.string().max(200))
    .optional()
    .meta({ description: 'Part of the name, email or user ref' }),
  role: textOnly(roleName)
    .optional()
    .meta({ description: 'Only users assigned this role directly' }),
  status: consoleUserStatus.optional(),
  sort: z
    .enum(['name', 'email', 'status', 'createdAt', 'lastSignInAt'])
    .default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: queryInteger(1, 500).prefault(50),
  offset: queryInteger(0, 10_000_000).prefault(0),
});

const activeOnly = z
  .enum(['true', 'false'])
  .optional()
  .meta({ description: 'Only sessions that are not revoked' });

export const mySessionsQuery = z.strictObject({
  activeOnly,
  limit: queryInteger(1, 500).prefault(50),
  offset: queryInteger(0, 10_000_000).prefault(0),
});

export const sessionsQuery = z.strictObject({
  userRef: textOnly(entityRef)
    .optional()
    .meta({ description: 'Only the sessions of this user' }),
  ...mySessionsQuery.shape,
});

const userName = z.string().max(255).trim().min(1);

export const inviteBody = textOnly(
  z.strictObject({
    email: emailAddress,
    displayName: userName.optional().meta({
      description: 'The email when absent. Blanks around it are trimmed.',
    }),
    username: z.string().max(60).trim().min(1).optional().meta({
      description:
        'The name of the user ref; the part of the email before @ when absent. Blanks around it are trimmed.',
    }),
    roles: z.array(roleName).max(50).optional(),
  }),
);

export const updateUserBody = textOnly(
  z.strictObject({
    displayName: userName
      .optional()
      .meta({ description: 'Blanks around it are trimmed.' }),
    email: emailAddress.optional(),
    roles: z.array(roleName).max(50).optional(),
  }),
);

// -- roles ---------------------------------------------------------------------

const grantAction = z
  .enum(['create', 'read', 'update', 'delete'])
  .meta({ id: 'GrantAction' });

const grantPermission = z.string().min(1).max(200).meta({
  description: 'A permission name, a prefix glob such as `workflows.*`, or `*`',
});

const grantCondition = z
  .strictObject({
    rule: z.string().min(1).max(100),
    pluginId: z.string().min(1).max(100),
    resourceType: z.string().min(1).max(100),
    params: z.record(z.string(), z.unknown()),
  })
  .meta({
    id: 'GrantCondition',
    description:
      "A condition of a conditional grant, as the permission framework takes it. In `params`, the strings `$user` and `$ownership` stand for the caller's user ref and ownership refs.",
  });

const allowGrant = z
  .strictObject({
    permission: grantPermission,
    action: grantAction.optional(),
    effect: z.literal('allow'),
  })
  .meta({ id: 'AllowGrant' });

const conditionalGrant = z
  .strictObject({
    permission: grantPermission,
    action: grantAction.optional(),
    effect: z.literal('conditional'),
    condition: grantCondition,
  })
  .meta({ id: 'ConditionalGrant' });

const roleGrant = z
  .discriminatedUnion('effect', [allowGrant, conditionalGrant])
  .meta({
    id: 'RoleGrant',
    // the components' names: neither grant has an input form of its own
    discriminator: {
      propertyName: 'effect',
      mapping: {
        allow: '#/components/schemas/AllowGrant',
        conditional: '#/components/schemas/ConditionalGrant',
      },
    },
  });

export const role = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    grants: z.array(roleGrant),
    members: z.array(z.string()).meta({
      description: 'User and group entity refs the role is assigned to.',
    }),
  })
  .meta({ id: 'Role' });

export const roleList = z
  .object({ items: z.array(role) })
  .meta({ id: 'RoleList' });

const roleTitle = z
  .string()
  .max(255)
  .trim()
  .min(1)
  .meta({ description: 'Blanks around it are trimmed.' });
const roleDescription = z.string().max(2000);
const roleGrants = z.array(roleGrant).max(500);

const roleFields = {
  name: roleName,
  title: roleTitle,
  description: roleDescription.default(''),
  grants: roleGrants.default([]),
};

const roleInput = z
  .strictObject({
    ...roleFields,
    members: z.array(entityRef).max(10000).default([]),
  })
  .meta({ id: 'RoleInput', description: 'A role as created or imported.' });

export const createRoleBody = textOnly(roleInput);

export const updateRoleBody = textOnly(
  z.strictObject({
    title: roleTitle.optional(),
    description: roleDescription.optional(),
    grants: roleGrants.optional(),
  }),
).meta({
  id: 'RolePatch',
  description:
    'The fields to change; the name and members are not changed here.',
});

export const setRoleMembersBody = textOnly(
  z.strictObject({ members: z.array(entityRef).max(10000) }),
);

/** Properties other than apiVersion, kind and roles are ignored. */
export const rolesDocument = textOnly(
  z.object({
    apiVersion: z.literal('ai-ops-console/v1').optional(),
    kind: z.literal('Roles').optional(),
    roles: z.array(roleInput).max(1000),
  }),
).meta({
  id: 'RolesDocument',
  description:
    'Every custom role, as exported and imported. Role names must be unique in the document.',
});

/** What GET /roles/export writes, as YAML: a roles document. */
export const rolesExport = z
  .object({
    apiVersion: z.literal('ai-ops-console/v1'),
    kind: z.literal('Roles'),
    roles: z.array(role.omit({ builtIn: true })),
  })
  .meta({
    description:
      'A roles document (RolesDocument) holding every role, built-in ones without their builtIn flag.',
  });

export const importResult = z
  .object({
    imported: z.number().int().meta({ description: 'Roles in the document' }),
  })
  .meta({ id: 'ImportResult' });

// -- permissions and the policy tester -----------------------------------------

const unreachable = z.array(z.string()).meta({
  description: 'Plugins whose permissions could not be read',
});

const permission = z
  .object({
    type: z.enum(['basic', 'resource']),
    name: z.string(),
    attributes: z.object({ action: grantAction.optional() }),
    resourceType: z
      .string()
      .optional()
      .meta({ description: 'Only for resource permissions' }),
  })
  .meta({
    id: 'Permission',
    description: 'A permission as a plugin registers it.',
  });

export const permissionList = z
  .object({ items: z.array(permission), unreachable })
  .meta({ id: 'PermissionList' });

const draftRole = z.strictObject(roleFields).meta({
  id: 'DraftRole',
  description: 'A role that is not saved, to see what it would allow.',
});

export const policyTestBody = textOnly(
  z.strictObject({
    userRef: entityRef,
    ownershipRefs: z.array(entityRef).max(1000).optional().meta({
      description: "The user's ownership refs; the user ref alone when absent",
    }),
    draftRole: draftRole.optional(),
  }),
).meta({ id: 'PolicyTestRequest' });

const policyTestResult = z
  .object({
    permission: z.string(),
    resourceType: z.string().optional(),
    action: z.string().optional(),
    result: z.enum(['ALLOW', 'DENY', 'CONDITIONAL']),
    why: z
      .array(z.string())
      .meta({ description: 'Which role and grant decided, in words' }),
    conditions: z
      .unknown()
      .optional()
      .meta({ description: 'The conditions of a CONDITIONAL result' }),
  })
  .meta({
    id: 'PolicyTestResult',
    description: "The policy's answer for one permission.",
  });

export const policyTestAnswer = z
  .object({ results: z.array(policyTestResult), unreachable })
  .meta({ id: 'PolicyTestAnswer' });

// -- audit ---------------------------------------------------------------------

const auditRecord = z
  .object({
    id: z.string(),
    at: dateTime,
    actor: z
      .string()
      .meta({ description: 'A user ref, or plugin:<id> for services' }),
    action: z.string(),
    target: z.string().optional(),
    outcome: z.enum(['success', 'failure']),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditRecord' });

export const auditList = z
  .object({
    items: z.array(auditRecord),
    nextCursor: z.string().optional().meta({
      description: 'The `cursor` of the next page; absent on the last page',
    }),
  })
  .meta({ id: 'AuditList' });

export const auditQuery = z.strictObject({
  actor: textOnly(z.string().max(255)).optional(),
  action: textOnly(z.string().max(64)).optional(),
  target: textOnly(z.string().max(255)).optional(),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Records at or after (ISO 8601 with offset)' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Records at or before (ISO 8601 with offset)' }),
  limit: queryInteger(1, 500).prefault(100),
  cursor: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page' }),
});

// -- internal ------------------------------------------------------------------

export const signInBody = textOnly(
  z.strictObject({
    provider: z.string().min(1).max(64),
    subject: z.string().min(1).max(255),
    email: emailAddress.optional(),
    emailVerified: z.boolean().optional().meta({
      description:
        'Only true (the identity provider verified the address) lets the e-mail claim an invitation or a bootstrap admin entry',
    }),
    displayName: z.string().max(255).optional(),
    username: z.string().max(255).optional(),
    groups: z.array(z.string().max(255)).max(500).optional(),
    kind: z.enum(['login', 'refresh']).meta({
      description:
        '`login` after an interactive login (opens a new session), `refresh` when a browser renews its token (continues the session of sessionKey)',
    }),
    sessionKey: z.string().min(16).max(255).meta({
      description:
        'Random id chosen at the interactive login and kept in the refresh cookie: the key of the console session',
    }),
    idpSession: z.string().max(255).optional().meta({
      description: "The identity provider's session id (OIDC sid)",
    }),
    authTime: z.number().int().positive().optional().meta({
      description:
        'Epoch seconds of the last interactive login at the identity provider',
    }),
    userAgent: z.string().max(512).optional(),
    ipAddress: z.string().max(64).optional(),
  }),
  { anyText: true },
).meta({ id: 'SignInRequest' });

export const signInResult = z
  .object({
    userRef: z.string(),
    ownershipRefs: z.array(z.string()),
    sessionId: z.string(),
    created: z
      .boolean()
      .meta({ description: 'Whether this sign-in registered the user' }),
  })
  .meta({ id: 'SignInResult' });

export const revocationState = z
  .object({
    revokedSessions: z.array(z.string()).meta({
      description: 'Ids of sessions revoked within the token lifetime',
    }),
    revokedBefore: z.record(z.string(), z.number().int()).meta({
      description:
        'User ref → instant (epoch ms) before which its tokens are refused',
    }),
    inactiveUsers: z.array(z.string()).meta({
      description: 'Users whose every token is refused (disabled or pending)',
    }),
  })
  .meta({ id: 'RevocationState' });

export const activityBody = textOnly(
  z.strictObject({
    items: z
      .array(
        z.strictObject({
          sessionId: z.string().min(1).max(64),
          at: z
            .number()
            .int()
            .positive()
            .meta({ description: 'Epoch ms the session was last seen' }),
          userAgent: z.string().max(512).optional(),
          ipAddress: z.string().max(64).optional(),
        }),
      )
      .max(10000),
  }),
  { anyText: true },
).meta({ id: 'ActivityReport' });

export const signOutBody = textOnly(
  z.strictObject({
    provider: z.string().min(1).max(64),
    sessionKey: z.string().min(16).max(255).meta({
      description: 'The login id kept in the refresh cookie',
    }),
  }),
).meta({ id: 'SignOutRequest' });

export const policyVersion = z.strictObject({ version: z.string() });

export const policySnapshot = z
  .object({
    version: z.string(),
    roles: z.array(role),
    inactiveUsers: z.array(z.string()).meta({
      description: 'Users who may not sign in or act (disabled or pending)',
    }),
  })
  .meta({
    id: 'PolicySnapshot',
    description: 'Everything the policy needs, read by the permission module.',
  });

// -- path parameters -----------------------------------------------------------

export const userIdParams = z.object({
  id: z.string().meta({ description: "The user's id (not the entity ref)" }),
});

export const sessionIdParams = z.object({
  id: z.string().meta({ description: "The session's id" }),
});

export const roleNameParams = z.object({
  name: z.string().meta({ description: "The role's name" }),
});
