import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ConsoleUser,
  ConsoleUserStatus,
  roleManagePermission,
  userCreatePermission,
  userDeletePermission,
  userReadPermission,
  userUpdatePermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { ListUsersOptions, UserAdminStore } from '../database/UserAdminStore';
import {
  actorOf,
  AuditTrail,
  PermissionGate,
} from '@ai-ops-console/console-node';
import { Caller, userRefOf } from './callers';
import { PolicyChangeNotifier } from './SignInService';
import { UserAdminSettings } from './settings';
import { entityName, freeUserRef, sameRef } from './userRefs';

/**
 * Users as admins manage them: invitations, profile and role changes, and
 * the approve / disable / enable / delete life cycle. Disabling or deleting
 * a user also revokes their sessions.
 */
export class UserService {
  constructor(
    private readonly deps: {
      store: Pick<UserAdminStore, 'users' | 'sessions'>;
      gate: PermissionGate;
      audit: AuditTrail;
      settings: UserAdminSettings;
      notifyPolicyChange: PolicyChangeNotifier;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  async listUsers(caller: Caller, options: ListUsersOptions) {
    await this.deps.gate.require(caller.credentials, userReadPermission);
    return this.store.users.listUsers(options);
  }

  async getUser(caller: Caller, id: string) {
    await this.deps.gate.require(caller.credentials, userReadPermission);
    return this.requireUser(id);
  }

  async me(caller: Caller) {
    const userRef = userRefOf(caller.credentials);
    if (!userRef) throw new NotAllowedError('only users have a profile');
    const user = await this.store.users.getUserByRef({ userRef });
    return {
      userRef,
      user,
      registration: this.deps.settings.registration,
    };
  }

  private async requireUser(id: string): Promise<ConsoleUser> {
    const user = await this.store.users.getUser({ id });
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
    // inviting with roles is a role change too: both asked in one call
    await this.deps.gate.require(
      caller.credentials,
      userCreatePermission,
      ...(input.roles?.length ? [roleManagePermission] : []),
    );
    const holders = await this.store.users.findUsersByEmail({
      email: input.email,
    });
    const holder = holders.find(u => u.status === 'invited' || u.emailVerified);
    if (holder) {
      throw new ConflictError(
        holder.status === 'invited'
          ? `${input.email} is already invited (${holder.userRef})`
          : `${input.email} already belongs to ${holder.userRef}`,
      );
    }
    const userRef = await freeUserRef(
      this.store.users,
      entityName(input.username ?? input.email.split('@')[0]) || 'user',
    );
    return this.deps.audit.run(
      {
        eventId: 'user-invite',
        credentials: caller.credentials,
        permission: userCreatePermission,
        resourceRef: userRef,
        request: caller.request,
        details: { email: input.email },
      },
      async () => {
        const user = await this.store.users.createUser({
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
    await this.deps.gate.require(caller.credentials, userUpdatePermission);
    const user = await this.requireUser(id);
    // an invitation's e-mail decides who claims its roles at first sign-in:
    // redirecting it is a role change
    if (patch.roles || (patch.email && user.status === 'invited')) {
      await this.deps.gate.require(caller.credentials, roleManagePermission);
    }
    return this.deps.audit.run(
      {
        eventId: patch.roles ? 'user-roles-change' : 'user-update',
        credentials: caller.credentials,
        permission: patch.roles ? roleManagePermission : userUpdatePermission,
        resourceRef: user.userRef,
        request: caller.request,
        details: {
          ...(patch.roles ? { from: user.roles, to: patch.roles } : {}),
          ...(patch.displayName ? { displayName: patch.displayName } : {}),
          ...(patch.email ? { email: patch.email } : {}),
        },
      },
      async () => {
        if (patch.displayName !== undefined || patch.email !== undefined) {
          await this.store.users.updateUser({
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
          await this.store.users.setUserRoles({
            userRef: user.userRef,
            roles: patch.roles,
          });
          await this.deps.notifyPolicyChange();
        }
        return (await this.store.users.getUser({ id }))!;
      },
    );
  }

  async setStatus(
    caller: Caller,
    id: string,
    action: 'approve' | 'disable' | 'enable',
    reason?: string,
  ) {
    await this.deps.gate.require(caller.credentials, userUpdatePermission);
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
    if (action === 'disable' && sameRef(user.userRef, actor)) {
      throw new ConflictError('you cannot disable yourself');
    }
    return this.deps.audit.run(
      {
        eventId: `user-${action}`,
        credentials: caller.credentials,
        permission: userUpdatePermission,
        resourceRef: user.userRef,
        request: caller.request,
        severityLevel: action === 'disable' ? 'high' : 'medium',
        details: reason ? { reason } : undefined,
      },
      async () => {
        const updated = await this.store.users.updateUser({
          id,
          patch: { status: to },
        });
        if (action === 'disable') {
          await this.store.sessions.revokeUser({
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
    await this.deps.gate.require(caller.credentials, userDeletePermission);
    const user = await this.requireUser(id);
    const actor = actorOf(caller.credentials);
    if (sameRef(user.userRef, actor)) {
      throw new ConflictError('you cannot delete yourself');
    }
    await this.deps.audit.run(
      {
        eventId: 'user-delete',
        credentials: caller.credentials,
        permission: userDeletePermission,
        resourceRef: user.userRef,
        request: caller.request,
        severityLevel: 'high',
      },
      async () => {
        await this.store.sessions.revokeUser({
          userRef: user.userRef,
          by: actor,
          reason: 'user deleted',
        });
        await this.store.users.deleteUser({ id });
        await this.deps.notifyPolicyChange();
      },
    );
  }
}
