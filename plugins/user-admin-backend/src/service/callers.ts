import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { Request } from 'express';

/**
 * Who calls a service: their credentials, and the request (for the audit
 * event) when the call came over HTTP.
 */
export type Caller = { credentials: BackstageCredentials; request?: Request };

/** The caller's user entity ref; undefined for a service. */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.type === 'user' ? principal.userEntityRef : undefined;
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
