import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  BUILT_IN_ROLES,
  Role,
  RoleGrant,
  roleManagePermission,
  roleReadPermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { stringify } from 'yaml';
import { RoleStore } from '../database/UserAdminStore';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { JsonObject } from '@backstage/types';
import { Caller } from './callers';
import { PolicyChangeNotifier } from './SignInService';

/**
 * Roles: the built-in ones, edits by admins (each audited with the role
 * before and after, and announced as a policy change), and the YAML
 * export and import.
 */
export class RoleService {
  constructor(
    private readonly deps: {
      store: RoleStore;
      gate: PermissionGate;
      audit: AuditTrail;
      notifyPolicyChange: PolicyChangeNotifier;
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

  async listRoles(caller: Caller) {
    await this.deps.gate.require(caller.credentials, roleReadPermission);
    return this.store.listRoles();
  }

  async getRole(caller: Caller, name: string) {
    await this.deps.gate.require(caller.credentials, roleReadPermission);
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
    await this.deps.gate.require(caller.credentials, roleManagePermission);
    return this.deps.audit.run(
      {
        eventId: action,
        credentials: caller.credentials,
        permission: roleManagePermission,
        resourceRef: target,
        request: caller.request,
        details: details as JsonObject | undefined,
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
    await this.deps.gate.require(caller.credentials, roleReadPermission);
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
}
