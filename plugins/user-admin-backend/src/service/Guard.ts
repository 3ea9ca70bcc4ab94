import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/**
 * Who calls a service: their credentials, and the request (for the audit
 * event) when the call came over HTTP.
 */
export type Caller = { credentials: BackstageCredentials; request?: Request };

/** Told of every refused attempt at a permission that changes something. */
export type DeniedAttemptListener = (attempt: {
  actor: string;
  permission: string;
}) => Promise<void>;

/** Permission checks of the user-admin routes, written once. */
export class Guard {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly onDenied?: DeniedAttemptListener,
  ) {}

  async require(
    credentials: BackstageCredentials,
    ...permissions: BasicPermission[]
  ): Promise<void> {
    const decisions = await this.permissions.authorize(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    const denied = permissions.find(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (!denied) return;
    // refused reads are the pages of someone without access: not attempts
    if (denied.attributes.action !== 'read') {
      await this.onDenied?.({
        actor: actorOf(credentials),
        permission: denied.name,
      });
    }
    throw new NotAllowedError(`you may not use ${denied.name}`);
  }

  async allows(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }
}

export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/** Who acted, for audit records: a user ref or `plugin:<id>` for services. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | Partial<BackstageUserPrincipal>
    | Partial<BackstageServicePrincipal>;
  if (principal.type === 'user')
    return (principal as BackstageUserPrincipal).userEntityRef;
  if (principal.type === 'service')
    return (principal as BackstageServicePrincipal).subject;
  return 'unknown';
}

/** Internal routes accept only these service subjects. */
export function requireService(
  credentials: BackstageCredentials,
  subjects: string[],
) {
  const principal = credentials.principal as Partial<BackstageServicePrincipal>;
  if (
    principal.type !== 'service' ||
    !subjects.includes(principal.subject ?? '')
  ) {
    throw new NotAllowedError(
      `only ${subjects.join(' or ')} may call this internal route`,
    );
  }
}
