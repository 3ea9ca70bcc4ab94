import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';

type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/**
 * Runs an action as one event of Backstage's auditor: the event is opened
 * before the action (so a refused or failing action is recorded too), then
 * closed with the action's result as its meta, or with its error, which is
 * rethrown.
 */
export async function audited<T extends AuditMeta>(
  auditor: AuditorService,
  event: {
    request: Request;
    eventId: string;
    meta?: AuditMeta;
    severityLevel?: AuditorServiceEventSeverityLevel;
  },
  action: () => Promise<T>,
): Promise<T> {
  const opened = await auditor.createEvent({
    eventId: event.eventId,
    request: event.request,
    severityLevel: event.severityLevel ?? 'medium',
    meta: event.meta ?? {},
  });
  try {
    const result = await action();
    await opened.success({ meta: result });
    return result;
  } catch (error) {
    await opened.fail({ error: error as Error });
    throw error;
  }
}
