import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Role,
  RoleGrant,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Knex } from 'knex';
import { RoleStore } from './UserAdminStore';
import { isUniqueViolation, lower } from './rows';

type RoleRow = {
  name: string;
  title: string;
  description: string;
  built_in: boolean | number;
  grants: string;
  updated_at: string | number;
};

/**
 * Roles on knex: `ua_roles` (grants as JSON) with their members in
 * `ua_role_members`, and the version of the policy they make.
 */
export class KnexRoleStore implements RoleStore {
  constructor(private readonly db: Knex) {}

  private async toRoles(rows: RoleRow[]): Promise<Role[]> {
    const members = await this.db('ua_role_members')
      .whereIn(
        'role_name',
        rows.map(r => r.name),
      )
      .orderBy('member_ref')
      .select('role_name', 'member_ref');
    return rows.map(row => ({
      name: row.name,
      title: row.title,
      description: row.description,
      builtIn: Boolean(row.built_in),
      grants: JSON.parse(row.grants) as RoleGrant[],
      members: members
        .filter(m => m.role_name === row.name)
        .map(m => m.member_ref),
    }));
  }

  async listRoles() {
    const rows = await this.db<RoleRow>('ua_roles').orderBy('name').select('*');
    return this.toRoles(rows);
  }

  async getRole({ name }: { name: string }) {
    const row = await this.db<RoleRow>('ua_roles').where({ name }).first();
    return row ? (await this.toRoles([row]))[0] : undefined;
  }

  async createRole(role: Omit<Role, 'builtIn'> & { builtIn?: boolean }) {
    try {
      await this.db.transaction(async trx => {
        await trx('ua_roles').insert({
          name: role.name,
          title: role.title,
          description: role.description,
          built_in: role.builtIn ?? false,
          grants: JSON.stringify(role.grants),
          updated_at: Date.now(),
        });
        if (role.members.length > 0) {
          await trx('ua_role_members').insert(
            [...new Set(role.members.map(lower))].map(m => ({
              role_name: role.name,
              member_ref: m,
            })),
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`a role named ${role.name} already exists`);
      }
      throw error;
    }
    return (await this.getRole({ name: role.name }))!;
  }

  async updateRole(options: {
    name: string;
    title?: string;
    description?: string;
    grants?: RoleGrant[];
  }) {
    const update: Record<string, unknown> = { updated_at: Date.now() };
    if (options.title !== undefined) update.title = options.title;
    if (options.description !== undefined)
      update.description = options.description;
    if (options.grants !== undefined)
      update.grants = JSON.stringify(options.grants);
    const changed = await this.db('ua_roles')
      .where({ name: options.name })
      .update(update);
    if (changed === 0) throw new NotFoundError(`no role named ${options.name}`);
    return (await this.getRole({ name: options.name }))!;
  }

  async deleteRole({ name }: { name: string }) {
    await this.db.transaction(async trx => {
      const row = await trx<RoleRow>('ua_roles').where({ name }).first();
      if (!row) throw new NotFoundError(`no role named ${name}`);
      if (row.built_in) {
        throw new ConflictError(
          `${name} is a built-in role and cannot be deleted`,
        );
      }
      await trx('ua_role_members').where({ role_name: name }).delete();
      await trx('ua_roles').where({ name }).delete();
    });
  }

  async setRoleMembers({ name, members }: { name: string; members: string[] }) {
    await this.db.transaction(async trx => {
      const row = await trx('ua_roles').where({ name }).first();
      if (!row) throw new NotFoundError(`no role named ${name}`);
      await trx('ua_role_members').where({ role_name: name }).delete();
      const unique = [...new Set(members.map(lower))];
      if (unique.length > 0) {
        await trx('ua_role_members').insert(
          unique.map(m => ({ role_name: name, member_ref: m })),
        );
      }
      await trx('ua_roles').where({ name }).update({ updated_at: Date.now() });
    });
    return (await this.getRole({ name }))!;
  }

  async replaceRoles(roles: Role[]) {
    await this.db.transaction(async trx => {
      const existing: RoleRow[] = await trx('ua_roles').select('*');
      const keep = new Set(roles.map(r => r.name));
      const removed = existing
        .filter(r => !keep.has(r.name) && !r.built_in)
        .map(r => r.name);
      if (removed.length > 0) {
        await trx('ua_role_members').whereIn('role_name', removed).delete();
        await trx('ua_roles').whereIn('name', removed).delete();
      }
      const now = Date.now();
      for (const role of roles) {
        const row = {
          title: role.title,
          description: role.description,
          grants: JSON.stringify(role.grants),
          updated_at: now,
        };
        const known = existing.find(r => r.name === role.name);
        if (known) {
          await trx('ua_roles').where({ name: role.name }).update(row);
        } else {
          await trx('ua_roles').insert({
            ...row,
            name: role.name,
            built_in: false,
          });
        }
        await trx('ua_role_members').where({ role_name: role.name }).delete();
        const members = [...new Set(role.members.map(lower))];
        if (members.length > 0) {
          await trx('ua_role_members').insert(
            members.map(m => ({ role_name: role.name, member_ref: m })),
          );
        }
      }
    });
  }

  async policyVersion(): Promise<string> {
    const [roles] = await this.db('ua_roles')
      .max({ at: 'updated_at' })
      .count({ n: '*' });
    const [users] = await this.db('ua_users')
      .max({ at: 'updated_at' })
      .count({ n: '*' });
    const [members] = await this.db('ua_role_members').count({ n: '*' });
    return [roles.at, roles.n, users.at, users.n, members.n]
      .map(v => String(v ?? 0))
      .join('.');
  }
}
