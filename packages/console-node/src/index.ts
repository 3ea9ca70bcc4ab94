/**
 * What every AI Ops Console backend shares.
 *
 * @packageDocumentation
 */
export { consoleRootHttpRouterServiceFactory } from './http/rootHttpRouter';
export {
  consoleMetricsRegistry,
  httpMetricsMiddleware,
  pluginOf,
  routeOf,
} from './http/httpMetrics';
export {
  allowedOriginsFromConfig,
  crossSiteRequestGuard,
} from './http/crossSiteGuard';
export {
  activeSpanContext,
  currentRequestContext,
  requestContextMiddleware,
  type RequestContext,
} from './http/requestContext';
export { securityHeadersMiddleware } from './http/securityHeaders';
export {
  consoleRootLoggerServiceFactory,
  requestContextFormat,
} from './logging';
export {
  documentOperations,
  pathParameterProblems,
  routerOperations,
  unresolvedRefs,
  type OpenApiDocument,
} from './openapi/routeTable';
