export { userAdminPlugin as default } from './plugin';
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
