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

/** The plugin a request went to: `/api/<plugin>/…`, or the app. */
export function pluginOf(path: string): string {
  const api = /^\/api\/([a-z0-9-]{1,64})(?:\/|$)/i.exec(path);
  if (api) return api[1].toLowerCase();
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

/** Times every request and counts it under plugin, route, method and status. */
export function httpMetricsMiddleware(): RequestHandler {
  return (req, res, next) => {
    const end = duration.startTimer();
    const plugin = pluginOf(req.path);
    res.once('finish', () => {
      end({
        plugin,
        route: plugin === 'app' ? 'static' : routeOf(req),
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        status: String(res.statusCode),
      });
    });
    next();
  };
}
