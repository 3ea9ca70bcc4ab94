import { ConflictError, NotFoundError } from '@backstage/errors';
import { ConsoleSession } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  NewSession,
  RevocationState,
  SessionStore,
  StoredSession,
} from './UserAdminStore';
import { iso, lower, opt } from './rows';

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

/**
 * Console sessions on knex (`ua_sessions`) and the instants before which a
 * user's tokens are refused (`ua_user_revocations`, kept apart from
 * `ua_users` so that it outlives a deleted user).
 */
export class KnexSessionStore implements SessionStore {
  constructor(private readonly db: Knex) {}

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
}
