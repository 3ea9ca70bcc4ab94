import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { isGrpcServiceError } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { ErrorRequestHandler } from 'express';

/** How long a caller should wait before trying again while Temporal is away. */
export const TEMPORAL_RETRY_AFTER_SECONDS = 5;

/**
 * Temporal cannot serve the request now. Its message is the same whatever
 * happened: every signed-in user reads it, and Temporal's address and its
 * client's words (which name the address, the TLS setup or the server's
 * internals) belong in the log, where `mapTemporalError` puts them.
 */
export class TemporalUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('Temporal is unavailable');
  }
}

const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
};

/**
 * Maps a Temporal client error to the error the API answers with: 404, 409
 * and 400 for what the caller asked (Temporal's words about it are kept), a
 * {@link TemporalUnavailableError} for any other answer of Temporal or none,
 * with the detail logged. Errors that did not come from Temporal pass
 * unchanged.
 */
export function mapTemporalError(
  error: unknown,
  options: { address: string; logger: LoggerService },
): Error {
  if (error instanceof WorkflowNotFoundError) {
    return new NotFoundError(error.message);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new ConflictError(
      `a workflow with id ${error.workflowId} is already running`,
    );
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  let grpcError: { code?: number; details?: string } | undefined;
  if (isGrpcServiceError(error)) grpcError = error;
  else if (isGrpcServiceError(cause)) grpcError = cause;
  const text = error instanceof Error ? error.message : String(error);
  const details = grpcError?.details ?? text;
  switch (grpcError?.code) {
    case GRPC.NOT_FOUND:
      return new NotFoundError(details);
    case GRPC.ALREADY_EXISTS:
      return new ConflictError(details);
    case GRPC.INVALID_ARGUMENT:
    case GRPC.FAILED_PRECONDITION:
      return new InputError(details);
    default:
  }
  if (grpcError || /connect|ECONNREFUSED|deadline/i.test(text)) {
    options.logger.warn(
      `Temporal at ${options.address} is unavailable: ${details}`,
    );
    return new TemporalUnavailableError();
  }
  return error instanceof Error ? error : new Error(text);
}

/**
 * Error middleware: a 503 says when to retry. Temporal is the one dependency
 * of these routes, so every 503 is Temporal's.
 */
export function retryAfterOnUnavailable(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (error instanceof ServiceUnavailableError && !res.headersSent) {
      res.set('Retry-After', String(TEMPORAL_RETRY_AFTER_SECONDS));
    }
    next(error);
  };
}
