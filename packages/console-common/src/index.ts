/**
 * The AI Ops Console's API contract toolkit, isomorphic: a plugin declares
 * its operations once (in its -common package); the backend routes them
 * (`createApiRouter` in console-node), clients are derived from them, and the
 * OpenAPI document is generated from them.
 *
 * @packageDocumentation
 */
export {
  defineApi,
  type ApiErrorStatus,
  type ApiOperation,
  type ApiSpec,
  type ApiSuccessResponse,
  type HttpMethod,
} from './api/operations';
export {
  buildOpenApiDocument,
  type OpenApiDocumentObject,
} from './api/openApiDocument';
export {
  createApiClient,
  operationPath,
  operationQuery,
  type ApiClient,
  type ApiClientDiscovery,
  type ApiClientFetch,
  type ApiRequest,
  type ApiResponse,
} from './api/client';
