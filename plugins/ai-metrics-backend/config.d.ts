import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/**
 * A duration: a string such as '7d', '12h' or 'P7D', or an object of units.
 */
type AiMetricsDuration =
  | string
  | {
      years?: number;
      months?: number;
      weeks?: number;
      days?: number;
      hours?: number;
      minutes?: number;
      seconds?: number;
      milliseconds?: number;
    };

export interface Config {
  /** Settings of the ai-metrics backend plugin. */
  aiMetrics?: {
    ingest?: {
      /**
       * Most events in one POST /api/ai-metrics/events batch; more answers 400.
       * @default 1000
       */
      maxBatchSize?: number;
      /**
       * Largest request body of an ingest batch, in bytes or as a size such
       * as '1mb'; a larger body answers 413.
       * @default 1mb
       */
      maxBodySize?: string | number;
      /**
       * How long the body of a batch may take to arrive once the batch has an
       * in-flight slot; past it the batch answers 408 and frees the slot.
       * @default 10s
       */
      bodyTimeout?: AiMetricsDuration;
      /**
       * Batches one replica ingests at once; past it, batches answer 429 with
       * Retry-After, before their body is read (callers that may not ingest
       * are refused before they take a slot).
       * @default 8
       */
      maxInFlightBatches?: number;
      /**
       * The models each service may send events of. A service principal
       * (a static externalAccess token: its configured subject; a JWKS
       * token: external:<sub>; a Backstage plugin: plugin:<id>) that is not
       * listed cannot ingest, and one that is listed only its models; a
       * batch with any other model answers 403. Users are scoped by the
       * ai-metrics.event.ingest permission instead (e.g. IS_OWNED_BY).
       * Unless listed, plugin:workflows (the console's own workflows) may
       * ingest the models the console runs: local-sentiment and
       * workflows.models[].id.
       */
      producers?: Array<{
        /** The service principal's subject, e.g. external:llm-gateway. */
        subject: string;
        /** Model names; `*` stands for any characters (gpt-*). */
        models: string[];
      }>;
      /**
       * Retry-After (seconds) of a 429.
       * @default 1
       */
      retryAfterSeconds?: number;
    };
    retention?: {
      /**
       * How long raw events are kept. Also the idempotency window: a retried
       * event is recognised only while its first copy is kept, so events
       * older than this are refused (400).
       * @default 7d
       */
      rawEvents?: AiMetricsDuration;
      /**
       * How long per-minute rollups are kept (series with steps that are not
       * whole hours, and the edges of compare/top ranges, read them).
       * @default 30d
       */
      minuteRollups?: AiMetricsDuration;
      /**
       * How long per-hour rollups are kept.
       * @default 365d
       */
      hourRollups?: AiMetricsDuration;
      /**
       * When the retention task runs (one replica at a time).
       * @default { frequency: { hours: 1 }, timeout: { minutes: 15 }, initialDelay: { minutes: 1 } }
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    prometheus?: {
      /**
       * Who may scrape GET /api/ai-metrics/metrics, which shows the latency,
       * cost and accuracy of every model whoever owns it: 'permission' (a
       * service token, e.g. a static externalAccess token for Prometheus,
       * unless its accessRestrictions leave out ai-metrics.metrics.scrape;
       * users only when granted ai-metrics.metrics.scrape), 'token'
       * (Authorization: Bearer <aiMetrics.prometheus.token>) or 'public'
       * (anyone who reaches the backend: every model's figures, use only
       * behind a network boundary). 'authenticated', the former default,
       * is read as 'permission'.
       * @default permission
       */
      access?: 'permission' | 'token' | 'public' | 'authenticated';
      /**
       * The bearer token Prometheus sends when access is 'token'.
       * @visibility secret
       */
      token?: string;
      /**
       * Distinct gen_ai_request_model values exported per replica; later
       * models are exported as '_overflow' and counted in
       * ai_console_metrics_dropped_series_total.
       * @default 100
       */
      maxModels?: number;
      /**
       * Distinct values of each other label (operation, provider, error
       * type) exported per replica, with the same overflow.
       * @default 20
       */
      maxLabelValues?: number;
    };
    query?: {
      /**
       * Most points one series of GET /api/ai-metrics/series may have.
       * @default 1500
       */
      maxPoints?: number;
    };
  };
}
