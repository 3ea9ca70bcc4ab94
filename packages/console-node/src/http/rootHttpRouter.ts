import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  allowedOriginsFromConfig,
  crossSiteRequestGuard,
} from './crossSiteGuard';
import { httpMetricsMiddleware } from './httpMetrics';
import { requestContextMiddleware } from './requestContext';
import { securityHeadersMiddleware } from './securityHeaders';
import { gateWebSocketUpgrades } from './webSocketGate';

/**
 * Backstage's root HTTP router (helmet with `backend.csp`, CORS from
 * `backend.cors`, `backend.rateLimit`, request logging) with the console's
 * own middleware in front: a request id on every request and log line, HTTP
 * metrics per plugin and route, extra security headers, and the cross-site
 * check for cookie-carrying requests, and the gates that other root services
 * (the console's session guard) put in front of every WebSocket upgrade.
 */
export const consoleRootHttpRouterServiceFactory = rootHttpRouterServiceFactory(
  {
    configure({ app, server, config, logger, applyDefaults }) {
      gateWebSocketUpgrades({ server, rootConfig: config, logger });
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
