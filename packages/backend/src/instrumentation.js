/*
 * OpenTelemetry tracing for the backend, loaded before anything else with
 * `node --require ./src/instrumentation.js` (`yarn start` does it) so that
 * the instrumented modules are patched when the backend first loads them.
 *
 * Off unless an exporter is configured: set OTEL_EXPORTER_OTLP_ENDPOINT
 * (e.g. http://127.0.0.1:4318, OTLP over HTTP/protobuf) or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_TRACES_EXPORTER. Every other
 * setting is the SDK's standard environment (OTEL_TRACES_SAMPLER,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_RESOURCE_ATTRIBUTES, OTEL_SDK_DISABLED ...).
 * The service name is `ai-ops-console` unless OTEL_SERVICE_NAME says otherwise.
 *
 * One trace follows a request: the HTTP server span, the outgoing calls
 * between plugins (the permission check, user info), database queries
 * through knex, and Temporal — the workflows plugin adds
 * Temporal's interceptors to its client and worker when this SDK is running
 * (plugins/workflows-backend/src/service/tracing.ts).
 */
const { isMainThread } = require('node:worker_threads');

const env = process.env;
const configured =
  env.OTEL_EXPORTER_OTLP_ENDPOINT ||
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
  env.OTEL_TRACES_EXPORTER;

// Temporal runs workflow code in worker threads, which inherit this
// `--require`: their spans reach the main thread through the worker's sinks.
if (configured && isMainThread) {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');
  const {
    UndiciInstrumentation,
  } = require('@opentelemetry/instrumentation-undici');
  const {
    KnexInstrumentation,
  } = require('@opentelemetry/instrumentation-knex');

  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'ai-ops-console',
    // traces only: metrics are scraped by Prometheus, logs go to stdout
    logRecordProcessors: [],
    instrumentations: [
      // server spans are named after the route template by the console's
      // root HTTP router (@ai-ops-console/console-node)
      new HttpInstrumentation({
        // the API, not the app's static files or health probes
        ignoreIncomingRequestHook: req => !req.url?.startsWith('/api/'),
        // outgoing calls (node-fetch: the permission check) only inside a
        // trace: background polls start none of their own
        requireParentforOutgoingSpans: true,
      }),
      // fetch() between plugins (user info, user-admin, ai-metrics), likewise
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // SQLite and PostgreSQL alike, likewise
      new KnexInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();

  const shutdown = () =>
    sdk.shutdown().catch(error => {
      // eslint-disable-next-line no-console
      console.error(`OpenTelemetry shutdown failed: ${error}`);
    });
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
