import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { RequestHandler } from 'express';

/** What the console knows of the request a piece of work belongs to. */
export type RequestContext = {
  /** The caller's `X-Request-Id` when it is a sane token, else a new UUID. */
  requestId: string;
};

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id: the one the caller (or a proxy) sent in
 * `X-Request-Id`, when it is a short token, or a new one. The id is echoed in
 * the response and is on every log line written while serving the request.
 */
export function requestContextMiddleware(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId =
      incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    storage.run({ requestId }, () => next());
  };
}
