/**
 * What every AI Ops Console backend shares.
 *
 * @packageDocumentation
 */
export { consoleRootHttpRouterServiceFactory } from './http/rootHttpRouter';
export {
  consoleMetricsRegistry,
  httpMetricsMiddleware,
  MountedPlugins,
  pluginOf,
  routeOf,
  UNKNOWN_PLUGIN,
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
export { readTrustProxy } from './http/trustProxy';
export {
  addWebSocketGate,
  gateWebSocketUpgrades,
  type WebSocketGate,
} from './http/webSocketGate';
export {
  consoleRootLoggerServiceFactory,
  requestContextFormat,
} from './logging';
export {
  apiDocumentProblems,
  documentOperations,
  pathParameterProblems,
  routerOperations,
  unresolvedRefs,
  type OpenApiDocument,
} from './openapi/routeTable';
export {
  createApiRouter,
  type ApiContext,
  type ApiRouter,
  type ApiRouterOptions,
} from './api/apiRouter';
export { formatPath, inputErrorOf, parseOrThrow } from './api/validation';
export {
  databaseUnavailableError,
  databaseUnavailableHandler,
  internalErrorFilter,
  RequestTimeoutError,
  TooManyRequestsError,
} from './api/databaseErrors';
export {
  DatabaseHealth,
  type DatabaseHealthReport,
} from './api/DatabaseHealth';
export {
  actorOf,
  auditMeta,
  AuditTrail,
  PERMISSION_DENIED_EVENT,
  type AuditActor,
  type AuditEvent,
  type AuditMeta,
  type AuditRecord,
  type AuditRecorder,
} from './audit/AuditTrail';
export {
  PERMISSION_SERVICE_UNAVAILABLE,
  PermissionGate,
  type AllowingDecision,
  type PermissionCheck,
} from './permissions/PermissionGate';
export {
  productionConfigCheckPlugin,
  productionConfigProblems,
} from './config/productionConfig';
export {
  createRemotePluginsCheckPlugin,
  selfResolvedPlugins,
} from './config/remotePlugins';
