import { AuditList } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Knex } from 'knex';
import { AuditQuery, AuditStore } from './UserAdminStore';
import { iso, lower, opt } from './rows';

/** The audit log on knex (`ua_audit`), paged newest first by id. */
export class KnexAuditStore implements AuditStore {
  constructor(private readonly db: Knex) {}

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
