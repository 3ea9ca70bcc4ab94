import { z } from 'zod';
import { textOnly } from './text';
import {
  consoleUserStatus,
  dateTime,
  emailAddress,
  entityRef,
  queryInteger,
  reason,
  registrationMode,
  roleName,
} from './values';

// Health, users and sessions: what the routes take and answer.

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

// -- path parameters -----------------------------------------------------------

export const userIdParams = z.object({
  id: z.string().meta({ description: "The user's id (not the entity ref)" }),
});

export const sessionIdParams = z.object({
  id: z.string().meta({ description: "The session's id" }),
});
