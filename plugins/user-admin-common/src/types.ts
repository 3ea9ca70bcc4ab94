/**
 * The answer of `GET /api/user-admin/health`.
 * @public
 */
export type UserAdminHealth = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};

/**
 * - active: may sign in
 * - pending: registered under `approval`, waits for an admin
 * - invited: pre-registered by an admin, becomes active at first sign-in
 * - disabled: may not sign in; outstanding tokens are refused
 * @public
 */
export type ConsoleUserStatus = 'active' | 'pending' | 'invited' | 'disabled';

/** @public */
export const CONSOLE_USER_STATUSES: ConsoleUserStatus[] = [
  'active',
  'pending',
  'invited',
  'disabled',
];

/** A console user. @public */
export type ConsoleUser = {
  id: string;
  /** e.g. user:default/ada */
  userRef: string;
  email?: string;
  /** Whether the identity provider said the address is the user's. */
  emailVerified: boolean;
  displayName: string;
  status: ConsoleUserStatus;
  /** Roles assigned to the user directly (group roles come on top). */
  roles: string[];
  provider?: string;
  createdAt: string;
  updatedAt: string;
  lastSignInAt?: string;
};

/** @public */
export type ConsoleUserList = { items: ConsoleUser[]; total: number };

/** One sign-in of a user, from one browser, refreshed until it ends. @public */
export type ConsoleSession = {
  id: string;
  userRef: string;
  provider: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent?: string;
  ipAddress?: string;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
};

/**
 * Which permissions a grant covers: a permission name, a prefix glob such as
 * `workflows.*`, or `*`; optionally only those with a given action.
 * @public
 */
export type GrantMatch = {
  permission: string;
  action?: 'create' | 'read' | 'update' | 'delete';
};

/**
 * A condition of a conditional grant, as the permission framework takes it.
 * In `params`, the strings `$user` and `$ownership` stand for the caller's
 * user ref and ownership refs (user and groups).
 * @public
 */
export type GrantCondition = {
  rule: string;
  resourceType: string;
  pluginId: string;
  params: Record<string, unknown>;
};

/** @public */
export type RoleGrant = GrantMatch &
  ({ effect: 'allow' } | { effect: 'conditional'; condition: GrantCondition });

/** @public */
export type Role = {
  name: string;
  title: string;
  description: string;
  builtIn: boolean;
  grants: RoleGrant[];
  /** User and group entity refs the role is assigned to. */
  members: string[];
};

/** Everything the policy needs, read by the permission module. @public */
export type PolicySnapshot = {
  version: string;
  roles: Role[];
  /** Users who may not sign in or act (disabled or pending). */
  inactiveUsers: string[];
};

/** One audit record. @public */
export type AuditRecord = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target?: string;
  outcome: 'success' | 'failure';
  details?: Record<string, unknown>;
};

/** @public */
export type AuditList = { items: AuditRecord[]; nextCursor?: string };

/** The policy tester's answer for one permission. @public */
export type PolicyTestResult = {
  permission: string;
  resourceType?: string;
  action?: string;
  result: 'ALLOW' | 'DENY' | 'CONDITIONAL';
  /** Which role and grant decided, in words. */
  why: string[];
  conditions?: unknown;
};

/**
 * Events topic on which user-admin announces that roles, role members or
 * user states changed; the permission policy drops its cache on it.
 * @public
 */
export const USER_ADMIN_POLICY_CHANGED_TOPIC = 'user-admin.policy-changed';

/**
 * Events topic: sessions were revoked. Every process's session guard reads
 * the revocation state at once instead of at its next poll.
 * @public
 */
export const USER_ADMIN_SESSIONS_REVOKED_TOPIC = 'user-admin.sessions-revoked';
