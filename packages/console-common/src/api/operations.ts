import { z } from 'zod';
import { buildOpenApiDocument, OpenApiDocumentObject } from './openApiDocument';

// One schema per route: each operation is declared once, with zod schemas for
// its path parameters, query, body and responses. The declarations are
// isomorphic (no Node imports), so that a plugin keeps them in its -common
// package: the backend's router validates requests against them and types its
// handlers, the typed client derived from them serves the frontend, other
// backends and scripts, and they are the only source of the plugin's OpenAPI
// document.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A success response of an operation. */
export type ApiSuccessResponse = {
  description: string;
  /** Schema of a JSON body; omitted for a response without one. */
  body?: z.ZodType;
  /** Media type of a body that is not JSON (e.g. Prometheus text). */
  contentType?: string;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
};

/** Error statuses an operation can answer besides 400 and 401. */
export type ApiErrorStatus = 403 | 404 | 408 | 409 | 413 | 415 | 429 | 503;

export type ApiOperation = {
  method: HttpMethod;
  /** Express path, e.g. `/users/:userRef/roles`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /**
   * Who may call: the router's `authenticate` (the default), or
   * `'handler'` when the handler checks the caller itself (it must still
   * answer 401 and 403 itself; documented as bearer).
   */
  auth?: 'handler' | undefined;
  /** Path parameters, as strings (express decodes them). */
  params?: z.ZodObject;
  /** The query; an object schema, refinements allowed. */
  query?: z.ZodObject;
  /** The JSON request body. */
  body?: z.ZodType;
  /** Whether a body must be sent (default true when `body` is set). */
  bodyRequired?: boolean;
  /**
   * `'handler'` when the handler reads and validates the body itself with
   * `ctx.parseBody` (to refuse work before reading it).
   */
  bodyReadBy?: 'router' | 'handler';
  /** Success responses by status. */
  responses: Record<number, ApiSuccessResponse>;
  /** Error statuses besides 400 (any input) and 401 (authenticated). */
  errors?: ApiErrorStatus[];
};

/** A plugin's API: its operations, declared once, and its document. */
export type ApiSpec<Ops extends Record<string, ApiOperation>> = {
  pluginId: string;
  description: string;
  /** The declared operations, `getOpenApiDocument` included. */
  operations: Ops & { getOpenApiDocument: ApiOperation };
  /** The OpenAPI 3.0 document generated from the operations. */
  document(): OpenApiDocumentObject;
};

const openApiDocumentResponse = z
  .looseObject({
    openapi: z.string(),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: 'An OpenAPI 3.0 document.' });

/**
 * Declares a plugin's API. Kept apart from the router so that the document
 * can be generated (and checked in) without starting the plugin.
 */
export function defineApi<
  const Ops extends Record<string, ApiOperation>,
>(options: {
  /** The plugin id, also the document's title. */
  pluginId: string;
  description: string;
  operations: Ops;
}): ApiSpec<Ops> {
  const operations = {
    ...options.operations,
    getOpenApiDocument: {
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      description:
        'Generated from the same schemas that validate the requests.',
      tags: ['meta'],
      responses: {
        200: { description: 'The document.', body: openApiDocumentResponse },
      },
    } satisfies ApiOperation,
  };
  const all = Object.values(operations) as ApiOperation[];
  for (const [key, operation] of Object.entries(operations)) {
    if (key !== operation.operationId) {
      throw new Error(
        `operation ${key} has the operationId ${operation.operationId}`,
      );
    }
    const twin = all.find(
      o =>
        o !== operation &&
        o.method === operation.method &&
        o.path === operation.path,
    );
    if (twin) {
      throw new Error(
        `${operation.method} ${operation.path} is declared twice (${operation.operationId}, ${twin.operationId})`,
      );
    }
  }
  let document: OpenApiDocumentObject | undefined;
  return {
    pluginId: options.pluginId,
    description: options.description,
    operations,
    document() {
      document ??= buildOpenApiDocument({
        title: options.pluginId,
        description: options.description,
        operations: all,
      });
      return document;
    },
  };
}
