import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { AuditStore } from '../database/UserAdminStore';

export type AuditEntry = {
  actor: string;
  action: string;
  target?: string;
  details?: JsonObject;
  request?: Request;
  severityLevel?: AuditorServiceEventSeverityLevel;
};

/**
 * Every audited action goes through here: one event through Backstage's
 * auditor service and one queryable record in the store.
 */
export class AuditLog {
  constructor(
    private readonly options: {
      auditor: AuditorService;
      store: AuditStore;
      logger: LoggerService;
    },
  ) {}

  /** Runs `fn` as one audited action; records success or failure and rethrows. */
  async run<T>(entry: AuditEntry, fn: () => Promise<T>): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId: entry.action,
      request: entry.request,
      severityLevel: entry.severityLevel ?? 'medium',
      meta: {
        actor: entry.actor,
        target: entry.target ?? null,
        ...entry.details,
      },
    });
    try {
      const result = await fn();
      await event.success();
      await this.record(entry, 'success');
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      await this.record(entry, 'failure', (error as Error).message);
      throw error;
    }
  }

  /** Records an event that is not a guarded action, e.g. a refused sign-in. */
  async note(
    entry: AuditEntry,
    outcome: 'success' | 'failure',
    message?: string,
  ) {
    const event = await this.options.auditor.createEvent({
      eventId: entry.action,
      request: entry.request,
      severityLevel: entry.severityLevel ?? 'low',
      meta: {
        actor: entry.actor,
        target: entry.target ?? null,
        ...entry.details,
      },
    });
    if (outcome === 'success') await event.success();
    else await event.fail({ error: new Error(message ?? entry.action) });
    await this.record(entry, outcome, message);
  }

  private async record(
    entry: AuditEntry,
    outcome: 'success' | 'failure',
    message?: string,
  ) {
    try {
      await this.options.store.appendAudit({
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        outcome,
        details: message ? { ...entry.details, message } : entry.details,
      });
    } catch (error) {
      // the auditor event went out; losing the queryable copy must not fail the action
      this.options.logger.error(
        `could not store audit record ${entry.action}: ${
          (error as Error).message
        }`,
      );
    }
  }
}
