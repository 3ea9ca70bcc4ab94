import { z } from 'zod';
import { textOnly } from './text';
import { entityRef, roleName } from './values';

// Roles, permissions and the policy tester: what the routes take and answer.

const grantAction = z
  .enum(['create', 'read', 'update', 'delete'])
  .meta({ id: 'GrantAction' });

const grantPermission = z.string().min(1).max(200).meta({
  description: 'A permission name, a prefix glob such as `workflows.*`, or `*`',
});

export const grantCondition = z
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

export const roleGrant = z
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

export const permission = z
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

export const policyTestResult = z
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

// -- path parameters -----------------------------------------------------------

export const roleNameParams = z.object({
  name: z.string().meta({ description: "The role's name" }),
});
