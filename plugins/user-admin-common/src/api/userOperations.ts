import type { ApiOperation } from '@ai-ops-console/console-common';
import {
  consoleSession,
  consoleUser,
  consoleUserList,
  health,
  inviteBody,
  listUsersQuery,
  me,
  mySessionsQuery,
  reasonBody,
  revokedCount,
  sessionIdParams,
  sessionList,
  sessionsQuery,
  updateUserBody,
  userIdParams,
} from './users';

// The operations on health, the caller, users and sessions.

const USER_ONLY = 'User tokens only (403 for service tokens)';

/**
 * What approving, disabling and enabling a user have in common; new objects
 * each time, which the document writes out in full rather than as aliases.
 */
const statusChange = () =>
  ({
    method: 'post',
    tags: ['users'],
    params: userIdParams,
    body: reasonBody,
    bodyRequired: false,
    responses: {
      200: { description: 'The user as changed', body: consoleUser },
    },
    errors: [403, 404, 409, 413, 503],
  } satisfies Partial<ApiOperation>);

export const userOperations = {
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
    ...statusChange(),
    path: '/users/:id/approve',
    operationId: 'approveUser',
    summary: 'Approve a pending registration (pending → active)',
    description:
      'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is not pending.',
  },
  disableUser: {
    ...statusChange(),
    path: '/users/:id/disable',
    operationId: 'disableUser',
    summary:
      'Disable a user (active, pending or invited → disabled) and revoke their sessions',
    description:
      'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is already disabled, or is the caller.',
  },
  enableUser: {
    ...statusChange(),
    path: '/users/:id/enable',
    operationId: 'enableUser',
    summary: 'Enable a disabled user (disabled → active)',
    description:
      'Needs user-admin.user.update. 404 when no user has that id; 409 when the user is not disabled.',
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
} satisfies Record<string, ApiOperation>;
