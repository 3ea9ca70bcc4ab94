import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';

/**
 * List page tokens are Temporal's token behind the first bytes of its
 * SHA-256. Temporal answers a token it cannot read with UNKNOWN, which its
 * client retries until the deadline (a 503 after seconds); a token this API
 * did not hand out is refused here at once.
 */
const PAGE_TOKEN_CHECK_BYTES = 8;

const pageTokenCheck = (token: Uint8Array) =>
  createHash('sha256')
    .update(token)
    .digest()
    .subarray(0, PAGE_TOKEN_CHECK_BYTES);

type TemporalToken = Uint8Array | null | undefined;

const isLastPage = (token: TemporalToken): token is null | undefined =>
  !token || token.length === 0;

/** The list's next page token for Temporal's; none on the last page. */
export function encodeListPageToken(token: TemporalToken): string | undefined {
  if (isLastPage(token)) return undefined;
  return Buffer.concat([pageTokenCheck(token), token]).toString('base64url');
}

/** Temporal's token behind a list page token; 400 for one not handed out. */
export function decodeListPageToken(
  pageToken: string | undefined,
): Buffer | undefined {
  if (!pageToken) return undefined;
  const raw = Buffer.from(pageToken, 'base64url');
  const token = raw.subarray(PAGE_TOKEN_CHECK_BYTES);
  if (
    token.length === 0 ||
    !pageTokenCheck(token).equals(raw.subarray(0, PAGE_TOKEN_CHECK_BYTES))
  ) {
    throw new InputError(
      'invalid query: pageToken: not a nextPageToken of this list',
    );
  }
  return token;
}

/**
 * History page tokens are Temporal's own in base64url: they page through one
 * execution, which the caller was allowed to read before the token is used.
 */
export function encodeHistoryPageToken(
  token: TemporalToken,
): string | undefined {
  if (isLastPage(token)) return undefined;
  return Buffer.from(token).toString('base64url');
}

export function decodeHistoryPageToken(
  pageToken: string | undefined,
): Buffer | undefined {
  return pageToken ? Buffer.from(pageToken, 'base64url') : undefined;
}
