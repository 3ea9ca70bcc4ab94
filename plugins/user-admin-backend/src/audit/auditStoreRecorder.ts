import { LoggerService } from '@backstage/backend-plugin-api';
import { AuditRecorder } from '@ai-ops-console/console-node';
import { AuditStore } from '../database/UserAdminStore';

/**
 * Keeps user-admin's own audit events in its audit log, where the audit
 * page reads them beside the events other plugins forward: the target is
 * the resource acted on, or the permission of a refusal.
 */
export function auditStoreRecorder(options: {
  store: AuditStore;
  logger: LoggerService;
}): AuditRecorder {
  return async record => {
    const { details, message } = record;
    try {
      await options.store.appendAudit({
        actor: record.actor,
        action: record.eventId,
        target: record.resourceRef ?? record.permission,
        outcome: record.outcome,
        details: message ? { ...details, message } : details,
      });
    } catch (error) {
      // the auditor event went out; losing the queryable copy must not fail the action
      options.logger.error(
        `could not store audit record ${record.eventId}: ${
          (error as Error).message
        }`,
      );
    }
  };
}
