import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AuditList,
  ConsoleSession,
  ConsoleUser,
  ConsoleUserList,
  ConsoleUserStatus,
  PolicyTestResult,
  Role,
  RoleGrant,
  UserAdminHealth,
} from '@ai-ops-console/backstage-plugin-user-admin-common';

/** Columns the user list sorts by. @public */
export type UserSortField =
  | 'name'
  | 'email'
  | 'status'
  | 'createdAt'
  | 'lastSignInAt';

/** Filter, sort and page of `GET /users`. @public */
export type UserListQuery = {
  search?: string;
  role?: string;
  status?: ConsoleUserStatus;
  sort?: UserSortField;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

/** Filter and page of `GET /sessions` and `GET /me/sessions`. @public */
export type SessionListQuery = {
  /** Only for `listSessions`; `listMySessions` always means the caller. */
  userRef?: string;
  activeOnly?: boolean;
  limit?: number;
  offset?: number;
};

/** @public */
export type SessionList = { items: ConsoleSession[]; total: number };

/** Filter and page of `GET /audit`; `from` and `to` are ISO 8601 instants. @public */
export type AuditQuery = {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
};

/** Who the caller is, as the backend sees them. @public */
export type UserAdminMe = {
  userRef: string;
  /** Missing when the caller has no console user (yet). */
  user?: ConsoleUser;
  registration: 'open' | 'approval' | 'closed';
};

/** A permission as plugins register it (what `GET /permissions` lists). @public */
export type PermissionInfo = {
  type: 'basic' | 'resource';
  name: string;
  attributes: { action?: 'create' | 'read' | 'update' | 'delete' };
  resourceType?: string;
};

/** @public */
export type PermissionList = {
  items: PermissionInfo[];
  /** Plugins whose permissions could not be read. */
  unreachable: string[];
};

/** A role as created or imported: everything but the built-in flag. @public */
export type NewRole = Omit<Role, 'builtIn'>;

/** A role that is tried out without being stored. @public */
export type DraftRole = Pick<Role, 'name' | 'title' | 'description' | 'grants'>;

/** @public */
export type PolicyTestRequest = {
  userRef: string;
  /** The refs the user owns through (user and groups); defaults to the user ref. */
  ownershipRefs?: string[];
  /** When given, only this role counts, as if the user held it alone. */
  draftRole?: DraftRole;
};

/** @public */
export type PolicyTestAnswer = {
  results: PolicyTestResult[];
  unreachable: string[];
};

/** What the user-admin frontend asks of its backend. @public */
export interface UserAdminApi {
  /** Whether the backend reaches its database; resolves for 200 and 503 alike. */
  getHealth(): Promise<UserAdminHealth>;

  /** The caller's user ref, console user and the registration mode. */
  getMe(): Promise<UserAdminMe>;
  listMySessions(
    query?: Omit<SessionListQuery, 'userRef'>,
  ): Promise<SessionList>;
  /** "Log out everywhere" for the caller. */
  revokeMySessions(options?: { reason?: string }): Promise<{ revoked: number }>;

  listUsers(query?: UserListQuery): Promise<ConsoleUserList>;
  inviteUser(options: {
    email: string;
    displayName?: string;
    username?: string;
    roles?: string[];
  }): Promise<ConsoleUser>;
  getUser(options: { id: string }): Promise<ConsoleUser>;
  updateUser(options: {
    id: string;
    patch: { displayName?: string; email?: string; roles?: string[] };
  }): Promise<ConsoleUser>;
  setUserStatus(options: {
    id: string;
    action: 'approve' | 'disable' | 'enable';
    reason?: string;
  }): Promise<ConsoleUser>;
  deleteUser(options: { id: string }): Promise<void>;
  revokeUserSessions(options: {
    id: string;
    reason?: string;
  }): Promise<{ revoked: number }>;

  listSessions(query?: SessionListQuery): Promise<SessionList>;
  revokeSession(options: {
    id: string;
    reason?: string;
  }): Promise<ConsoleSession>;

  listRoles(): Promise<Role[]>;
  getRole(options: { name: string }): Promise<Role>;
  createRole(role: NewRole): Promise<Role>;
  updateRole(options: {
    name: string;
    patch: { title?: string; description?: string; grants?: RoleGrant[] };
  }): Promise<Role>;
  deleteRole(options: { name: string }): Promise<void>;
  setRoleMembers(options: { name: string; members: string[] }): Promise<Role>;
  /** Every role as a YAML document. */
  exportRoles(): Promise<string>;
  /** Replaces the custom roles with those of a YAML document. */
  importRoles(options: { yaml: string }): Promise<{ imported: number }>;

  listPermissions(): Promise<PermissionList>;
  testPolicy(request: PolicyTestRequest): Promise<PolicyTestAnswer>;

  listAudit(query?: AuditQuery): Promise<AuditList>;
}

/** @public */
export const userAdminApiRef = createApiRef<UserAdminApi>().with({
  id: 'plugin.user-admin.api',
  pluginId: 'user-admin',
});
