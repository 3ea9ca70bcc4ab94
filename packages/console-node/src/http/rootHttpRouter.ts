import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  allowedOriginsFromConfig,
  crossSiteRequestGuard,
} from './crossSiteGuard';
import { httpMetricsMiddleware } from './httpMetrics';
import { requestContextMiddleware } from './requestContext';
import { securityHeadersMiddleware } from './securityHeaders';

/**
 * Backstage's root HTTP router (helmet with `backend.csp`, CORS from
 * `backend.cors`, `backend.rateLimit`, request logging) with the console's
 * own middleware in front: a request id on every request and log line, HTTP
 * metrics per plugin and route, extra security headers, and the cross-site
 * check for cookie-carrying requests.
 */
export const consoleRootHttpRouterServiceFactory = rootHttpRouterServiceFactory(
  {
    configure({ app, config, applyDefaults }) {
      app.use(requestContextMiddleware());
      app.use(httpMetricsMiddleware());
      app.use(securityHeadersMiddleware());
      app.use(
        crossSiteRequestGuard({
          allowedOrigins: allowedOriginsFromConfig(config),
        }),
      );
      applyDefaults();
    },
  },
);
