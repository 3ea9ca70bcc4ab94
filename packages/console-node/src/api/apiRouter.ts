import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ApiOperation, ApiSpec } from '@ai-ops-console/console-common';
import { RequestTimeoutError } from './databaseErrors';
import { parseOrThrow } from './validation';

// The router half of the console's API contract (declared with `defineApi`
// from console-common): each declared operation validates its request (400
// naming each bad field) and types its handler. In tests, successful
// responses are checked against their declared schema too.

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler gets: the request, already checked and parsed. */
export type ApiContext<Op extends ApiOperation> = {
  req: Request;
  res: Response;
  /** The caller; throws when the operation authenticates in its handler. */
  credentials: BackstageCredentials;
  params: Out<Op['params']>;
  query: Out<Op['query']>;
  body: Out<Op['body']>;
  /**
   * Reads the JSON body now, within the router's `jsonLimit` (413 past it;
   * 400 when a required body is not JSON), for `bodyReadBy: 'handler'`.
   * With `timeoutMs`, a body that has not arrived by then answers 408 and
   * the connection is closed, so that a slow client holds nothing longer.
   */
  readBody(options?: { timeoutMs?: number }): Promise<unknown>;
  /** Validates a body the handler read itself (`bodyReadBy: 'handler'`). */
  parseBody(value: unknown): Out<Op['body']>;
};

export type ApiRouterOptions = {
  spec: ApiSpec<Record<string, ApiOperation>>;
  /** The caller of every operation that does not say otherwise. */
  authenticate: (req: Request) => Promise<BackstageCredentials>;
  /** Largest JSON body read by the router (default 1mb). */
  jsonLimit?: string | number;
  /**
   * Checks every successful response against its declared schema and
   * fails the request (500) when it does not match or has undeclared
   * fields. Default: on when NODE_ENV is `test`.
   */
  validateResponses?: boolean;
};

export type ApiRouter = {
  /** The express router to hand to `httpRouter.use`. */
  router: express.Router;
  /** Routes a declared operation to the handler that serves it. */
  add<const Op extends ApiOperation>(
    operation: Op,
    handler: (ctx: ApiContext<Op>) => Promise<void>,
  ): void;
  /** The declared operations not routed yet (none, once set up). */
  unrouted(): string[];
  /**
   * The router, once every declared operation is routed; throws naming the
   * ones that are not, so that a plugin cannot start with a documented
   * operation that answers 404.
   */
  complete(): express.Router;
};

/**
 * Creates the router of a declared API; GET /openapi.json is routed here,
 * to callers that `authenticate` lets in.
 */
export function createApiRouter(options: ApiRouterOptions): ApiRouter {
  const { spec } = options;
  const router = Router();
  const declared = Object.values(spec.operations);
  const routed = new Set<ApiOperation>();
  const readJson = express.json({ limit: options.jsonLimit ?? '1mb' });
  const validateResponses =
    options.validateResponses ?? process.env.NODE_ENV === 'test';

  const api: ApiRouter = {
    router,
    add(operation, handler) {
      if (!declared.includes(operation)) {
        throw new Error(
          `operation ${operation.operationId} is not declared in the ${spec.pluginId} API`,
        );
      }
      if (routed.has(operation)) {
        throw new Error(`operation ${operation.operationId} is routed twice`);
      }
      routed.add(operation);
      router[operation.method](operation.path, async (req, res) => {
        const credentials = await authenticate(operation, req);
        const params = operation.params
          ? parseOrThrow('path parameters', operation.params, req.params)
          : undefined;
        const query = operation.query
          ? parseOrThrow('query', operation.query, req.query)
          : undefined;
        const body =
          operation.body && operation.bodyReadBy !== 'handler'
            ? parseOrThrow(
                'body',
                operation.body,
                await readBody(operation, req, res),
              )
            : undefined;
        if (validateResponses) checkResponses(operation, res);
        await handler({
          req,
          res,
          get credentials(): BackstageCredentials {
            if (!credentials) {
              throw new Error(
                `${operation.operationId} authenticates in its handler`,
              );
            }
            return credentials;
          },
          params,
          query,
          body,
          readBody: (readOptions?: { timeoutMs?: number }) =>
            readBody(operation, req, res, readOptions?.timeoutMs),
          parseBody: (value: unknown) =>
            parseOrThrow('body', operation.body ?? z.undefined(), value),
        } as ApiContext<typeof operation>);
      });
    },
    unrouted: () =>
      declared.filter(o => !routed.has(o)).map(o => o.operationId),
    complete() {
      const missing = api.unrouted();
      if (missing.length > 0) {
        throw new Error(
          `${
            spec.pluginId
          } declares operations it does not route: ${missing.join(', ')}`,
        );
      }
      return router;
    },
  };

  async function authenticate(operation: ApiOperation, req: Request) {
    if (operation.auth === 'handler') return undefined;
    return options.authenticate(req);
  }

  async function readBody(
    operation: ApiOperation,
    req: Request,
    res: Response,
    timeoutMs?: number,
  ): Promise<unknown> {
    const required = operation.bodyRequired ?? true;
    if (!req.is('application/json')) {
      if (required || Number(req.headers['content-length'] ?? 0) > 0) {
        throw new InputError(
          'a JSON body is required (Content-Type: application/json)',
        );
      }
      return {};
    }
    await new Promise<void>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              // answered now; the rest of the body is never read, as node
              // closes the connection after the answer
              res.set('Connection', 'close');
              reject(
                new RequestTimeoutError(
                  `the request body did not arrive within ${timeoutMs} ms`,
                ),
              );
            }, timeoutMs);
      readJson(req, res, error => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      });
    });
    return req.body ?? {};
  }

  api.add(spec.operations.getOpenApiDocument, async ({ res }) => {
    res.json(spec.document());
  });

  return api;
}

/**
 * Wraps `res.json` so that a 2xx body is checked against the operation's
 * declared response: a status without a declaration, a body that does not
 * parse, or a field the schema does not declare fails the request.
 */
function checkResponses(operation: ApiOperation, res: Response) {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const status = res.statusCode;
    if (status >= 200 && status < 300) {
      const problem = responseProblem(operation, status, body);
      if (problem) {
        throw new Error(
          `response of ${operation.operationId} does not match its schema: ${problem}`,
        );
      }
    }
    return json(body);
  };
}

function responseProblem(
  operation: ApiOperation,
  status: number,
  body: unknown,
): string | undefined {
  const declared = operation.responses[status];
  if (!declared) return `status ${status} is not declared`;
  if (!declared.body) return `status ${status} declares no JSON body`;
  const sent = JSON.parse(JSON.stringify(body ?? null));
  const result = declared.body.safeParse(sent);
  if (!result.success) {
    return result.error.issues
      .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
  }
  const extra = undeclaredFields(sent, result.data, '');
  return extra.length
    ? `undeclared fields ${extra.slice(0, 10).join(', ')}`
    : undefined;
}

/** Fields of the sent JSON that parsing dropped (not in the schema). */
function undeclaredFields(
  sent: unknown,
  parsed: unknown,
  at: string,
): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    return sent.flatMap((item, i) =>
      undeclaredFields(item, parsed[i], `${at}[${i}]`),
    );
  }
  if (
    sent &&
    parsed &&
    typeof sent === 'object' &&
    typeof parsed === 'object' &&
    !Array.isArray(sent)
  ) {
    const out = parsed as Record<string, unknown>;
    return Object.entries(sent as Record<string, unknown>).flatMap(
      ([key, value]) => {
        const path = at ? `${at}.${key}` : key;
        return key in out ? undeclaredFields(value, out[key], path) : [path];
      },
    );
  }
  return [];
}
