import type { ApiOperation } from '@ai-ops-console/console-common';
import { auditList, auditQuery } from './audit';
import {
  createRoleBody,
  importResult,
  permissionList,
  policyTestAnswer,
  policyTestBody,
  role,
  roleList,
  roleNameParams,
  rolesDocument,
  rolesExport,
  setRoleMembersBody,
  updateRoleBody,
} from './roles';

// The operations on roles, permissions, the policy tester and the audit log.

export const roleOperations = {
  // -- roles ----------------------------------------------------------------
  listRoles: {
    method: 'get',
    path: '/roles',
    operationId: 'listRoles',
    summary: 'Every role, built-in and custom',
    description: 'Needs user-admin.role.read.',
    tags: ['roles'],
    responses: { 200: { description: 'OK', body: roleList } },
    errors: [403, 503],
  },
  createRole: {
    method: 'post',
    path: '/roles',
    operationId: 'createRole',
    summary: 'Create a role',
    description:
      'Needs user-admin.role.manage. 409 when a role with that name exists.',
    tags: ['roles'],
    body: createRoleBody,
    responses: { 201: { description: 'Created', body: role } },
    errors: [403, 409, 413, 503],
  },
  exportRoles: {
    method: 'get',
    path: '/roles/export',
    operationId: 'exportRoles',
    summary: 'Every role as a YAML roles document',
    description:
      'Needs user-admin.role.read. Built-in roles are included without their builtIn flag.',
    tags: ['roles'],
    responses: {
      200: {
        description: 'The roles document',
        contentType: 'text/yaml',
        body: rolesExport,
      },
    },
    errors: [403, 503],
  },
  importRoles: {
    method: 'post',
    path: '/roles/import',
    operationId: 'importRoles',
    summary: 'Replace the roles with those of a roles document (JSON or YAML)',
    description:
      'Needs user-admin.role.manage. The document is sent as JSON or as YAML (Content-Type text/yaml, application/yaml or application/x-yaml). Custom roles missing from the document are deleted; built-in roles are kept (and updated when in the document); the members of every role in the document are replaced. Properties other than apiVersion, kind and roles are ignored at the top level. 400 for YAML that does not parse, an invalid document, or a role name that appears twice.',
    tags: ['roles'],
    body: rolesDocument,
    // YAML is read too: the handler reads the body and validates it
    bodyReadBy: 'handler',
    responses: { 200: { description: 'Imported', body: importResult } },
    errors: [403, 413, 503],
  },
  getRole: {
    method: 'get',
    path: '/roles/:name',
    operationId: 'getRole',
    summary: 'One role',
    description: 'Needs user-admin.role.read. 404 when no role has that name.',
    tags: ['roles'],
    params: roleNameParams,
    responses: { 200: { description: 'OK', body: role } },
    errors: [403, 404, 503],
  },
  updateRole: {
    method: 'put',
    path: '/roles/:name',
    operationId: 'updateRole',
    summary: "Change a role's title, description or grants",
    description:
      'Needs user-admin.role.manage. Absent fields are kept. 404 when no role has that name.',
    tags: ['roles'],
    params: roleNameParams,
    body: updateRoleBody,
    responses: { 200: { description: 'The role as changed', body: role } },
    errors: [403, 404, 413, 503],
  },
  deleteRole: {
    method: 'delete',
    path: '/roles/:name',
    operationId: 'deleteRole',
    summary: 'Delete a custom role and its assignments',
    description:
      'Needs user-admin.role.manage. 404 when no role has that name; 409 for a built-in role, which cannot be deleted.',
    tags: ['roles'],
    params: roleNameParams,
    responses: { 204: { description: 'Deleted' } },
    errors: [403, 404, 409, 503],
  },
  setRoleMembers: {
    method: 'put',
    path: '/roles/:name/members',
    operationId: 'setRoleMembers',
    summary: 'Replace the users and groups a role is assigned to',
    description:
      'Needs user-admin.role.manage. 404 when no role has that name.',
    tags: ['roles'],
    params: roleNameParams,
    body: setRoleMembersBody,
    responses: { 200: { description: 'The role as changed', body: role } },
    errors: [403, 404, 413, 503],
  },

  // -- permissions and the policy tester ------------------------------------
  listPermissions: {
    method: 'get',
    path: '/permissions',
    operationId: 'listPermissions',
    summary: 'Every permission the configured plugins register, by name',
    description: 'Needs user-admin.role.read.',
    tags: ['permissions'],
    responses: { 200: { description: 'OK', body: permissionList } },
    errors: [403, 503],
  },
  testPolicy: {
    method: 'post',
    path: '/policy/test',
    operationId: 'testPolicy',
    summary:
      "The policy's decision for every permission, for a user or a draft role",
    description:
      'Needs user-admin.policy.test. With `draftRole`, only that role counts, as if held by the user.',
    tags: ['permissions'],
    body: policyTestBody,
    responses: { 200: { description: 'OK', body: policyTestAnswer } },
    errors: [403, 413, 503],
  },

  // -- audit ----------------------------------------------------------------
  listAudit: {
    method: 'get',
    path: '/audit',
    operationId: 'listAudit',
    summary: 'Audit records, newest first, a page at a time',
    description: 'Needs user-admin.audit.read.',
    tags: ['audit'],
    query: auditQuery,
    responses: { 200: { description: 'OK', body: auditList } },
    errors: [403, 503],
  },
} satisfies Record<string, ApiOperation>;
