import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AuditList,
  ConsoleSession,
  ConsoleUser,
  ConsoleUserList,
  ConsoleUserStatus,
  Role,
  RoleGrant,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  AuditQuery,
  ListUsersOptions,
  NewSession,
  NewUser,
  RevocationState,
  StoredSession,
  UserAdminStore,
  UserPatch,
} from './UserAdminStore';

const migrationsDir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-user-admin-backend',
  'migrations',
);

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

type SessionRow = {
  id: string;
  user_ref: string;
  provider: string;
  session_key: string;
  idp_session?: string | null;
  auth_time: string | number | null;
  created_at: string | number;
  last_seen_at: string | number;
  user_agent: string | null;
  ip_address: string | null;
  revoked_at: string | number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
};

type RoleRow = {
  name: string;
  title: string;
  description: string;
  built_in: boolean | number;
  grants: string;
  updated_at: string | number;
};

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();
const opt = <T>(v: T | null | undefined) => (v === null ? undefined : v);
const lower = (s: string) => s.toLocaleLowerCase('en-US');

const SORT_COLUMNS = {
  name: 'display_name',
  email: 'email',
  status: 'status',
  createdAt: 'created_at',
  lastSignInAt: 'last_sign_in_at',
} as const;

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /unique constraint|UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}

/** The knex implementation of the store, on SQLite or PostgreSQL. */
export class KnexUserAdminStore implements UserAdminStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexUserAdminStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new KnexUserAdminStore(db);
  }

  /** For tests: a store on a given knex, migrated. */
  static async fromKnex(db: Knex): Promise<KnexUserAdminStore> {
    await db.migrate.latest({ directory: migrationsDir });
    return new KnexUserAdminStore(db);
  }

  // -- users -----------------------------------------------------------------

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

  // -- roles -----------------------------------------------------------------

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

  // -- sessions --------------------------------------------------------------

  private toSession(row: SessionRow): StoredSession {
    return {
      id: row.id,
      userRef: row.user_ref,
      provider: row.provider,
      sessionKey: row.session_key,
      authTime: row.auth_time === null ? undefined : Number(row.auth_time),
      createdAt: iso(row.created_at),
      lastSeenAt: iso(row.last_seen_at),
      userAgent: opt(row.user_agent),
      ipAddress: opt(row.ip_address),
      revokedAt: row.revoked_at ? iso(row.revoked_at) : undefined,
      revokedBy: opt(row.revoked_by),
      revokeReason: opt(row.revoke_reason),
    };
  }

  async findSession(options: { provider: string; sessionKey: string }) {
    const row = await this.db<SessionRow>('ua_sessions')
      .where({ provider: options.provider, session_key: options.sessionKey })
      .orderBy('created_at', 'desc')
      .first();
    return row ? this.toSession(row) : undefined;
  }

  async getSession({ id }: { id: string }) {
    const row = await this.db<SessionRow>('ua_sessions').where({ id }).first();
    return row ? this.toSession(row) : undefined;
  }

  async createSession(session: NewSession) {
    const now = Date.now();
    const id = randomUUID();
    await this.db('ua_sessions').insert({
      id,
      user_ref: lower(session.userRef),
      provider: session.provider,
      session_key: session.sessionKey,
      idp_session: session.idpSession?.slice(0, 255) ?? null,
      auth_time: session.authTime ?? null,
      created_at: now,
      last_seen_at: now,
      user_agent: session.userAgent?.slice(0, 512) ?? null,
      ip_address: session.ipAddress?.slice(0, 64) ?? null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    return (await this.getSession({ id }))!;
  }

  async touchSession(options: {
    id: string;
    at: number;
    userAgent?: string;
    ipAddress?: string;
  }) {
    const update: Record<string, unknown> = { last_seen_at: options.at };
    if (options.userAgent) update.user_agent = options.userAgent.slice(0, 512);
    if (options.ipAddress) update.ip_address = options.ipAddress.slice(0, 64);
    await this.db('ua_sessions')
      .where({ id: options.id })
      .where('last_seen_at', '<', options.at)
      .update(update);
  }

  async listSessions(options: {
    userRef?: string;
    activeOnly?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ items: ConsoleSession[]; total: number }> {
    const query = this.db<SessionRow>('ua_sessions');
    if (options.userRef) query.where({ user_ref: lower(options.userRef) });
    if (options.activeOnly) query.whereNull('revoked_at');
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .select('*');
    return {
      items: rows.map(r => {
        const { sessionKey: _k, authTime: _a, ...session } = this.toSession(r);
        return session;
      }),
      total: Number(count),
    };
  }

  async revokeSession(options: { id: string; by: string; reason?: string }) {
    const changed = await this.db('ua_sessions')
      .where({ id: options.id })
      .whereNull('revoked_at')
      .update({
        revoked_at: Date.now(),
        revoked_by: options.by,
        revoke_reason: options.reason ?? null,
      });
    const session = await this.getSession({ id: options.id });
    if (!session) throw new NotFoundError(`no session with id ${options.id}`);
    if (changed === 0) {
      throw new ConflictError(`session ${options.id} was already revoked`);
    }
    return session;
  }

  async revokeUser(options: { userRef: string; by: string; reason?: string }) {
    const now = Date.now();
    const ref = lower(options.userRef);
    return this.db.transaction(async trx => {
      const count = await trx('ua_sessions')
        .where({ user_ref: ref })
        .whereNull('revoked_at')
        .update({
          revoked_at: now,
          revoked_by: options.by,
          revoke_reason: options.reason ?? null,
        });
      await trx('ua_user_revocations')
        .insert({ user_ref: ref, revoked_before: now })
        .onConflict('user_ref')
        .merge({ revoked_before: now });
      return count;
    });
  }

  async revocationState({
    since,
  }: {
    since: number;
  }): Promise<RevocationState> {
    const [sessions, users, inactive] = await Promise.all([
      this.db('ua_sessions').where('revoked_at', '>=', since).pluck('id'),
      this.db('ua_user_revocations')
        .where('revoked_before', '>=', since)
        .select('user_ref', 'revoked_before'),
      this.db('ua_users')
        .whereIn('status', ['disabled', 'pending'])
        .pluck('user_ref'),
    ]);
    return {
      revokedSessions: sessions,
      revokedBefore: Object.fromEntries(
        users.map(
          (u: { user_ref: string; revoked_before: string | number }) => [
            u.user_ref,
            Number(u.revoked_before),
          ],
        ),
      ),
      inactiveUsers: inactive,
    };
  }

  // -- audit -----------------------------------------------------------------

  async appendAudit(record: {
    actor: string;
    action: string;
    target?: string;
    outcome: 'success' | 'failure';
    details?: Record<string, unknown>;
    at?: number;
  }) {
    await this.db('ua_audit').insert({
      at: record.at ?? Date.now(),
      actor: lower(record.actor).slice(0, 255),
      action: record.action.slice(0, 64),
      target: record.target?.slice(0, 255) ?? null,
      outcome: record.outcome,
      details: record.details ? JSON.stringify(record.details) : null,
    });
  }

  async listAudit(query: AuditQuery): Promise<AuditList> {
    const q = this.db('ua_audit');
    if (query.actor) q.where('actor', lower(query.actor));
    if (query.action) q.where('action', query.action);
    if (query.target) q.where('target', query.target);
    if (query.from !== undefined) q.where('at', '>=', query.from);
    if (query.to !== undefined) q.where('at', '<=', query.to);
    if (query.before) q.where('id', '<', Number(query.before));
    const rows = await q
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .select('*');
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(r => ({
        id: String(r.id),
        at: iso(r.at),
        actor: r.actor,
        action: r.action,
        target: opt(r.target),
        outcome: r.outcome,
        details: r.details ? JSON.parse(r.details) : undefined,
      })),
      nextCursor:
        rows.length > query.limit
          ? String(page[page.length - 1].id)
          : undefined,
    };
  }
}
