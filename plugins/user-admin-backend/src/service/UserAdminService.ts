import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  BUILT_IN_ROLES,
  ConsoleUser,
  ConsoleUserStatus,
  PolicySnapshot,
  Role,
  RoleGrant,
  roleManagePermission,
  roleReadPermission,
  sessionReadPermission,
  sessionRevokePermission,
  userCreatePermission,
  userDeletePermission,
  userReadPermission,
  userUpdatePermission,
  auditReadPermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Request } from 'express';
import { stringify } from 'yaml';
import {
  AuditQuery,
  ListUsersOptions,
  UserAdminStore,
} from '../database/UserAdminStore';
import { AuditLog } from './AuditLog';
import { actorOf, Guard, userRefOf } from './Guard';
import { PolicyChangeNotifier } from './SignInService';
import { UserAdminSettings } from './settings';
import { entityName, freeUserRef } from './userRefs';

type Caller = { credentials: BackstageCredentials; request?: Request };

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Users, roles, sessions and audit queries. */
export class UserAdminService {
  constructor(
    private readonly deps: {
      store: UserAdminStore;
      guard: Guard;
      audit: AuditLog;
      settings: UserAdminSettings;
      logger: LoggerService;
      notifyPolicyChange: PolicyChangeNotifier;
      /** Tells every process's session guard that sessions were revoked. */
      notifyRevocation?: () => Promise<void>;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  /** Creates the built-in roles that are missing; never overwrites edits. */
  async ensureBuiltInRoles() {
    for (const role of BUILT_IN_ROLES) {
      if (!(await this.store.getRole({ name: role.name }))) {
        await this.store.createRole({ ...role, members: [] }).catch(error => {
          if (!(error instanceof ConflictError)) throw error; // another replica won
        });
      }
    }
  }

  // -- users -----------------------------------------------------------------

  async listUsers(caller: Caller, options: ListUsersOptions) {
    await this.deps.guard.require(caller.credentials, userReadPermission);
    return this.store.listUsers(options);
  }

  async getUser(caller: Caller, id: string) {
    await this.deps.guard.require(caller.credentials, userReadPermission);
    return this.requireUser(id);
  }

  async me(caller: Caller) {
    const userRef = userRefOf(caller.credentials);
    if (!userRef) throw new NotAllowedError('only users have a profile');
    const user = await this.store.getUserByRef({ userRef });
    return {
      userRef,
      user,
      registration: this.deps.settings.registration,
    };
  }

  private async requireUser(id: string): Promise<ConsoleUser> {
    const user = await this.store.getUser({ id });
    if (!user) throw new NotFoundError(`no user with id ${id}`);
    return user;
  }

  async invite(
    caller: Caller,
    input: {
      email: string;
      displayName?: string;
      username?: string;
      roles?: string[];
    },
  ) {
    await this.deps.guard.require(caller.credentials, userCreatePermission);
    if (input.roles?.length) {
      await this.deps.guard.require(caller.credentials, roleManagePermission);
    }
    const holders = await this.store.findUsersByEmail({ email: input.email });
    const holder = holders.find(u => u.status === 'invited' || u.emailVerified);
    if (holder) {
      throw new ConflictError(
        holder.status === 'invited'
          ? `${input.email} is already invited (${holder.userRef})`
          : `${input.email} already belongs to ${holder.userRef}`,
      );
    }
    const userRef = await freeUserRef(
      this.store,
      entityName(input.username ?? input.email.split('@')[0]) || 'user',
    );
    return this.deps.audit.run(
      {
        actor: actorOf(caller.credentials),
        action: 'user-invite',
        target: userRef,
        request: caller.request,
        details: { email: input.email },
      },
      async () => {
        const user = await this.store.createUser({
          userRef,
          email: input.email,
          displayName: input.displayName ?? input.email,
          status: 'invited',
          roles: input.roles ?? this.deps.settings.defaultRoles,
        });
        await this.deps.notifyPolicyChange();
        return user;
      },
    );
  }

  async updateUser(
    caller: Caller,
    id: string,
    patch: { displayName?: string; email?: string; roles?: string[] },
  ) {
    await this.deps.guard.require(caller.credentials, userUpdatePermission);
    const user = await this.requireUser(id);
    // an invitation's e-mail decides who claims its roles at first sign-in:
    // redirecting it is a role change
    if (patch.roles || (patch.email && user.status === 'invited')) {
      await this.deps.guard.require(caller.credentials, roleManagePermission);
    }
    return this.deps.audit.run(
      {
        actor: actorOf(caller.credentials),
        action: patch.roles ? 'user-roles-change' : 'user-update',
        target: user.userRef,
        request: caller.request,
        details: {
          ...(patch.roles ? { from: user.roles, to: patch.roles } : {}),
          ...(patch.displayName ? { displayName: patch.displayName } : {}),
          ...(patch.email ? { email: patch.email } : {}),
        },
      },
      async () => {
        if (patch.displayName !== undefined || patch.email !== undefined) {
          await this.store.updateUser({
            id,
            patch: {
              displayName: patch.displayName,
              email: patch.email,
              // an address typed by an admin is not one the IdP verified
              ...(patch.email !== undefined ? { emailVerified: false } : {}),
            },
          });
        }
        if (patch.roles) {
          await this.store.setUserRoles({
            userRef: user.userRef,
            roles: patch.roles,
          });
          await this.deps.notifyPolicyChange();
        }
        return (await this.store.getUser({ id }))!;
      },
    );
  }

  async setStatus(
    caller: Caller,
    id: string,
    action: 'approve' | 'disable' | 'enable',
    reason?: string,
  ) {
    await this.deps.guard.require(caller.credentials, userUpdatePermission);
    const user = await this.requireUser(id);
    const actor = actorOf(caller.credentials);
    const transitions: Record<
      typeof action,
      { from: ConsoleUserStatus[]; to: ConsoleUserStatus }
    > = {
      approve: { from: ['pending'], to: 'active' },
      disable: { from: ['active', 'pending', 'invited'], to: 'disabled' },
      enable: { from: ['disabled'], to: 'active' },
    };
    const { from, to } = transitions[action];
    if (!from.includes(user.status)) {
      throw new ConflictError(
        `cannot ${action} ${user.userRef}: the user is ${user.status}`,
      );
    }
    if (action === 'disable' && lower(user.userRef) === lower(actor)) {
      throw new ConflictError('you cannot disable yourself');
    }
    return this.deps.audit.run(
      {
        actor,
        action: `user-${action}`,
        target: user.userRef,
        request: caller.request,
        severityLevel: action === 'disable' ? 'high' : 'medium',
        details: reason ? { reason } : undefined,
      },
      async () => {
        const updated = await this.store.updateUser({
          id,
          patch: { status: to },
        });
        if (action === 'disable') {
          await this.store.revokeUser({
            userRef: user.userRef,
            by: actor,
            reason: reason ?? 'user disabled',
          });
        }
        await this.deps.notifyPolicyChange();
        return updated;
      },
    );
  }

  /**
   * Deletes a user: their sessions are revoked and every outstanding token
   * refused; their role assignments go; audit records about them stay. If
   * they sign in again, registration treats them as a new user.
   */
  async deleteUser(caller: Caller, id: string) {
    await this.deps.guard.require(caller.credentials, userDeletePermission);
    const user = await this.requireUser(id);
    const actor = actorOf(caller.credentials);
    if (lower(user.userRef) === lower(actor)) {
      throw new ConflictError('you cannot delete yourself');
    }
    await this.deps.audit.run(
      {
        actor,
        action: 'user-delete',
        target: user.userRef,
        request: caller.request,
        severityLevel: 'high',
      },
      async () => {
        await this.store.revokeUser({
          userRef: user.userRef,
          by: actor,
          reason: 'user deleted',
        });
        await this.store.deleteUser({ id });
        await this.deps.notifyPolicyChange();
      },
    );
  }

  // -- sessions --------------------------------------------------------------

  async listSessions(
    caller: Caller,
    options: {
      userRef?: string;
      activeOnly?: boolean;
      limit: number;
      offset: number;
    },
  ) {
    const own = userRefOf(caller.credentials);
    const onlyOwn =
      options.userRef !== undefined &&
      own !== undefined &&
      lower(options.userRef) === lower(own);
    if (!onlyOwn) {
      await this.deps.guard.require(caller.credentials, sessionReadPermission);
    }
    return this.store.listSessions(options);
  }

  async revokeSession(caller: Caller, id: string, reason?: string) {
    const session = await this.store.getSession({ id });
    if (!session) throw new NotFoundError(`no session with id ${id}`);
    const actor = actorOf(caller.credentials);
    if (lower(session.userRef) !== lower(actor)) {
      await this.deps.guard.require(
        caller.credentials,
        sessionRevokePermission,
      );
    }
    return this.deps.audit.run(
      {
        actor,
        action: 'session-revoke',
        target: session.userRef,
        request: caller.request,
        details: { session: id, ...(reason ? { reason } : {}) },
      },
      async () => {
        const {
          sessionKey: _k,
          authTime: _a,
          ...revoked
        } = await this.store.revokeSession({ id, by: actor, reason });
        await this.deps.notifyRevocation?.();
        return revoked;
      },
    );
  }

  /** "Log out everywhere": every session and every token of the user. */
  async revokeAll(caller: Caller, userRef: string, reason?: string) {
    const actor = actorOf(caller.credentials);
    if (lower(userRef) !== lower(actor)) {
      await this.deps.guard.require(
        caller.credentials,
        sessionRevokePermission,
      );
    }
    return this.deps.audit.run(
      {
        actor,
        action: 'session-revoke-all',
        target: lower(userRef),
        request: caller.request,
        details: reason ? { reason } : undefined,
      },
      async () => {
        const revoked = await this.store.revokeUser({
          userRef,
          by: actor,
          reason,
        });
        await this.deps.notifyRevocation?.();
        return { revoked };
      },
    );
  }

  async recordActivity(
    items: Array<{
      sessionId: string;
      at: number;
      userAgent?: string;
      ipAddress?: string;
    }>,
  ) {
    for (const item of items) {
      await this.store.touchSession({
        id: item.sessionId,
        at: Math.min(item.at, Date.now()),
        userAgent: item.userAgent,
        ipAddress: item.ipAddress,
      });
    }
  }

  revocationState() {
    return this.store.revocationState({
      since: Date.now() - this.deps.settings.tokenLifetimeMs - 60_000,
    });
  }

  // -- roles -----------------------------------------------------------------

  async listRoles(caller: Caller) {
    await this.deps.guard.require(caller.credentials, roleReadPermission);
    return this.store.listRoles();
  }

  async getRole(caller: Caller, name: string) {
    await this.deps.guard.require(caller.credentials, roleReadPermission);
    const role = await this.store.getRole({ name });
    if (!role) throw new NotFoundError(`no role named ${name}`);
    return role;
  }

  private async manageRoles<T>(
    caller: Caller,
    action: string,
    target: string,
    details: Record<string, unknown> | undefined,
    fn: () => Promise<T>,
  ) {
    await this.deps.guard.require(caller.credentials, roleManagePermission);
    return this.deps.audit.run(
      {
        actor: actorOf(caller.credentials),
        action,
        target,
        request: caller.request,
        details: details as any,
        severityLevel: 'high',
      },
      async () => {
        const result = await fn();
        await this.deps.notifyPolicyChange();
        return result;
      },
    );
  }

  createRole(caller: Caller, role: Omit<Role, 'builtIn'>) {
    return this.manageRoles(
      caller,
      'role-create',
      role.name,
      { grants: role.grants.length },
      () => this.store.createRole(role),
    );
  }

  /** What an audit record keeps of a role, before and after an edit. */
  private async roleState(name: string) {
    const role = await this.store.getRole({ name });
    if (!role) return null;
    const { title, description, grants, members } = role;
    return { title, description, grants, members };
  }

  async updateRole(
    caller: Caller,
    name: string,
    patch: { title?: string; description?: string; grants?: RoleGrant[] },
  ) {
    const before = await this.roleState(name);
    const after = { ...before, ...patch };
    return this.manageRoles(
      caller,
      'role-update',
      name,
      { before, after },
      () => this.store.updateRole({ name, ...patch }),
    );
  }

  async deleteRole(caller: Caller, name: string) {
    const before = await this.roleState(name);
    return this.manageRoles(
      caller,
      'role-delete',
      name,
      { before, after: null },
      () => this.store.deleteRole({ name }),
    );
  }

  async setRoleMembers(caller: Caller, name: string, members: string[]) {
    const before = await this.roleState(name);
    return this.manageRoles(
      caller,
      'role-members-change',
      name,
      { before: before?.members ?? null, after: members },
      () => this.store.setRoleMembers({ name, members }),
    );
  }

  async exportRoles(caller: Caller): Promise<string> {
    await this.deps.guard.require(caller.credentials, roleReadPermission);
    const roles = await this.store.listRoles();
    return stringify({
      apiVersion: 'ai-ops-console/v1',
      kind: 'Roles',
      roles: roles.map(({ builtIn: _b, ...role }) => role),
    });
  }

  async importRoles(caller: Caller, roles: Array<Omit<Role, 'builtIn'>>) {
    const names = roles.map(r => r.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new InputError(`role ${duplicate} appears twice`);
    return this.manageRoles(
      caller,
      'role-import',
      'roles',
      { roles: names },
      async () => {
        await this.store.replaceRoles(
          roles.map(r => ({ ...r, builtIn: false })),
        );
        await this.ensureBuiltInRoles();
        return { imported: roles.length };
      },
    );
  }

  async policySnapshot(): Promise<PolicySnapshot> {
    // the version first: a change racing with the reads makes the next
    // version check fetch again, never the reverse
    const version = await this.store.policyVersion();
    const [roles, revocations] = await Promise.all([
      this.store.listRoles(),
      this.store.revocationState({ since: Date.now() }),
    ]);
    return { version, roles, inactiveUsers: revocations.inactiveUsers };
  }

  /** Cheap: lets the policy's cache tell whether its snapshot is current. */
  policyVersion(): Promise<string> {
    return this.store.policyVersion();
  }

  // -- audit -----------------------------------------------------------------

  async listAudit(caller: Caller, query: AuditQuery) {
    await this.deps.guard.require(caller.credentials, auditReadPermission);
    return this.store.listAudit(query);
  }
}
