import {
  AuditList,
  AuditRecord,
  ConsoleSession,
  ConsoleUser,
  ConsoleUserList,
  ConsoleUserStatus,
  Role,
  RoleGrant,
} from '@ai-ops-console/backstage-plugin-user-admin-common';

export type UserSort =
  | 'name'
  | 'email'
  | 'status'
  | 'createdAt'
  | 'lastSignInAt';

export type ListUsersOptions = {
  search?: string;
  role?: string;
  status?: ConsoleUserStatus;
  sort: UserSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

export type NewUser = {
  userRef: string;
  email?: string;
  /** Whether the identity provider said the address is the user's. */
  emailVerified?: boolean;
  displayName: string;
  status: ConsoleUserStatus;
  provider?: string;
  subject?: string;
  roles: string[];
};

export type UserPatch = Partial<{
  displayName: string;
  email: string;
  emailVerified: boolean;
  status: ConsoleUserStatus;
  provider: string;
  subject: string;
  lastSignInAt: number;
}>;

export type NewSession = {
  userRef: string;
  provider: string;
  sessionKey: string;
  /** The identity provider's session id (OIDC `sid`), when it sends one. */
  idpSession?: string;
  authTime?: number;
  userAgent?: string;
  ipAddress?: string;
};

export type StoredSession = ConsoleSession & {
  sessionKey: string;
  authTime?: number;
};

export type RevocationState = {
  /** Ids of sessions revoked at or after `since`. */
  revokedSessions: string[];
  /** user ref → instant before which its tokens are refused. */
  revokedBefore: Record<string, number>;
  /** Users whose every token is refused (disabled or pending). */
  inactiveUsers: string[];
};

export type AuditQuery = {
  actor?: string;
  action?: string;
  target?: string;
  from?: number;
  to?: number;
  limit: number;
  /** id of the last record of the previous page */
  before?: string;
};

/**
 * Users (`ua_users`): their identities, invitations (users not yet bound to
 * an identity) and the roles each holds.
 */
export interface UserStore {
  listUsers(options: ListUsersOptions): Promise<ConsoleUserList>;
  getUser(options: { id: string }): Promise<ConsoleUser | undefined>;
  getUserByRef(options: { userRef: string }): Promise<ConsoleUser | undefined>;
  /** The user bound to this identity: (provider, subject) only, never e-mail. */
  findUserByIdentity(options: {
    provider: string;
    subject: string;
  }): Promise<ConsoleUser | undefined>;
  /** The oldest invitation for this e-mail that no identity has claimed yet. */
  findInvitation(options: { email: string }): Promise<ConsoleUser | undefined>;
  findUsersByEmail(options: { email: string }): Promise<ConsoleUser[]>;
  /** Whether any active user holds the admin role directly. */
  hasActiveAdmin(): Promise<boolean>;
  createUser(user: NewUser): Promise<ConsoleUser>;
  updateUser(options: { id: string; patch: UserPatch }): Promise<ConsoleUser>;
  setUserRoles(options: { userRef: string; roles: string[] }): Promise<void>;
  deleteUser(options: { id: string }): Promise<void>;
  countUsers(): Promise<number>;
}

/** Roles (`ua_roles`, `ua_role_members`) and the version of the policy. */
export interface RoleStore {
  listRoles(): Promise<Role[]>;
  getRole(options: { name: string }): Promise<Role | undefined>;
  createRole(
    role: Omit<Role, 'builtIn'> & { builtIn?: boolean },
  ): Promise<Role>;
  updateRole(options: {
    name: string;
    title?: string;
    description?: string;
    grants?: RoleGrant[];
  }): Promise<Role>;
  deleteRole(options: { name: string }): Promise<void>;
  setRoleMembers(options: { name: string; members: string[] }): Promise<Role>;
  /** Replaces all roles (import): roles not listed are removed, except built-ins. */
  replaceRoles(roles: Role[]): Promise<void>;
  /** Changes whenever roles, memberships or user states change. */
  policyVersion(): Promise<string>;
}

/** Console sessions (`ua_sessions`) and revocations (`ua_user_revocations`). */
export interface SessionStore {
  findSession(options: {
    provider: string;
    sessionKey: string;
  }): Promise<StoredSession | undefined>;
  getSession(options: { id: string }): Promise<StoredSession | undefined>;
  createSession(session: NewSession): Promise<StoredSession>;
  touchSession(options: {
    id: string;
    at: number;
    userAgent?: string;
    ipAddress?: string;
  }): Promise<void>;
  listSessions(options: {
    userRef?: string;
    activeOnly?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ items: ConsoleSession[]; total: number }>;
  revokeSession(options: {
    id: string;
    by: string;
    reason?: string;
  }): Promise<StoredSession>;
  /** Revokes every open session of a user and every token issued so far. */
  revokeUser(options: {
    userRef: string;
    by: string;
    reason?: string;
  }): Promise<number>;
  revocationState(options: { since: number }): Promise<RevocationState>;
}

/** The queryable audit log (`ua_audit`) of the whole console. */
export interface AuditStore {
  appendAudit(
    record: Omit<AuditRecord, 'id' | 'at'> & { at?: number },
  ): Promise<void>;
  listAudit(query: AuditQuery): Promise<AuditList>;
}

/**
 * Storage of users, roles, sessions and the audit log: one part per family
 * of tables, so that each service names the part it reads and writes.
 */
export interface UserAdminStore {
  users: UserStore;
  roles: RoleStore;
  sessions: SessionStore;
  audit: AuditStore;
}
