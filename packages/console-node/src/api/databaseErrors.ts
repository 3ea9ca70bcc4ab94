import { CustomErrorBase, ServiceUnavailableError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/**
 * Too many requests: the error handler answers 429 (it reads `statusCode`);
 * the route sets Retry-After before throwing.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
}

/** Socket errors of a database that cannot be reached (node, pg). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Codes of a database server that is going away, starting up or out of
 * connections: PostgreSQL SQLSTATE class 08 (connection exception), 57P01
 * admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too
 * many connections; SQLite's file locked by another writer.
 */
function describeCode(code: string): string | undefined {
  if (UNREACHABLE_CODES.has(code)) return `cannot connect: ${code}`;
  if (code === '57P01' || code === '57P02') {
    return 'the database server is shutting down';
  }
  if (code === '57P03')
    return 'the database server is not accepting connections yet';
  if (/^08[0-9A-Z]{3}$/.test(code))
    return `connection failure, SQLSTATE ${code}`;
  if (code === '53300') return 'the database server has too many connections';
  if (code === 'SQLITE_BUSY') return 'the database is locked';
  return undefined;
}

/**
 * pg's own errors when the connection went away (no code); knex puts the
 * query before the message, hence no anchor at the start.
 */
const CONNECTION_LOST =
  /(Connection terminated( unexpectedly)?|Client was closed and is not queryable|Client has encountered a connection error and is not queryable)$/;

/**
 * Why the database cannot serve now, in fixed words: the error's own message
 * may hold the database's address or, from knex, the query and its values,
 * and the reason ends up in the response.
 */
function unavailableReason(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, name, message } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
  };
  const byCode = typeof code === 'string' ? describeCode(code) : undefined;
  if (byCode) return byCode;
  if (name === 'KnexTimeoutError') {
    return 'no database connection became free in time';
  }
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) {
    return 'the connection to the database was lost';
  }
  return undefined;
}

/**
 * A 503 for an error of a database that is unreachable or restarting (a
 * temporary condition: the caller retries), undefined for any other error.
 * The original error is not attached, for the same reason.
 */
export function databaseUnavailableError(
  error: unknown,
  pluginId: string,
): ServiceUnavailableError | undefined {
  const reason = unavailableReason(error);
  return reason === undefined
    ? undefined
    : new ServiceUnavailableError(
        `the ${pluginId} database is unavailable (${reason}); retry later`,
      );
}

/**
 * Error middleware turning errors of an unreachable or restarting database
 * into 503 with Retry-After instead of 500; other errors pass unchanged.
 */
export function databaseUnavailableHandler(options: {
  pluginId: string;
  retryAfterSeconds: number;
}): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const unavailable = databaseUnavailableError(error, options.pluginId);
    if (unavailable && !res.headersSent) {
      res.set('Retry-After', String(options.retryAfterSeconds));
    }
    next(unavailable ?? error);
  };
}
