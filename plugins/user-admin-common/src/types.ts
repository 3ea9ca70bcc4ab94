import type { z } from 'zod';
import type { auditList, auditRecord } from './api/audit';
import type { policySnapshot } from './api/internal';
import type {
  grantCondition,
  policyTestResult,
  role,
  roleGrant,
} from './api/roles';
import type {
  consoleSession,
  consoleUser,
  consoleUserList,
  health,
} from './api/users';
import { consoleUserStatus } from './api/values';

// The wire types, inferred from the schemas the server validates and answers
// with (src/api/), so that they cannot drift from them.

/**
 * The answer of `GET /api/user-admin/health`.
 * @public
 */
export type UserAdminHealth = z.output<typeof health>;

/**
 * - active: may sign in
 * - pending: registered under `approval`, waits for an admin
 * - invited: pre-registered by an admin, becomes active at first sign-in
 * - disabled: may not sign in; outstanding tokens are refused
 * @public
 */
export type ConsoleUserStatus = z.output<typeof consoleUserStatus>;

/** @public */
export const CONSOLE_USER_STATUSES: ConsoleUserStatus[] = [
  ...consoleUserStatus.options,
];

/** A console user. @public */
export type ConsoleUser = z.output<typeof consoleUser>;

/** @public */
export type ConsoleUserList = z.output<typeof consoleUserList>;

/** One sign-in of a user, from one browser, refreshed until it ends. @public */
export type ConsoleSession = z.output<typeof consoleSession>;

/**
 * A condition of a conditional grant, as the permission framework takes it.
 * In `params`, the strings `$user` and `$ownership` stand for the caller's
 * user ref and ownership refs (user and groups).
 * @public
 */
export type GrantCondition = z.output<typeof grantCondition>;

/**
 * A grant of a role: a permission name, a prefix glob such as `workflows.*`,
 * or `*`, optionally only with a given action; allowed, or allowed under a
 * condition.
 * @public
 */
export type RoleGrant = z.output<typeof roleGrant>;

/** @public */
export type Role = z.output<typeof role>;

/** Everything the policy needs, read by the permission module. @public */
export type PolicySnapshot = z.output<typeof policySnapshot>;

/** One audit record. @public */
export type AuditRecord = z.output<typeof auditRecord>;

/** @public */
export type AuditList = z.output<typeof auditList>;

/** The policy tester's answer for one permission. @public */
export type PolicyTestResult = z.output<typeof policyTestResult>;

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
