import { z } from 'zod';
import type { ApiOperation } from './operations';

/** An OpenAPI 3.0 document, as plain JSON. */
export type OpenApiDocumentObject = {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, unknown>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, unknown>;
  };
};

type Json = Record<string, unknown>;

const METHOD_ORDER = ['get', 'put', 'post', 'patch', 'delete'];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; the message names each bad field.',
  401: 'Missing, expired or revoked credentials.',
  403: 'The caller is not permitted to do this.',
  404: 'Not found.',
  408: 'The body did not arrive in time; send it again.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than allowed.',
  415: 'The body is not of a supported media type.',
  429: 'Too many requests; retry after Retry-After seconds.',
  503: 'A service this plugin depends on is unavailable; retry after Retry-After seconds when given.',
};

/** The body Backstage's error handler writes for every error status. */
const ERROR_SCHEMA: Json = {
  type: 'object',
  description: 'The error, as Backstage writes it for every error status.',
  properties: {
    error: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        message: { type: 'string' },
      },
      required: ['name', 'message'],
    },
    request: {
      type: 'object',
      properties: { method: { type: 'string' }, url: { type: 'string' } },
    },
    response: {
      type: 'object',
      properties: { statusCode: { type: 'integer' } },
    },
  },
  required: ['error'],
};

const RETRY_AFTER = {
  description: 'Seconds to wait before retrying.',
  schema: { type: 'integer', minimum: 0 },
};

/**
 * zod writes a `$ref` with a description beside it as `allOf: [$ref]` plus
 * the description (OpenAPI 3.0 ignores siblings of `$ref`); once the
 * description has moved to the parameter, the `$ref` alone is enough.
 */
function unwrapAllOf(schema: Json): Json {
  const { allOf, ...rest } = schema;
  if (
    Array.isArray(allOf) &&
    allOf.length === 1 &&
    Object.keys(rest).length === 0
  ) {
    return allOf[0] as Json;
  }
  return schema;
}

/**
 * The shared schemas of the document. zod puts the schemas that carry an id
 * under `definitions` of each conversion; they are gathered here once, and
 * an id whose input and output forms differ gets a second, `Input`, entry.
 */
class Components {
  /** Each component as written in the document. */
  private readonly schemas = new Map<string, Json>();
  /** Each component as zod wrote it, to tell two forms of one id apart. */
  private readonly written = new Map<string, string>();

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, {
      target: 'openapi-3.0',
      io,
      unrepresentable: 'any',
    }) as Json;
    const definitions = (json.definitions ?? {}) as Record<string, Json>;
    delete json.definitions;
    delete json.$schema;
    const names = new Map<string, string>();
    for (const [id, definition] of Object.entries(definitions)) {
      names.set(id, this.nameFor(id, definition, io));
    }
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (!node || typeof node !== 'object') return node;
      const single = unwrapAllOf(node as Json);
      if (single !== node) return rewrite(single);
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => {
          if (key === '$ref' && typeof value === 'string') {
            const id = value.replace(/^#\/definitions\//, '');
            return [key, `#/components/schemas/${names.get(id) ?? id}`];
          }
          return [key, rewrite(value)];
        }),
      );
    };
    for (const [id, definition] of Object.entries(definitions)) {
      const name = names.get(id)!;
      this.written.set(name, JSON.stringify(definition));
      this.schemas.set(name, rewrite(definition) as Json);
    }
    return rewrite(json) as Json;
  }

  private nameFor(id: string, definition: Json, io: string): string {
    const text = JSON.stringify(definition);
    const taken = this.written.get(id);
    if (taken === undefined || taken === text) return id;
    const alternative = io === 'input' ? `${id}Input` : `${id}Output`;
    const other = this.written.get(alternative);
    if (other === undefined || other === text) return alternative;
    throw new Error(`two different schemas carry the id ${id}`);
  }

  sorted(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }
}

/**
 * Builds the OpenAPI 3.0 document of a router's operations from their zod
 * schemas: request parts in their input form (what a caller sends, before
 * transforms and defaults), responses in their output form. Schemas given an
 * id with `.meta({ id })` become shared components.
 */
export function buildOpenApiDocument(options: {
  title: string;
  description: string;
  operations: readonly ApiOperation[];
}): OpenApiDocumentObject {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  const byPath = [...options.operations].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
  );
  for (const operation of byPath) {
    const path = operation.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][operation.method] = describeOperation(operation, components);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: options.title,
      version: '1',
      description: options.description,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA, ...components.sorted() },
    },
  };
}

function describeOperation(operation: ApiOperation, components: Components) {
  const parameters = [
    ...pathParameters(operation, components),
    ...queryParameters(operation, components),
  ];
  const responses: Json = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    let content: Json | undefined;
    if (response.body) {
      content = {
        [response.contentType ?? 'application/json']: {
          schema: components.convert(response.body, 'output'),
        },
      };
    } else if (response.contentType) {
      content = { [response.contentType]: { schema: { type: 'string' } } };
    }
    const headers = response.headers
      ? Object.fromEntries(
          Object.entries(response.headers).map(([name, header]) => [
            name,
            {
              description: header.description,
              schema: components.convert(header.schema, 'output'),
            },
          ]),
        )
      : undefined;
    responses[status] = {
      description: response.description,
      ...(headers && { headers }),
      ...(content && { content }),
    };
  }
  const errors = new Set<number>(operation.errors ?? []);
  if (operation.params || operation.query || operation.body) errors.add(400);
  errors.add(401);
  for (const status of [...errors].sort()) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? `Status ${status}.`,
      ...((status === 429 || status === 503) && {
        headers: { 'Retry-After': RETRY_AFTER },
      }),
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/Error' },
        },
      },
    };
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    ...(operation.tags && { tags: operation.tags }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.body && {
      requestBody: {
        required: operation.bodyRequired ?? true,
        content: {
          'application/json': {
            schema: components.convert(operation.body, 'input'),
          },
        },
      },
    }),
    responses,
  };
}

function pathParameters(operation: ApiOperation, components: Components) {
  const names = [...operation.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(
    m => m[1],
  );
  const schema = operation.params
    ? components.convert(operation.params, 'input')
    : undefined;
  const properties = (schema?.properties ?? {}) as Record<string, Json>;
  return names.map(name => {
    const { description, ...parameterSchema } = properties[name] ?? {
      type: 'string',
    };
    return {
      name,
      in: 'path',
      required: true,
      ...(description !== undefined && { description }),
      schema: unwrapAllOf(parameterSchema),
    };
  });
}

function queryParameters(operation: ApiOperation, components: Components) {
  if (!operation.query) return [];
  const schema = components.convert(operation.query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...parameterSchema } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(description !== undefined && { description }),
      schema: unwrapAllOf(parameterSchema),
    };
  });
}
