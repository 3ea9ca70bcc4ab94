import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuditorEvent,
  DefaultAuditorService,
} from '@backstage/backend-defaults/auditor';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';

/** The events topic that carries every plugin's audit events to user-admin. */
export const CONSOLE_AUDIT_TOPIC = 'ai-ops-console.audit';

/** One closed audit event of any plugin, as it travels to user-admin. */
export type ForwardedAuditEvent = {
  plugin: string;
  eventId: string;
  severityLevel: string;
  actor: string;
  outcome: 'success' | 'failure';
  target?: string;
  at: number;
  details: JsonObject;
};

const MAX_DETAIL_CHARS = 4000;

/**
 * What in an event's meta names what it acted on, most specific first; a
 * refusal of a basic permission names the permission.
 */
function targetOf(meta: JsonObject | undefined): string | undefined {
  for (const key of [
    'target',
    'runId',
    'resourceRef',
    'workflowId',
    'model',
    'name',
    'permission',
  ]) {
    const value = meta?.[key];
    if (typeof value === 'string' && value) return value.slice(0, 255);
  }
  return undefined;
}

/** The compact, bounded record of a closed event (initiated ones are not sent). */
export function forwardedEvent(
  event: AuditorEvent,
  at: number,
): ForwardedAuditEvent | undefined {
  if (event.status === 'initiated') return undefined;
  let details: JsonObject = {
    ...(event.meta ?? {}),
    ...(event.actor.ip ? { ip: event.actor.ip } : {}),
    ...(event.request
      ? { request: `${event.request.method} ${event.request.url}` }
      : {}),
    ...(event.status === 'failed'
      ? { message: event.error?.message?.slice(0, 500) ?? 'failed' }
      : {}),
  };
  if (JSON.stringify(details).length > MAX_DETAIL_CHARS) {
    details = {
      truncated: true,
      ...(event.status === 'failed'
        ? { message: event.error?.message?.slice(0, 500) ?? 'failed' }
        : {}),
    };
  }
  return {
    plugin: event.plugin,
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    // the console's helpers name the actor from the credentials decided on
    // (AuditTrail); a refusal carries no request for the auditor to ask
    actor:
      typeof event.meta?.actor === 'string'
        ? event.meta.actor
        : event.actor.actorId ?? 'unknown',
    outcome: event.status === 'succeeded' ? 'success' : 'failure',
    target: targetOf(event.meta),
    at,
    details,
  };
}

/**
 * Backstage's auditor (one log line per event, as before), which also sends
 * each closed event over the events bus to user-admin, so that the audit page
 * shows every plugin's actions and refusals in one place, whichever replica
 * or worker process they happened in. user-admin records its own events
 * itself and is not forwarded.
 *
 * @public
 */
export const consoleAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
    events: eventsServiceRef,
  },
  factory({ logger, auth, httpAuth, plugin, events }) {
    const auditLogger = logger.child({ isAuditEvent: true });
    const forward = forwarder(events, logger);
    return DefaultAuditorService.create(
      async event => {
        auditLogger.info(`${event.plugin}.${event.eventId}`, event as any);
        if (event.plugin !== 'user-admin') await forward(event);
      },
      { plugin, auth, httpAuth },
    );
  },
});

function forwarder(
  events: EventsService,
  logger: { warn(message: string): void },
) {
  return async (event: AuditorEvent) => {
    const record = forwardedEvent(event, Date.now());
    if (!record) return;
    await events
      .publish({ topic: CONSOLE_AUDIT_TOPIC, eventPayload: record })
      .catch(error =>
        // the log line above is the record of last resort
        logger.warn(`could not forward audit event: ${error.message}`),
      );
  };
}
