import { defineApi } from '@ai-ops-console/console-common';
import {
  activityBody,
  auditList,
  auditQuery,
  consoleSession,
  consoleUser,
  consoleUserList,
  createRoleBody,
  health,
  importResult,
  inviteBody,
  listUsersQuery,
  me,
  mySessionsQuery,
  permissionList,
  policySnapshot,
  policyTestAnswer,
  policyTestBody,
  policyVersion,
  reasonBody,
  revocationState,
  revokedCount,
  role,
  roleList,
  roleNameParams,
  rolesDocument,
  rolesExport,
  sessionIdParams,
  sessionList,
  sessionsQuery,
  setRoleMembersBody,
  signInBody,
  signInResult,
  signOutBody,
  updateRoleBody,
  updateUserBody,
  userIdParams,
} from './api/schemas';

// The user-admin API, one declaration per route: the router validates each
// request with these schemas and the OpenAPI document (openapi.yaml, served
// at GET /openapi.json) is generated from them by scripts/openapi.cjs.

const USER_ONLY = 'User tokens only (403 for service tokens)';

export const apiSpec = defineApi({
  pluginId: 'user-admin',
  description: [
    'Users, registration, sessions, roles and audit of the AI Ops Console.',
    'Every route needs a user or service token; the permission policy decides',
    'what a user may do. Query parameters and JSON bodies are validated',
    'strictly: an unknown query parameter or body property is refused with 400,',
    'as is a value outside its bounds, text holding control characters (tab',
    'and line breaks excepted; on the internal routes only NUL is refused), and',
    'a request without a JSON body (Content-Type: application/json) where the',
    'body is required. Bodies are at most 2 MB (413 beyond). Ids and names',
    'holding control characters name nothing (404). A 503 to a user token',
    'means its session cannot be verified right now (the revocation state is',
    'stale), a 503 with Retry-After that the database is unreachable: try',
    'again shortly. The routes under /internal (tag internal) serve the other',
    'plugins of the console only: service tokens of the auth and permission',
    'backends and the session guard of every plugin.',
  ].join(' '),
  operations: {
    // -- meta -----------------------------------------------------------------
    getHealth: {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: "Whether the plugin's database answers",
      tags: ['meta'],
      responses: {
        200: { description: 'The database answers', body: health },
        503: {
          description:
            'The database is unreachable (a Health body says why), or the session of a user token cannot be verified right now (an Error body)',
          body: health,
        },
      },
    },

    // -- me -------------------------------------------------------------------
    getMe: {
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      summary: "The caller's user ref, console user and the registration mode",
      description: `${USER_ONLY}. \`user\` is absent when the user ref has no console user.`,
      tags: ['me'],
      responses: { 200: { description: 'OK', body: me } },
      errors: [403, 503],
    },
    listMySessions: {
      method: 'get',
      path: '/me/sessions',
      operationId: 'listMySessions',
      summary: "The caller's own sessions, newest first",
      description: `${USER_ONLY}; needs no permission.`,
      tags: ['me'],
      query: mySessionsQuery,
      responses: { 200: { description: 'OK', body: sessionList } },
      errors: [403, 503],
    },
    revokeAllMySessions: {
      method: 'post',
      path: '/me/sessions/revoke-all',
      operationId: 'revokeAllMySessions',
      summary:
        'Log out everywhere, revoking every session and token of the caller',
      description: `${USER_ONLY}; needs no permission.`,
      tags: ['me'],
      body: reasonBody,
      bodyRequired: false,
      responses: { 200: { description: 'Revoked', body: revokedCount } },
      errors: [403, 413, 503],
    },

    // -- users ----------------------------------------------------------------
    listUsers: {
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'Console users, filtered, sorted and paged',
      description: 'Needs user-admin.user.read.',
      tags: ['users'],
      query: listUsersQuery,
      responses: { 200: { description: 'OK', body: consoleUserList } },
      errors: [403, 503],
    },
    inviteUser: {
      method: 'post',
      path: '/users/invite',
      operationId: 'inviteUser',
      summary: 'Pre-register a user, who becomes active at first sign-in',
      description:
        'Needs user-admin.user.create, and user-admin.role.manage when `roles` is given; without `roles` the user gets the default roles. 404 when a role of `roles` does not exist; 409 when a user with that email exists, or no free user ref is left.',
      tags: ['users'],
      body: inviteBody,
      responses: { 201: { description: 'Invited', body: consoleUser } },
      errors: [403, 404, 409, 413, 503],
    },
    getUser: {
      method: 'get',
      path: '/users/:id',
      operationId: 'getUser',
      summary: 'One console user',
      description: 'Needs user-admin.user.read. 404 when no user has that id.',
      tags: ['users'],
      params: userIdParams,
      responses: { 200: { description: 'OK', body: consoleUser } },
      errors: [403, 404, 503],
    },
    updateUser: {
      method: 'patch',
      path: '/users/:id',
      operationId: 'updateUser',
      summary: "Change a user's display name, email or directly assigned roles",
      description:
        'Needs user-admin.user.update, and user-admin.role.manage when `roles` is given (`roles` replaces the directly assigned roles). 404 when no user has that id, or a role of `roles` does not exist; 409 when the email belongs to another user.',
      tags: ['users'],
      params: userIdParams,
      body: updateUserBody,
      responses: {
        200: { description: 'The user as changed', body: consoleUser },
      },
      errors: [403, 404, 409, 413, 503],
    },
    deleteUser: {
      method: 'delete',
      path: '/users/:id',
      operationId: 'deleteUser',
      summary: 'Delete a user, revoking their sessions and tokens',
      description:
        'Needs user-admin.user.delete. Role assignments go; audit records about the user stay. A later sign-in registers them as a new user. 404 when no user has that id; 409 when callers try to delete themselves.',
      tags: ['users'],
      params: userIdParams,
      responses: { 204: { description: 'Deleted' } },
      errors: [403, 404, 409, 503],
    },
    approveUser: {
      method: 'post',
      path: '/users/:id/approve',
      operationId: 'approveUser',
      summary: 'Approve a pending registration (pending → active)',
      description:
        'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is not pending.',
      tags: ['users'],
      params: userIdParams,
      body: reasonBody,
      bodyRequired: false,
      responses: {
        200: { description: 'The user as changed', body: consoleUser },
      },
      errors: [403, 404, 409, 413, 503],
    },
    disableUser: {
      method: 'post',
      path: '/users/:id/disable',
      operationId: 'disableUser',
      summary:
        'Disable a user (active, pending or invited → disabled) and revoke their sessions',
      description:
        'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is already disabled, or is the caller.',
      tags: ['users'],
      params: userIdParams,
      body: reasonBody,
      bodyRequired: false,
      responses: {
        200: { description: 'The user as changed', body: consoleUser },
      },
      errors: [403, 404, 409, 413, 503],
    },
    enableUser: {
      method: 'post',
      path: '/users/:id/enable',
      operationId: 'enableUser',
      summary: 'Enable a disabled user (disabled → active)',
      description:
        'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is not disabled.',
      tags: ['users'],
      params: userIdParams,
      body: reasonBody,
      bodyRequired: false,
      responses: {
        200: { description: 'The user as changed', body: consoleUser },
      },
      errors: [403, 404, 409, 413, 503],
    },
    revokeAllUserSessions: {
      method: 'post',
      path: '/users/:id/sessions/revoke-all',
      operationId: 'revokeAllUserSessions',
      summary:
        'Log a user out everywhere, revoking every session and token of the user',
      description:
        'Needs user-admin.user.read, and user-admin.session.revoke unless the user is the caller. 404 when no user has that id.',
      tags: ['users'],
      params: userIdParams,
      body: reasonBody,
      bodyRequired: false,
      responses: { 200: { description: 'Revoked', body: revokedCount } },
      errors: [403, 404, 413, 503],
    },

    // -- sessions -------------------------------------------------------------
    listSessions: {
      method: 'get',
      path: '/sessions',
      operationId: 'listSessions',
      summary: 'Sessions of all users or of one, newest first',
      description:
        "Needs user-admin.session.read unless `userRef` is the caller's own.",
      tags: ['sessions'],
      query: sessionsQuery,
      responses: { 200: { description: 'OK', body: sessionList } },
      errors: [403, 503],
    },
    revokeSession: {
      method: 'post',
      path: '/sessions/:id/revoke',
      operationId: 'revokeSession',
      summary: 'Revoke one session; its tokens are refused from then on',
      description:
        "Needs user-admin.session.revoke unless the session is the caller's own. 404 when no session has that id; 409 when the session was already revoked.",
      tags: ['sessions'],
      params: sessionIdParams,
      body: reasonBody,
      bodyRequired: false,
      responses: {
        200: { description: 'The session as revoked', body: consoleSession },
      },
      errors: [403, 404, 409, 413, 503],
    },

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
      summary:
        'Replace the roles with those of a roles document (JSON or YAML)',
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
      description:
        'Needs user-admin.role.read. 404 when no role has that name.',
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

    // -- internal: other plugins of this backend only -------------------------
    internalSignIn: {
      method: 'post',
      path: '/internal/sign-in',
      operationId: 'internalSignIn',
      summary:
        'Register or recognise a user at sign-in and open or refresh their session',
      description:
        "Internal: for the service token of the auth backend (plugin:auth) only, called by the console's sign-in resolver. Not for browsers or users. 403 when the caller is not plugin:auth, or the sign-in is refused (registration closed, user disabled or pending, session revoked); 409 when no user ref is free for a new user.",
      tags: ['internal'],
      body: signInBody,
      responses: {
        200: { description: 'The user may sign in', body: signInResult },
      },
      errors: [403, 409, 413, 503],
    },
    internalRevocations: {
      method: 'get',
      path: '/internal/revocations',
      operationId: 'internalRevocations',
      summary:
        'Revoked sessions, users logged out everywhere and inactive users',
      description:
        "Internal: for service tokens of the console's plugins only (the session guard of every plugin polls it). Not for browsers or users (403).",
      tags: ['internal'],
      responses: { 200: { description: 'OK', body: revocationState } },
      errors: [403, 503],
    },
    internalSignOut: {
      method: 'post',
      path: '/internal/sign-out',
      operationId: 'internalSignOut',
      summary: 'End the console session of a login when its browser signs out',
      description:
        'Internal: for the service token of the auth backend (plugin:auth) only, called when a browser signs out. Ends the session of that login at once, so that its Backstage token is refused before it expires. 204 also when the session is unknown or already ended. Not for browsers or users (403).',
      tags: ['internal'],
      body: signOutBody,
      responses: { 204: { description: 'Ended (or nothing to end)' } },
      errors: [403, 413, 503],
    },
    internalActivity: {
      method: 'post',
      path: '/internal/activity',
      operationId: 'internalActivity',
      summary: 'Record when sessions were last seen',
      description:
        "Internal: for service tokens of the console's plugins only (the session guard of every plugin pushes it). Not for browsers or users (403).",
      tags: ['internal'],
      body: activityBody,
      responses: { 204: { description: 'Recorded' } },
      errors: [403, 413, 503],
    },
    internalPolicyVersion: {
      method: 'get',
      path: '/internal/policy-version',
      operationId: 'internalPolicyVersion',
      summary: 'The current version of roles, memberships and user states',
      description:
        "Internal: for the service tokens of the permission backend (plugin:permission) and of user-admin itself only (403 for any other caller). The policy's cache compares it with its snapshot's version to see changes within a second.",
      tags: ['internal'],
      responses: { 200: { description: 'OK', body: policyVersion } },
      errors: [403, 503],
    },
    internalPolicySnapshot: {
      method: 'get',
      path: '/internal/policy-snapshot',
      operationId: 'internalPolicySnapshot',
      summary:
        'Roles and inactive users, everything the permission policy needs',
      description:
        'Internal: for the service tokens of the permission backend (plugin:permission) and of user-admin itself only. Not for browsers or users (403).',
      tags: ['internal'],
      responses: { 200: { description: 'OK', body: policySnapshot } },
      errors: [403, 503],
    },
  },
});
