import {
  aiMetricEventBatchSchema,
  AiMetricsCompareResponse,
  AiMetricsHealth,
  AiMetricsIngestResult,
  AiMetricsModelsResponse,
  AiMetricsSeriesResponse,
  AiMetricsSummary,
  AiMetricsTopResponse,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { defineApi } from '@ai-ops-console/console-common';
import { z } from 'zod';
import { RetentionResult } from '../database/AiMetricsStore';
import { AiMetricsAdminStatus } from './AdminService';
import {
  compareQuerySchema,
  noQuerySchema,
  seriesQuerySchema,
  topQuerySchema,
} from './queries';

// The API of ai-metrics, declared once: the router validates each request
// with these schemas, and scripts/openapi.cjs writes openapi.yaml from them.

// ---------------------------------------------------------------------------
// The ingest body is aiMetricEventBatchSchema from ai-metrics-common, with its
// documentation: producers validate with it, IngestService validates each
// batch with it, and the document shows that very schema.

// ---------------------------------------------------------------------------
// Responses

const count = z.number().int().min(0);
const dateTime = z.iso.datetime();

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      reachable: z.boolean(),
      client: z.string(),
      message: z.string().optional().meta({
        description:
          'Present when the database does not answer; says only that (the cause is logged).',
      }),
    }),
  })
  .meta({
    id: 'Health',
    description: "Whether the plugin's database answers a trivial query.",
  }) satisfies z.ZodType<AiMetricsHealth>;

const ingestResultSchema = z
  .object({
    accepted: count.meta({
      description:
        'Events that were new and are now stored (committed before this answer).',
    }),
    duplicates: count.meta({
      description:
        'Events whose id was already stored, or repeated in the batch.',
    }),
  })
  .meta({ id: 'IngestResult' }) satisfies z.ZodType<AiMetricsIngestResult>;

const summaryFields = {
  requests: count,
  errors: count,
  errorRate: z
    .number()
    .nullable()
    .meta({ description: 'errors / requests; null without requests.' }),
  requestRate: z.number().meta({ description: 'Requests per second.' }),
  latencyMs: z
    .object({
      p50: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
      mean: z.number().nullable(),
    })
    .meta({ description: 'Latency percentiles and mean, in milliseconds.' }),
  inputTokens: count,
  outputTokens: count,
  costUsd: z.number(),
  accuracy: z.number().nullable().meta({
    description:
      'Mean score of the events that carried one; null when none did.',
  }),
  scoredEvents: count,
};
const SUMMARY_DESCRIPTION =
  'Figures of a stretch of time from the rollups. Latency percentiles come from merged log-bucketed histograms (at most 1% relative error); they are the value of rank floor(q * (n - 1)). Null when there were no calls.';

const summarySchema = z.object(summaryFields).meta({
  id: 'Summary',
  description: SUMMARY_DESCRIPTION,
}) satisfies z.ZodType<AiMetricsSummary>;

// the summary's fields and the time (not allOf: both parts would refuse the
// other's fields, as each is a closed object)
const pointSchema = z
  .object({
    time: dateTime.meta({ description: 'Start of the step.' }),
    ...summaryFields,
  })
  .meta({
    id: 'Point',
    description: `The summary of one step [time, time + step). ${SUMMARY_DESCRIPTION}`,
  });

/** A model, or a version of it when grouped by version. */
const modelKey = {
  model: z.string(),
  version: z
    .string()
    .optional()
    .meta({ description: 'Present when grouped by version.' }),
};

const seriesResponseSchema = z
  .object({
    from: dateTime.meta({
      description: 'from, rounded down to the resolution.',
    }),
    to: dateTime.meta({ description: 'End of the last step.' }),
    stepSeconds: z.number().int().min(1),
    resolution: z.enum(['minute', 'hour']).meta({
      description:
        'hour when the step is a whole number of hours, minute otherwise.',
    }),
    series: z.array(z.object({ ...modelKey, points: z.array(pointSchema) })),
  })
  .meta({ id: 'SeriesResponse' }) satisfies z.ZodType<AiMetricsSeriesResponse>;

const compareResponseSchema = z
  .object({
    from: dateTime.meta({
      description: 'from, rounded down to a whole minute.',
    }),
    to: dateTime.meta({ description: 'to, rounded up to a whole minute.' }),
    items: z.array(z.object({ ...modelKey, summary: summarySchema })),
  })
  .meta({
    id: 'CompareResponse',
  }) satisfies z.ZodType<AiMetricsCompareResponse>;

const topResponseSchema = z
  .object({
    from: dateTime.meta({
      description: 'from, rounded down to a whole minute.',
    }),
    to: dateTime.meta({ description: 'to, rounded up to a whole minute.' }),
    by: z.enum(['cost', 'latencyP95', 'errors', 'requests']),
    items: z.array(
      z.object({
        ...modelKey,
        value: z.number().meta({
          description:
            'The figure ranked by; items without one (no p95 without calls) are left out.',
        }),
        summary: summarySchema,
      }),
    ),
  })
  .meta({ id: 'TopResponse' }) satisfies z.ZodType<AiMetricsTopResponse>;

const modelsResponseSchema = z
  .object({
    items: z.array(
      z.object({
        model: z.string(),
        versions: z.array(z.string()),
        firstSeen: dateTime.meta({
          description:
            'First hour with data (within the hour rollup retention).',
        }),
        lastSeen: dateTime.meta({ description: 'Last hour with data.' }),
      }),
    ),
  })
  .meta({ id: 'ModelsResponse' }) satisfies z.ZodType<AiMetricsModelsResponse>;

const tableCounts = z.object({
  rawEvents: count,
  minuteRollups: count,
  hourRollups: count,
});

const adminStatusSchema = z
  .object({
    rows: tableCounts.meta({ description: 'Rows of each table.' }),
    oldestRawEvent: dateTime
      .nullable()
      .meta({ description: 'null when no raw event is stored.' }),
    retentionSeconds: z
      .object({
        rawEvents: z.number(),
        minuteRollups: z.number(),
        hourRollups: z.number(),
      })
      .meta({ description: 'aiMetrics.retention, in seconds.' }),
    ingestBatchesInFlight: count.meta({
      description: 'In the replica that answered.',
    }),
  })
  .meta({ id: 'AdminStatus' }) satisfies z.ZodType<AiMetricsAdminStatus>;

const retentionResultSchema = z
  .object({
    deleted: tableCounts.meta({
      description: 'Rows deleted from each table.',
    }) satisfies z.ZodType<RetentionResult>,
  })
  .meta({ id: 'RetentionResult' });

// ---------------------------------------------------------------------------
// Operations

const READ_SCOPE =
  'Needs ai-metrics.model.read; under a conditional decision only the models the caller may read are answered, and naming another model answers 403.';

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
