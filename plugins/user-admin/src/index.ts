/**
 * The user-admin frontend plugin for the legacy frontend system; the new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export { userAdminPlugin, UserAdminPage } from './plugin';
export { UserAdminIcon } from './icon';
export { userAdminApiRef, UserAdminClient } from './api';
export type {
  AuditQuery,
  DraftRole,
  NewRole,
  PermissionInfo,
  PermissionList,
  PolicyTestAnswer,
  PolicyTestRequest,
  SessionList,
  SessionListQuery,
  UserAdminApi,
  UserAdminMe,
  UserListQuery,
  UserSortField,
} from './api';
