import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ConsoleUser,
  ConsoleUserList,
  ConsoleUserStatus,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  ListUsersOptions,
  NewUser,
  UserPatch,
  UserStore,
} from './UserAdminStore';
import { isUniqueViolation, iso, lower, opt } from './rows';

type UserRow = {
  id: string;
  user_ref: string;
  email: string | null;
  email_verified?: boolean | number | null;
  display_name: string;
  status: string;
  provider: string | null;
  subject: string | null;
  created_at: string | number;
  updated_at: string | number;
  last_sign_in_at: string | number | null;
};

const SORT_COLUMNS = {
  name: 'display_name',
  email: 'email',
  status: 'status',
  createdAt: 'created_at',
  lastSignInAt: 'last_sign_in_at',
} as const;

/**
 * Users on knex: `ua_users`, and the rows of `ua_role_members` that name a
 * user, which are written with the user so that a user never exists without
 * the roles they were given.
 */
export class KnexUserStore implements UserStore {
  constructor(private readonly db: Knex) {}

  private async rolesByMember(refs: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (refs.length === 0) return map;
    const rows: Array<{ role_name: string; member_ref: string }> = [];
    for (let i = 0; i < refs.length; i += 500) {
      rows.push(
        ...(await this.db('ua_role_members')
          .whereIn('member_ref', refs.slice(i, i + 500).map(lower))
          .select('role_name', 'member_ref')),
      );
    }
    for (const row of rows) {
      const list = map.get(row.member_ref) ?? [];
      list.push(row.role_name);
      map.set(row.member_ref, list);
    }
    return map;
  }

  private toUser(row: UserRow, roles: string[]): ConsoleUser {
    return {
      id: row.id,
      userRef: row.user_ref,
      email: opt(row.email),
      emailVerified: !!row.email_verified,
      displayName: row.display_name,
      status: row.status as ConsoleUserStatus,
      roles: [...roles].sort(),
      provider: opt(row.provider),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      lastSignInAt: row.last_sign_in_at ? iso(row.last_sign_in_at) : undefined,
    };
  }

  private async withRoles(rows: UserRow[]): Promise<ConsoleUser[]> {
    const roles = await this.rolesByMember(rows.map(r => r.user_ref));
    return rows.map(r => this.toUser(r, roles.get(r.user_ref) ?? []));
  }

  async listUsers(options: ListUsersOptions): Promise<ConsoleUserList> {
    const query = this.db<UserRow>('ua_users');
    if (options.search) {
      const like = `%${lower(options.search).replace(
        /[\\%_]/g,
        c => `\\${c}`,
      )}%`;
      query.where(q =>
        q
          .whereRaw(`lower(display_name) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(coalesce(email, '')) like ? escape '\\'`, [like])
          .orWhereRaw(`user_ref like ? escape '\\'`, [like]),
      );
    }
    if (options.status) query.where('status', options.status);
    if (options.role) {
      query.whereIn(
        'user_ref',
        this.db('ua_role_members')
          .where('role_name', options.role)
          .select('member_ref'),
      );
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const column = SORT_COLUMNS[options.sort];
    const rows = await query
      .orderByRaw(
        `${column} is null, ${column} ${
          options.order === 'desc' ? 'desc' : 'asc'
        }, id asc`,
      )
      .limit(options.limit)
      .offset(options.offset)
      .select('*');
    return { items: await this.withRoles(rows), total: Number(count) };
  }

  async countUsers() {
    const [{ count }] = await this.db('ua_users').count({ count: '*' });
    return Number(count);
  }

  async getUser({ id }: { id: string }) {
    const row = await this.db<UserRow>('ua_users').where({ id }).first();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async getUserByRef({ userRef }: { userRef: string }) {
    const row = await this.db<UserRow>('ua_users')
      .where({ user_ref: lower(userRef) })
      .first();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async findUserByIdentity(options: { provider: string; subject: string }) {
    const row = await this.db<UserRow>('ua_users')
      .where({ provider: options.provider, subject: options.subject })
      .first();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async findInvitation({ email }: { email: string }) {
    const row = await this.db<UserRow>('ua_users')
      .where({ email: lower(email), status: 'invited' })
      .whereNull('provider')
      .whereNull('subject')
      .orderBy('created_at')
      .first();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async findUsersByEmail({ email }: { email: string }) {
    const rows = await this.db<UserRow>('ua_users')
      .where({ email: lower(email) })
      .orderBy('created_at');
    return this.withRoles(rows);
  }

  async hasActiveAdmin() {
    const row = await this.db('ua_users as u')
      .join('ua_role_members as m', 'm.member_ref', 'u.user_ref')
      .where({ 'u.status': 'active', 'm.role_name': 'admin' })
      .first('u.id');
    return !!row;
  }

  async createUser(user: NewUser): Promise<ConsoleUser> {
    const now = Date.now();
    const id = randomUUID();
    const userRef = lower(user.userRef);
    try {
      await this.db.transaction(async trx => {
        await trx('ua_users').insert({
          id,
          user_ref: userRef,
          email: user.email ? lower(user.email) : null,
          email_verified: user.emailVerified ?? false,
          display_name: user.displayName,
          status: user.status,
          provider: user.provider ?? null,
          subject: user.subject ?? null,
          created_at: now,
          updated_at: now,
          last_sign_in_at: null,
        });
        await this.insertMemberships(trx, userRef, user.roles);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `a user with ref ${userRef}, or this identity, already exists`,
        );
      }
      throw error;
    }
    return (await this.getUser({ id }))!;
  }

  private async insertMemberships(
    trx: Knex,
    memberRef: string,
    roles: string[],
  ) {
    if (roles.length === 0) return;
    const known = await trx('ua_roles').whereIn('name', roles).pluck('name');
    const unknown = roles.filter(r => !known.includes(r));
    if (unknown.length > 0) {
      throw new NotFoundError(`no role named ${unknown.join(', ')}`);
    }
    await trx('ua_role_members').insert(
      [...new Set(roles)].map(role => ({
        role_name: role,
        member_ref: memberRef,
      })),
    );
  }

  async updateUser({ id, patch }: { id: string; patch: UserPatch }) {
    const update: Record<string, unknown> = { updated_at: Date.now() };
    if (patch.displayName !== undefined)
      update.display_name = patch.displayName;
    if (patch.email !== undefined) update.email = lower(patch.email);
    if (patch.emailVerified !== undefined)
      update.email_verified = patch.emailVerified;
    if (patch.status !== undefined) update.status = patch.status;
    if (patch.provider !== undefined) update.provider = patch.provider;
    if (patch.subject !== undefined) update.subject = patch.subject;
    if (patch.lastSignInAt !== undefined)
      update.last_sign_in_at = patch.lastSignInAt;
    let changed: number;
    try {
      changed = await this.db('ua_users').where({ id }).update(update);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('this identity is bound to another user');
      }
      throw error;
    }
    if (changed === 0) throw new NotFoundError(`no user with id ${id}`);
    return (await this.getUser({ id }))!;
  }

  async setUserRoles({ userRef, roles }: { userRef: string; roles: string[] }) {
    const ref = lower(userRef);
    await this.db.transaction(async trx => {
      await trx('ua_users')
        .where({ user_ref: ref })
        .update({ updated_at: Date.now() });
      await trx('ua_role_members').where({ member_ref: ref }).delete();
      await this.insertMemberships(trx, ref, roles);
      await trx('ua_roles')
        .whereIn('name', roles)
        .update({ updated_at: Date.now() });
    });
  }

  async deleteUser({ id }: { id: string }) {
    await this.db.transaction(async trx => {
      const row = await trx<UserRow>('ua_users').where({ id }).first();
      if (!row) throw new NotFoundError(`no user with id ${id}`);
      await trx('ua_role_members').where({ member_ref: row.user_ref }).delete();
      await trx('ua_users').where({ id }).delete();
    });
  }
}
