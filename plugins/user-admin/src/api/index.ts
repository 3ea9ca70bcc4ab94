export { userAdminApiRef } from './UserAdminApi';
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
} from './UserAdminApi';
export { UserAdminClient } from './UserAdminClient';
