import { RootHttpRouterService } from '@backstage/backend-plugin-api';
import { Request, RequestHandler } from 'express';
import { Histogram, Registry } from 'prom-client';

/**
 * The console's process-wide metrics beside each plugin's own: today the
 * HTTP server metrics of every plugin. The ai-metrics plugin's scrape
 * endpoint exports it together with the AI metrics.
 */
export const consoleMetricsRegistry = new Registry();

const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

/** OpenTelemetry's recommended boundaries for http.server.request.duration. */
const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

const duration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP server requests, by plugin, route template, method and status',
  labelNames: ['plugin', 'route', 'method', 'status'] as const,
  buckets: BUCKETS,
  registers: [consoleMetricsRegistry],
});

/**
 * The plugins mounted on one backend's root router, as they mount:
 * Backstage mounts each plugin's router at `/api/<pluginId>`.
 */
export class MountedPlugins {
  private readonly ids = new Set<string>();

  /** Notes a path given to the root router's `use`. */
  mounted(path: string) {
    const api = /^\/api\/([a-z0-9-]{1,64})\/?$/i.exec(path);
    // express matches mount paths without case
    if (api) this.ids.add(api[1].toLocaleLowerCase('en-US'));
  }

  has(pluginId: string): boolean {
    return this.ids.has(pluginId.toLocaleLowerCase('en-US'));
  }

  /** The router, noting every path it is asked to mount. */
  recording(router: RootHttpRouterService): RootHttpRouterService {
    return {
      use: (path, handler) => {
        router.use(path, handler);
        this.mounted(path);
      },
      addWebSocketHandler: options => router.addWebSocketHandler(options),
    };
  }
}

/** Label value of the requests under /api/ that no mounted plugin serves. */
export const UNKNOWN_PLUGIN = 'unknown';

/**
 * The plugin a request went to: the id of a mounted plugin for
 * `/api/<pluginId>/…`, `unknown` for any other path under /api/ (whoever
 * sends the request picks it, signed in or not, so it never becomes a label
 * value), `backstage` for Backstage's own, or the app.
 */
export function pluginOf(path: string, plugins: MountedPlugins): string {
  const api = /^\/api\/([^/]*)/i.exec(path);
  if (api) {
    const id = api[1].toLocaleLowerCase('en-US');
    return plugins.has(id) ? id : UNKNOWN_PLUGIN;
  }
  if (path.startsWith('/.backstage/')) return 'backstage';
  return 'app';
}

/**
 * The route template that served the request (`/executions/:workflowId`),
 * never the raw path, so that label values stay few. Requests no route
 * matched (404s, static files) share one value.
 */
export function routeOf(req: Request): string {
  const path = (req as { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? path : 'unmatched';
}

/**
 * Times every request and counts it under plugin, route, method and status;
 * every label takes its values from a set the server defines.
 */
export function httpMetricsMiddleware(options: {
  plugins: MountedPlugins;
}): RequestHandler {
  return (req, res, next) => {
    const end = duration.startTimer();
    const plugin = pluginOf(req.path, options.plugins);
    res.once('finish', () => {
      let route = 'unmatched';
      if (plugin === 'app') route = 'static';
      else if (plugin !== UNKNOWN_PLUGIN) route = routeOf(req);
      end({
        plugin,
        route,
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        status: String(res.statusCode),
      });
    });
    next();
  };
}
