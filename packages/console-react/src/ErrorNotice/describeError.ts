import { ResponseError } from '@backstage/errors';

/** The HTTP status of a failed request, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The server's own words for a failure, or the error's message. */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  return error.message;
}

/** What a plugin says about failures that mean the same in every request. */
export type ErrorWording = {
  /**
   * What a 503 means for the reader, a sentence: "Temporal is unavailable
   * right now, so workflow data cannot be read or changed."
   */
  unavailable?: string;
  /** How to get access after a 403, a sentence: "Ask an administrator." */
  forbidden?: string;
};

export type DescribeErrorOptions = ErrorWording & {
  /** Completes "You may not …" for a 403: "list users". */
  action?: string;
};

/**
 * What a failure means for the person looking at the page, in one sentence
 * or two: the status in words, then the server's own message.
 */
export function describeError(
  error: Error,
  options: DescribeErrorOptions = {},
): string {
  const message = errorMessage(error);
  switch (statusOf(error)) {
    case 401:
      return `Your sign-in is no longer accepted: ${message}`;
    case 403:
      return [
        `You may not ${options.action ?? 'do this'}.`,
        options.forbidden,
        message,
      ]
        .filter(Boolean)
        .join(' ');
    case 404:
      return `It does not exist or no longer exists. ${message}`;
    case 503:
      return `${
        options.unavailable ?? 'The service is unavailable right now.'
      } ${message}`;
    default:
      return message;
  }
}
