import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Permission } from '@backstage/plugin-permission-common';
import { Request } from 'express';

/** The meta of an audit event: JSON only. */
export type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/** The event id of every refused permission that is not a read. */
export const PERMISSION_DENIED_EVENT = 'permission-denied';

/**
 * Who acted, named in the meta as `actor`: the caller's credentials, or, for
 * what happens before there are any (a sign-in), the identity concerned.
 */
export type AuditActor =
  | { credentials: BackstageCredentials; actor?: never }
  | { actor: string; credentials?: never };

/** One audited action, or one note (a refused sign-in, a refused permission). */
export type AuditEvent = AuditActor & {
  /**
   * Kebab-case `<thing>-<verb>` without the plugin id, which the auditor adds
   * (`workflow-cancel`, `role-update`, `retention-run`).
   */
  eventId: string;
  /** The HTTP request, when there is one: the auditor takes the caller's address from it. */
  request?: Request;
  /** The permission the action needs, named in the meta. */
  permission?: Permission;
  /** What the action is on (a workflow id, a role name, a user ref), named in the meta. */
  resourceRef?: string;
  /** `medium` unless given. */
  severityLevel?: AuditorServiceEventSeverityLevel;
  /**
   * Fields chosen to say what was asked (a reason, a filter, a role before
   * and after), never a request body. Keys that name a secret (token,
   * password, secret, authorization, cookie, credential, api key) are dropped
   * at any depth.
   */
  details?: AuditMeta;
};

/** An event as a plugin's own queryable store keeps it (user-admin's audit log). */
export type AuditRecord = {
  eventId: string;
  actor: string;
  permission?: string;
  resourceRef?: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  outcome: 'success' | 'failure';
  /** The error's message, for a failure. */
  message?: string;
  details?: AuditMeta;
};

/**
 * Keeps each closed event of this plugin in a store beside the auditor's
 * log line. It must not throw: the auditor's event is the record of last
 * resort and an action must not fail because its copy could not be kept.
 */
export type AuditRecorder = (record: AuditRecord) => Promise<void>;

const SECRET_KEY =
  /secret|token|passw|authoriz|cookie|credential|api[-_]?key|private[-_]?key/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, item]) => [key, withoutSecrets(item)]),
    );
  }
  return value;
}

/** Who acted, for audit records: a user ref, or a service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | Partial<BackstageUserPrincipal>
    | Partial<BackstageServicePrincipal>;
  if (principal.type === 'user') {
    return (principal as BackstageUserPrincipal).userEntityRef;
  }
  if (principal.type === 'service') {
    return (principal as BackstageServicePrincipal).subject;
  }
  return 'unknown';
}

/**
 * The meta every console audit event carries: the chosen details (secrets
 * dropped), then `actor`, `permission` by name and
 * `resourceRef`, which details cannot override.
 */
export function auditMeta(event: AuditEvent): AuditMeta {
  return {
    ...(withoutSecrets(event.details ?? {}) as AuditMeta),
    actor: event.credentials ? actorOf(event.credentials) : event.actor,
    ...(event.permission ? { permission: event.permission.name } : {}),
    ...(event.resourceRef !== undefined
      ? { resourceRef: event.resourceRef }
      : {}),
  };
}

/**
 * The one audit helper of the console's backends, over Backstage's
 * {@link AuditorService}: every audited action and every refused permission
 * is an auditor event with the same meta shape ({@link auditMeta}), and, when
 * a recorder is given, a record of the plugin's own store.
 */
export class AuditTrail {
  private readonly auditor: AuditorService;
  private readonly recorder?: AuditRecorder;

  constructor(options: { auditor: AuditorService; recorder?: AuditRecorder }) {
    this.auditor = options.auditor;
    this.recorder = options.recorder;
  }

  /**
   * Runs an action as one event: opened before the action, so that a
   * refused or failing action is recorded too, then closed with `outcome`
   * of its result as more meta (chosen fields, as details), or with its
   * error, which is rethrown.
   */
  async run<T>(
    event: AuditEvent & { outcome?: (result: T) => AuditMeta },
    action: () => Promise<T>,
  ): Promise<T> {
    const opened = await this.open(event, event.severityLevel ?? 'medium');
    let result: T;
    try {
      result = await action();
    } catch (error) {
      await opened.fail(error as Error);
      throw error;
    }
    await opened.succeed(
      event.outcome
        ? (withoutSecrets(event.outcome(result)) as AuditMeta)
        : undefined,
    );
    return result;
  }

  /** Records an event that is not an action run here, e.g. a refused sign-in. */
  async note(
    event: AuditEvent,
    outcome: { error: Error } | 'success',
  ): Promise<void> {
    const opened = await this.open(event, event.severityLevel ?? 'low');
    if (outcome === 'success') await opened.succeed();
    else await opened.fail(outcome.error);
  }

  /**
   * Records a refused permission as a failed `permission-denied` event of
   * medium severity, naming the permission and the resource. Only the
   * caller's credentials are used, not the request: the route's own event,
   * if any, carries the request.
   */
  async denied(options: {
    credentials: BackstageCredentials;
    permission: Permission;
    resourceRef?: string;
  }): Promise<void> {
    await this.note(
      { eventId: PERMISSION_DENIED_EVENT, severityLevel: 'medium', ...options },
      { error: new Error(`refused: ${options.permission.name}`) },
    );
  }

  /** Opens the auditor's event; closing it also keeps the record. */
  private async open(
    event: AuditEvent,
    severityLevel: AuditorServiceEventSeverityLevel,
  ) {
    const meta = auditMeta(event);
    const opened = await this.auditor.createEvent({
      eventId: event.eventId,
      request: event.request,
      severityLevel,
      meta,
    });
    return {
      succeed: async (more?: AuditMeta) => {
        await opened.success(more ? { meta: more } : undefined);
        await this.record(
          event,
          { ...meta, ...more },
          { severityLevel, outcome: 'success' },
        );
      },
      fail: async (error: Error) => {
        await opened.fail({ error });
        await this.record(event, meta, {
          severityLevel,
          outcome: 'failure',
          message: error.message,
        });
      },
    };
  }

  private async record(
    event: AuditEvent,
    meta: AuditMeta,
    closed: Pick<AuditRecord, 'severityLevel' | 'outcome' | 'message'>,
  ) {
    if (!this.recorder) return;
    const {
      actor,
      permission: _permission,
      resourceRef: _resourceRef,
      ...details
    } = meta;
    await this.recorder({
      eventId: event.eventId,
      actor: actor as string,
      permission: event.permission?.name,
      resourceRef: event.resourceRef,
      ...closed,
      details: Object.keys(details).length > 0 ? details : undefined,
    });
  }
}
