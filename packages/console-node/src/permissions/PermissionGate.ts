import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  ConditionalPolicyDecision,
  DefinitivePolicyDecision,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { AuditTrail } from '../audit/AuditTrail';

/** What the permission service is asked: a basic permission, or a resource permission on one resource. */
export type PermissionCheck = AuthorizePermissionRequest;

/** A decision that is not a denial: everything, or what the conditions match. */
export type AllowingDecision =
  | (DefinitivePolicyDecision & { result: AuthorizeResult.ALLOW })
  | ConditionalPolicyDecision;

/** The message of every 503 answered while the permission service cannot decide. */
export const PERMISSION_SERVICE_UNAVAILABLE =
  'the permission service is unavailable; retry later';

/** A refused read is someone's page without access, not an attempt to audit. */
function isRead(permission: Permission): boolean {
  return permission.attributes.action === 'read';
}

function checkOf(check: PermissionCheck | BasicPermission): PermissionCheck {
  return 'permission' in check ? check : { permission: check };
}

/**
 * The one permission check of the console's backends, over Backstage's
 * {@link PermissionsService}. A denial is a NotAllowedError (403) naming
 * only the permission and the resource the caller asked for, and is audited
 * as `permission-denied` unless the permission is a read. When the
 * permission service cannot answer (down, or refusing this plugin), the
 * answer is a ServiceUnavailableError (503; the backends' error handlers add
 * Retry-After) saying only that, with the cause logged: never a 500, and
 * never the service's address or status.
 */
export class PermissionGate {
  private readonly permissions: PermissionsService;
  private readonly audit: AuditTrail;
  private readonly logger: LoggerService;

  constructor(options: {
    permissions: PermissionsService;
    /** Where refused permissions are recorded. */
    audit: AuditTrail;
    /** Where the cause goes when the permission service cannot answer. */
    logger: LoggerService;
  }) {
    this.permissions = options.permissions;
    this.audit = options.audit;
    this.logger = options.logger;
  }

  /** Whether each check is allowed, asked in one call. */
  async decide(
    credentials: BackstageCredentials,
    checks: ReadonlyArray<PermissionCheck>,
  ): Promise<boolean[]> {
    if (checks.length === 0) return [];
    const decisions = await this.ask(() =>
      this.permissions.authorize([...checks], { credentials }),
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /** Whether one check is allowed. */
  async allows(
    credentials: BackstageCredentials,
    check: PermissionCheck | BasicPermission,
  ): Promise<boolean> {
    const [allowed] = await this.decide(credentials, [checkOf(check)]);
    return allowed;
  }

  /**
   * Passes when every check is allowed, asked in one call; otherwise refuses
   * (403, audited) naming the first denied one.
   */
  async require(
    credentials: BackstageCredentials,
    ...checks: Array<PermissionCheck | BasicPermission>
  ): Promise<void> {
    const asked = checks.map(checkOf);
    const allowed = await this.decide(credentials, asked);
    const denied = asked.find((_, i) => !allowed[i]);
    if (denied) {
      await this.refuse({
        credentials,
        permission: denied.permission,
        resourceRef: denied.resourceRef,
      });
    }
  }

  /**
   * The decision on a resource permission without a resource: ALLOW, or
   * the conditions that decide which resources (to filter a list by, or to
   * apply to resources loaded here). A denial refuses (403, audited), naming
   * `resourceRef` when the decision is for that one resource.
   */
  async conditions(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRef?: string,
  ): Promise<AllowingDecision> {
    const [decision] = await this.ask(() =>
      this.permissions.authorizeConditional([{ permission }], {
        credentials,
      }),
    );
    if (decision.result === AuthorizeResult.DENY) {
      return this.refuse({ credentials, permission, resourceRef });
    }
    // narrowing on `result` does not reach through the union's intersection
    return decision as AllowingDecision;
  }

  /**
   * Refuses a permission decided here (conditions that do not match a loaded
   * resource, four eyes, a producer's models): audited as a denial unless it
   * is a read, then a 403 with `message`, or "you may not use <permission>
   * [on <resource>]". A message must name only what the caller sent.
   */
  async refuse(options: {
    credentials: BackstageCredentials;
    permission: Permission;
    resourceRef?: string;
    message?: string;
  }): Promise<never> {
    const { credentials, permission, resourceRef } = options;
    if (!isRead(permission)) {
      await this.audit.denied({ credentials, permission, resourceRef });
    }
    throw new NotAllowedError(
      options.message ??
        `you may not use ${permission.name}${
          resourceRef === undefined ? '' : ` on ${resourceRef}`
        }`,
    );
  }

  private async ask<T>(question: () => Promise<T>): Promise<T> {
    try {
      return await question();
    } catch (error) {
      // the client's error holds the service's address or its answer, whose
      // status would otherwise become ours
      this.logger.warn(
        'the permission service did not answer',
        error instanceof Error ? error : new Error(String(error)),
      );
      throw new ServiceUnavailableError(PERMISSION_SERVICE_UNAVAILABLE);
    }
  }
}
