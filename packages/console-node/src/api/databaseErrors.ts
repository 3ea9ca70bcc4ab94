import { CustomErrorBase, ServiceUnavailableError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';

/**
 * Too many requests: the error handler answers 429 (it reads `statusCode`);
 * the route sets Retry-After before throwing.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
}

/**
 * The request (its body) did not arrive in time: the error handler answers
 * 408, and the connection is closed after the answer.
 */
export class RequestTimeoutError extends CustomErrorBase {
  name = 'RequestTimeoutError' as const;
  readonly statusCode = 408;
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
 * Why the database cannot serve now, for the server log; undefined when the
 * error is not about reaching the database.
 */
export function databaseUnavailableReason(error: unknown): string | undefined {
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
 * Its message says only that: the reason, the driver's code and the
 * error's own text (the database's address, from knex the query and its
 * values) are for the server log, never for the response; the original
 * error is not attached for the same reason.
 */
export function databaseUnavailableError(
  error: unknown,
  pluginId: string,
): ServiceUnavailableError | undefined {
  return databaseUnavailableReason(error) === undefined
    ? undefined
    : new ServiceUnavailableError(
        `the ${pluginId} database is unavailable; retry later`,
      );
}

/**
 * Errors of the SQLite driver: their message holds the query and its
 * values. Backstage's error handler hides pg's `DatabaseError` from 500
 * bodies, but not these.
 */
function isSqliteError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.constructor.name === 'SqliteError' ||
      /^SQLITE_/.test(String((error as { code?: unknown }).code ?? '')))
  );
}

/**
 * Error middleware of a plugin's router: an error of an unreachable or
 * restarting database answers 503 with Retry-After instead of 500, saying
 * only that the database is unavailable (the detail is logged); any other
 * 503, and a 429, gets Retry-After too when the route did not set one; a SQLite error answers a plain 500 (logged with
 * an id the body names); other errors pass unchanged.
 */
export function databaseUnavailableHandler(options: {
  pluginId: string;
  retryAfterSeconds: number;
  /** Where the detail goes; without it, it is not recorded. */
  logger?: LoggerService;
}): ErrorRequestHandler {
  const { pluginId, logger } = options;
  return (error, req, res, next) => {
    const reason = databaseUnavailableReason(error);
    if (reason !== undefined) {
      logger?.warn(
        `${pluginId} database unavailable (${reason}) on ${req.method} ${req.path}`,
        error,
      );
      if (!res.headersSent) {
        res.set('Retry-After', String(options.retryAfterSeconds));
      }
      next(databaseUnavailableError(error, pluginId));
      return;
    }
    const { name, statusCode } = (error ?? {}) as {
      name?: unknown;
      statusCode?: unknown;
    };
    if (
      (name === 'ServiceUnavailableError' || statusCode === 429) &&
      !res.headersSent &&
      !res.get('Retry-After')
    ) {
      // another dependency (e.g. the catalog) is away, or the plugin is
      // busy: the caller retries alike
      res.set('Retry-After', String(options.retryAfterSeconds));
    }
    if (isSqliteError(error)) {
      const logId = randomBytes(10).toString('hex');
      logger?.error(`${pluginId} database error logId=${logId}`, error);
      const hidden = new Error(`An internal error occurred logId=${logId}`);
      delete hidden.stack;
      next(hidden);
      return;
    }
    next(error);
  };
}

/**
 * Errors whose name and message are written for the caller: Backstage's
 * own (but not ResponseError or ForwardedError, which carry another
 * service's status and body) and the console's 408 and 429.
 */
const FOR_THE_CALLER = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'TooManyRequestsError',
  'RequestTimeoutError',
]);

/**
 * The last error middleware of a plugin's router: an error not written for
 * the caller (a driver's, a fetch's with the address of what it could not
 * reach in its cause, another service's answer passed on with its status)
 * becomes a plain 500 naming a log id, and is logged with that id. Errors
 * written for the caller pass without their cause; body-parser's 4xx
 * (`expose`) pass as they are.
 */
export function internalErrorFilter(options: {
  pluginId: string;
  logger: LoggerService;
}): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const { name, message, expose, statusCode, cause } = (error ?? {}) as {
      name?: unknown;
      message?: unknown;
      expose?: unknown;
      statusCode?: unknown;
      cause?: unknown;
    };
    if (expose === true && typeof statusCode === 'number' && statusCode < 500) {
      next(error);
      return;
    }
    if (typeof name === 'string' && FOR_THE_CALLER.has(name)) {
      if (cause === undefined) {
        next(error);
        return;
      }
      options.logger.warn(`${options.pluginId}: ${name} caused by`, {
        cause: String(cause),
      });
      // Backstage's errors append their cause to the message
      const own = String(message).split('; caused by ')[0];
      next(
        Object.assign(new Error(own), {
          name,
          ...(typeof statusCode === 'number' ? { statusCode } : {}),
        }),
      );
      return;
    }
    const logId = randomBytes(10).toString('hex');
    options.logger.error(
      `${options.pluginId}: ${req.method} ${req.path} failed, logId=${logId}`,
      error instanceof Error ? error : new Error(String(error)),
    );
    const hidden = new Error(`An internal error occurred logId=${logId}`);
    delete hidden.stack;
    next(hidden);
  };
}
