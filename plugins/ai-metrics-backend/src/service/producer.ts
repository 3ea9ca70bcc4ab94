import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';

/** Longest producer the store keeps as it is (its column holds 255). */
const MAX_PRODUCER_LENGTH = 200;

/**
 * Who sent a batch, as the scope of its idempotency ids: the subject of a
 * service principal (`plugin:<id>`, `external:<name>` for JWKS tokens, the
 * configured subject of a static token) or the user's entity ref. A longer
 * one is kept as its digest, so that it fits and stays distinct.
 */
export function producerOf(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<
    | { type: 'service'; subject: string }
    | { type: 'user'; userEntityRef: string }
  >;
  const producer =
    principal.type === 'service' ? principal.subject : principal.userEntityRef;
  return producer.length <= MAX_PRODUCER_LENGTH
    ? producer
    : `sha256:${createHash('sha256').update(producer, 'utf8').digest('hex')}`;
}
