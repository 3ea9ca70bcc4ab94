import { z } from 'zod';
import { role } from './roles';
import { textOnly } from './text';
import { emailAddress } from './values';

// The internal routes, which serve the console's other plugins: sign-in and
// sign-out for the auth backend, revocations and activity for the session
// guard, the policy's version and snapshot for the permission backend.

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
