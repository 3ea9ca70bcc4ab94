import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  coreServices,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  allowedOriginsFromConfig,
  crossSiteRequestGuard,
} from './crossSiteGuard';
import { httpMetricsMiddleware, MountedPlugins } from './httpMetrics';
import { requestContextMiddleware } from './requestContext';
import { securityHeadersMiddleware } from './securityHeaders';
import { withTrustProxy } from './trustProxy';
import { gateWebSocketUpgrades } from './webSocketGate';

/**
 * Backstage's root HTTP router (helmet with `backend.csp`, CORS from
 * `backend.cors`, `backend.rateLimit`, request logging) with the console's
 * own middleware in front: a request id on every request and log line, HTTP
 * metrics per plugin and route, extra security headers, and the cross-site
 * check for cookie-carrying requests, and the gates that other root services
 * (the console's session guard) put in front of every WebSocket upgrade.
 * `backend.trustProxy` is read by `readTrustProxy` (hops as text, `true`
 * refused) before Backstage hands it to Express.
 *
 * The metrics label a request with its plugin only when that plugin is
 * mounted: the router notes each path it mounts.
 */
export const consoleRootHttpRouterServiceFactory = createServiceFactory({
  service: coreServices.rootHttpRouter,
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
    health: coreServices.rootHealth,
  },
  async factory(deps) {
    const plugins = new MountedPlugins();
    const backstage = rootHttpRouterServiceFactory({
      configure({ app, server, config, logger, applyDefaults }) {
        // keyed by the root config object that other services are handed,
        // not by the trustProxy view of it below
        gateWebSocketUpgrades({ server, rootConfig: deps.config, logger });
        app.use(requestContextMiddleware());
        app.use(httpMetricsMiddleware({ plugins }));
        app.use(securityHeadersMiddleware());
        app.use(
          crossSiteRequestGuard({
            allowedOrigins: allowedOriginsFromConfig(config),
          }),
        );
        applyDefaults();
      },
    });
    return plugins.recording(
      await createRootService(backstage, {
        ...deps,
        config: withTrustProxy(deps.config),
      }),
    );
  },
});

/**
 * The service of another root service factory. Backstage has no way to
 * decorate a root service; its service factories have carried their
 * `factory(deps)` since the backend system's first version, and the deps
 * here are the ones Backstage's root HTTP router declares.
 */
function createRootService<T>(
  factory: ServiceFactory<T, 'root'>,
  deps: object,
): Promise<T> {
  const internal = factory as unknown as {
    deps: Record<string, unknown>;
    factory(deps: object): Promise<T>;
  };
  const missing = Object.keys(internal.deps).filter(name => !(name in deps));
  if (missing.length > 0) {
    throw new Error(
      `Backstage's root HTTP router needs services this wrapper does not pass: ${missing.join(
        ', ',
      )}`,
    );
  }
  return internal.factory(deps);
}
