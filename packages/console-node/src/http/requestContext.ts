import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  context,
  isSpanContextValid,
  SpanContext,
  trace,
} from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { Request, RequestHandler, Response } from 'express';
import { routeOf } from './httpMetrics';

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
 * The OpenTelemetry span context active here (the request's server span
 * while serving a request), when tracing is on and the context is valid.
 */
export function activeSpanContext(): SpanContext | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext)
    ? spanContext
    : undefined;
}

/**
 * Gives every request an id: the one the caller (or a proxy) sent in
 * `X-Request-Id`, when it is a short token, or a new one. The id is echoed in
 * the response and is on every log line written while serving the request.
 * When the request is traced, its trace id is echoed too, in `X-Trace-Id`, so
 * that a support case can go from a response straight to its trace, and its
 * server span is named after the full route (see `nameServerSpan`).
 */
export function requestContextMiddleware(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId =
      incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const traceId = activeSpanContext()?.traceId;
    if (traceId) {
      res.setHeader('X-Trace-Id', traceId);
      nameServerSpan(req, res);
    }
    const requestContext = { requestId };
    bindResponseEvents(res, requestContext);
    storage.run(requestContext, () => next());
  };
}

/**
 * Emits the response's `finish` and `close` inside the request's context.
 * Node emits them from whatever async context completes the write, which is
 * often not the request's, so listeners registered while serving it, such as
 * Backstage's access-log line, would otherwise log without the request id
 * or trace id (about half of them did).
 */
function bindResponseEvents(res: Response, requestContext: RequestContext) {
  const otelContext = context.active();
  const emit = res.emit;
  res.emit = function emitInRequestContext(
    this: Response,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event !== 'finish' && event !== 'close') {
      return emit.call(this, event, ...args);
    }
    return storage.run(requestContext, () =>
      context.with(otelContext, () => emit.call(this, event, ...args)),
    );
  } as Response['emit'];
}

/**
 * Gives the HTTP instrumentation the full route template of an API request
 * (`/api/workflows/executions/:workflowId`), from which it names the server
 * span (`POST /api/workflows/executions/:workflowId`) and sets `http.route`.
 * Under Backstage's plugin routing, Express alone sees only the route inside
 * the plugin's router (`/executions/:workflowId`).
 */
function nameServerSpan(req: Request, res: Response) {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type !== RPCType.HTTP || !req.path.startsWith('/api/')) {
    return;
  }
  // read now: inside a plugin's router, express strips its mount path
  const plugin = /^\/api\/([^/]+)/.exec(req.path)?.[1];
  // the server span ends on 'close', after this
  res.once('finish', () => {
    // a route matched only inside a mounted plugin's router (Backstage's
    // root router ends /api/ paths that no plugin has)
    const route = routeOf(req);
    if (route !== 'unmatched' && plugin) {
      rpc.route = `/api/${plugin.toLocaleLowerCase('en-US')}${
        route === '/' ? '' : route
      }`;
    }
  });
}
