import { defineApi } from '@ai-ops-console/console-common';
import { aiMetricEventBatchSchema } from '../events';
import {
  compareQuerySchema,
  noQuerySchema,
  seriesQuerySchema,
  topQuerySchema,
} from './queries';
import {
  adminStatusSchema,
  compareResponseSchema,
  healthSchema,
  ingestResultSchema,
  modelsResponseSchema,
  retentionResultSchema,
  seriesResponseSchema,
  topResponseSchema,
} from './responses';

// The API of ai-metrics, declared once: the backend's router validates each
// request with these schemas, the frontend's client is derived from them,
// and scripts/openapi.cjs writes the backend's openapi.yaml from them. The
// ingest body is aiMetricEventBatchSchema (../events), with its
// documentation: producers validate with it, the backend's IngestService
// validates each batch with it, and the document shows that very schema.

const READ_SCOPE =
  'Needs ai-metrics.model.read; under a conditional decision only the models the caller may read are answered, and naming another model answers 403.';

/** The operations of ai-metrics (`aiMetricsApiSpec` in the package). */
export const apiSpec = defineApi({
  pluginId: 'ai-metrics',
  description:
    'Ingest, store, aggregate and export performance metrics of AI models. Every route may answer 429 when the client sent more requests than backend.rateLimit allows this plugin in its window; retry after the Retry-After header (seconds).',
  operations: {
    getHealth: {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: "Whether the plugin's database answers",
      description:
        'Any user or service token, except a service token whose access restrictions list the permissions it may use (403): such a token reaches only the routes of those permissions.',
      responses: {
        200: { description: 'The database answers', body: healthSchema },
        503: {
          description:
            'The database is unreachable (the cause is in the server log)',
          body: healthSchema,
        },
      },
      errors: [403, 429],
    },
    ingestEvents: {
      method: 'post',
      path: '/events',
      operationId: 'ingestEvents',
      summary: 'Ingest a batch of metric events',
      description:
        "Needs ai-metrics.event.ingest, a resource permission on each model (ai-model) of the batch: a user is scoped by its decision (e.g. IS_OWNED_BY: the models its groups own in the catalog); a service token by aiMetrics.ingest.producers, which names the models each service subject may send (a service it does not list, or whose access restrictions leave the permission out, is refused). A caller who may send no model is refused (403) before its body is read; a batch holding any model the caller may not send is refused whole (403, naming the models) and nothing of it is stored. The batch is validated whole, then stored in one transaction with the rollups; the answer comes after the commit. Event ids are the producer's own (its principal): an event whose id this producer already sent is counted as a duplicate and changes nothing, so a retried batch is safe; another producer's event with the same id is its own. One audit event per batch. Answers 429 with Retry-After, without reading the body, while aiMetrics.ingest.maxInFlightBatches batches are being ingested by this replica; 408 when the body does not arrive within aiMetrics.ingest.bodyTimeout; 413 when the body is larger than aiMetrics.ingest.maxBodySize; 503 with Retry-After while the database is unavailable (nothing was stored: retry the batch).",
      body: aiMetricEventBatchSchema,
      // refused (403, 429) before the body is read; read within maxBodySize
      // and bodyTimeout
      bodyReadBy: 'handler',
      responses: {
        200: { description: 'Stored', body: ingestResultSchema },
      },
      errors: [403, 408, 413, 429, 503],
    },
    getSeries: {
      method: 'get',
      path: '/series',
      operationId: 'getSeries',
      summary:
        'Time series of latency percentiles, rates, tokens, cost and accuracy per model',
      description: READ_SCOPE,
      query: seriesQuerySchema,
      responses: {
        200: {
          description: 'One series per model (or version), every step present',
          body: seriesResponseSchema,
        },
      },
      errors: [403, 429, 503],
    },
    compareModels: {
      method: 'get',
      path: '/compare',
      operationId: 'compareModels',
      summary: 'Model-vs-model or version-vs-version summaries over a range',
      description: `Several model parameters compare models; one model with several version parameters compares versions. The range is rounded out to whole minutes; whole hours inside it are read from hour rollups, the edges from minute rollups. At most 400 days. ${READ_SCOPE}`,
      query: compareQuerySchema,
      responses: {
        200: {
          description: 'One summary per model or version, in the order asked',
          body: compareResponseSchema,
        },
      },
      errors: [403, 429, 503],
    },
    getTopModels: {
      method: 'get',
      path: '/top',
      operationId: 'getTopModels',
      summary:
        'Models (or versions) ranked by cost, p95 latency, errors or requests',
      description: `The range is rounded out to whole minutes, at most 400 days. ${READ_SCOPE}`,
      query: topQuerySchema,
      responses: {
        200: {
          description: 'Highest first, only models the caller may read',
          body: topResponseSchema,
        },
      },
      errors: [403, 429, 503],
    },
    listModels: {
      method: 'get',
      path: '/models',
      operationId: 'listModels',
      summary: 'Models with metrics, with their versions',
      description: READ_SCOPE,
      query: noQuerySchema,
      responses: {
        200: {
          description: 'Only models the caller may read',
          body: modelsResponseSchema,
        },
      },
      errors: [403, 429, 503],
    },
    getPrometheusMetrics: {
      method: 'get',
      path: '/metrics',
      operationId: 'getPrometheusMetrics',
      summary: 'Prometheus exposition of this replica',
      description:
        'OpenTelemetry GenAI metrics in Prometheus form (gen_ai_client_operation_duration_seconds, gen_ai_client_token_usage), ai_console_model_cost_usd_total, ai_console_model_accuracy_ratio and ingest counters, for every model whoever owns it. Access follows aiMetrics.prometheus.access: permission (the default: a service token, unless its access restrictions leave out ai-metrics.metrics.scrape, or a user granted ai-metrics.metrics.scrape; 403 otherwise), token (Authorization Bearer aiMetrics.prometheus.token) or public (no Authorization header needed: every model is exposed).',
      // aiMetrics.prometheus.access decides, not the Backstage token alone
      auth: 'handler',
      responses: {
        200: {
          description: 'Prometheus text format 0.0.4',
          contentType: 'text/plain',
        },
      },
      errors: [403, 429],
    },
    getAdminStatus: {
      method: 'get',
      path: '/admin/status',
      operationId: 'getAdminStatus',
      summary: 'Sizes of the tables and the retention settings',
      description: 'Needs ai-metrics.admin.',
      query: noQuerySchema,
      responses: {
        200: { description: 'Status', body: adminStatusSchema },
      },
      errors: [403, 429, 503],
    },
    runRetention: {
      method: 'post',
      path: '/admin/retention/run',
      operationId: 'runRetention',
      summary: 'Delete raw events and rollups past their retention now',
      description:
        'Needs ai-metrics.admin; audited. The same pass runs on aiMetrics.retention.schedule.',
      query: noQuerySchema,
      responses: {
        200: { description: 'Rows deleted', body: retentionResultSchema },
      },
      errors: [403, 429, 503],
    },
  },
});
