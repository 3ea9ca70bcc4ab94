import { ResponseError } from '@backstage/errors';
import { z } from 'zod';
import type { ApiOperation } from './operations';

// The client half of the contract: one function per declared operation, typed
// from the same zod declarations the backend's router validates against. It
// knows how an operation is called (method, path, query, JSON body) and what
// it answers; it does not re-validate what it sends (the server does, and
// answers 400 naming the field).

/** What finds a plugin's base URL: the frontend's DiscoveryApi or a backend's DiscoveryService. */
export type ApiClientDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

/** What sends a request: the frontend's FetchApi, or `{ fetch }` in a backend or script. */
export type ApiClientFetch = {
  fetch(input: string, init?: RequestInit): Promise<Response>;
};

type Optional<T, K extends string> = {} extends T
  ? { [P in K]?: T }
  : { [P in K]: T };

/** What a call of `Op` sends, in the form the server accepts (zod input). */
export type ApiRequest<Op extends ApiOperation> =
  (Op['params'] extends z.ZodType
    ? { params: z.input<Op['params']> }
    : { params?: undefined }) &
    (Op['query'] extends z.ZodType
      ? Optional<z.input<Op['query']>, 'query'>
      : { query?: undefined }) &
    (Op['body'] extends z.ZodType
      ? Op['bodyRequired'] extends false
        ? { body?: z.input<Op['body']> }
        : { body: z.input<Op['body']> }
      : { body?: undefined });

// as the client reads it: a declared media type is text, whatever schema
// documents it; otherwise the JSON body's schema, or nothing
type BodyOf<R> = R extends { contentType: string }
  ? string
  : R extends { body: infer B }
  ? B extends z.ZodType
    ? z.output<B>
    : undefined
  : undefined;

/**
 * What a call of `Op` resolves to: the body of any response it declares
 * (JSON parsed, text for a declared non-JSON media type, undefined without a
 * body). A declared non-2xx response (e.g. a health 503 that says what is
 * down) is an answer too; any other status rejects with a `ResponseError`.
 */
export type ApiResponse<Op extends ApiOperation> = {
  [S in keyof Op['responses']]: BodyOf<Op['responses'][S]>;
}[keyof Op['responses']];

type CallOf<Op extends ApiOperation> = {} extends ApiRequest<Op>
  ? (request?: ApiRequest<Op>) => Promise<ApiResponse<Op>>
  : (request: ApiRequest<Op>) => Promise<ApiResponse<Op>>;

/** One function per operation of the spec, named by its operationId. */
export type ApiClient<Ops extends Record<string, ApiOperation>> = {
  [K in keyof Ops]: CallOf<Ops[K]>;
};

/** The request path of an operation: express `:name` segments filled in, encoded. */
export function operationPath(
  operation: Pick<ApiOperation, 'path' | 'operationId'>,
  params: Record<string, unknown> = {},
): string {
  return operation.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(
        `${operation.operationId} needs the path parameter ${name}`,
      );
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * Whether a declared query parameter takes a list in its input form (an
 * array, alone or in a union, under optional, default or transform).
 */
function acceptsList(schema: z.core.$ZodType | undefined): boolean {
  if (!schema) return false;
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    innerType?: z.core.$ZodType;
    in?: z.core.$ZodType;
    options?: z.core.$ZodType[];
  };
  if (def.type === 'array') return true;
  if (def.type === 'union') return def.options!.some(acceptsList);
  if (def.type === 'pipe') return acceptsList(def.in);
  return acceptsList(def.innerType);
}

/**
 * The query string of a call: undefined and empty values are left out.
 * A list for a parameter declared as a list is sent as the parameter
 * repeated (`?model=a&model=b`: OpenAPI's default for an array, and how
 * express parses one back); for a parameter declared as a string (one the
 * server splits, how the console's comma filters are declared) it is sent
 * comma-separated. Everything else goes as its string form.
 */
export function operationQuery(
  query: Record<string, unknown> = {},
  declared?: ApiOperation['query'],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (!Array.isArray(value)) {
      search.set(key, String(value));
    } else if (acceptsList(declared?.shape[key])) {
      for (const item of value) {
        if (item !== undefined && item !== null && item !== '') {
          search.append(key, String(item));
        }
      }
    } else if (value.length) {
      search.set(key, value.map(String).join(','));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Derives a typed client from a plugin's declared API. In a frontend, pass
 * the app's discovery and fetch APIs (so that the user's token and the
 * app's fetch middleware apply); in a backend, the DiscoveryService and a
 * fetch that adds a service token.
 */
export function createApiClient<Ops extends Record<string, ApiOperation>>(
  spec: { pluginId: string; operations: Ops },
  options: { discoveryApi: ApiClientDiscovery; fetchApi: ApiClientFetch },
): ApiClient<Ops> {
  const client: Record<string, unknown> = {};
  for (const [key, operation] of Object.entries(
    spec.operations as Record<string, ApiOperation>,
  )) {
    client[key] = async (
      request: {
        params?: Record<string, unknown>;
        query?: Record<string, unknown>;
        body?: unknown;
      } = {},
    ) => {
      const baseUrl = await options.discoveryApi.getBaseUrl(spec.pluginId);
      const url = `${baseUrl}${operationPath(
        operation,
        request.params,
      )}${operationQuery(request.query, operation.query)}`;
      const init: RequestInit = { method: operation.method.toUpperCase() };
      if (request.body !== undefined) {
        init.headers = { 'Content-Type': 'application/json' };
        init.body = JSON.stringify(request.body);
      }
      const response = await options.fetchApi.fetch(url, init);
      const declared = operation.responses[response.status];
      if (!declared) {
        throw await ResponseError.fromResponse(response);
      }
      if (!declared.body && !declared.contentType) return undefined;
      if (declared.contentType) return response.text();
      return response.json();
    };
  }
  return client as ApiClient<Ops>;
}
