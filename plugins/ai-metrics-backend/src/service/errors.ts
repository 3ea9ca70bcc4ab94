import { CustomErrorBase } from '@backstage/errors';

/**
 * Too many ingest batches are in flight: the error handler answers 429 (it
 * reads `statusCode`); the route sets Retry-After before throwing.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
}
