/**
 * The answer of `GET /api/ai-metrics/health`.
 * @public
 */
export type AiMetricsHealth = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};

/**
 * The answer of `POST /api/ai-metrics/events`: how many events of the batch
 * were new and how many had an id that was already stored.
 * @public
 */
export type AiMetricsIngestResult = {
  accepted: number;
  duplicates: number;
};

/**
 * Which rollup table answered a query.
 * @public
 */
export type AiMetricsResolution = 'minute' | 'hour';

/**
 * Metrics of one model (or model version) over a stretch of time, computed from
 * the rollups. Latency percentiles come from merged log-bucketed histograms
 * whose relative error is at most 1%; null when there was no call.
 * @public
 */
export type AiMetricsSummary = {
  requests: number;
  errors: number;
  /** errors / requests, null without requests */
  errorRate: number | null;
  /** requests per second over the stretch */
  requestRate: number;
  latencyMs: {
    p50: number | null;
    p95: number | null;
    p99: number | null;
    mean: number | null;
  };
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** mean score of the events that carried one, null when none did */
  accuracy: number | null;
  scoredEvents: number;
};

/**
 * One step of a time series: the summary of [time, time + step).
 * @public
 */
export type AiMetricsPoint = AiMetricsSummary & { time: string };

/**
 * A model, or a version of it when the query groups by version.
 * @public
 */
export type AiMetricsSeriesKey = { model: string; version?: string };

/**
 * The answer of `GET /api/ai-metrics/series`.
 * @public
 */
export type AiMetricsSeriesResponse = {
  from: string;
  to: string;
  stepSeconds: number;
  resolution: AiMetricsResolution;
  series: Array<AiMetricsSeriesKey & { points: AiMetricsPoint[] }>;
};

/**
 * The answer of `GET /api/ai-metrics/compare`: one summary per model or
 * version, in the order they were asked for.
 * @public
 */
export type AiMetricsCompareResponse = {
  from: string;
  to: string;
  items: Array<AiMetricsSeriesKey & { summary: AiMetricsSummary }>;
};

/**
 * What `GET /api/ai-metrics/top` ranks by.
 * @public
 */
export type AiMetricsTopBy = 'cost' | 'latencyP95' | 'errors' | 'requests';

/**
 * The answer of `GET /api/ai-metrics/top`, highest first.
 * @public
 */
export type AiMetricsTopResponse = {
  from: string;
  to: string;
  by: AiMetricsTopBy;
  items: Array<
    AiMetricsSeriesKey & { value: number; summary: AiMetricsSummary }
  >;
};

/**
 * A model the store has rollups of, with its versions.
 * @public
 */
export type AiMetricsModel = {
  model: string;
  versions: string[];
  firstSeen: string;
  lastSeen: string;
};

/**
 * The answer of `GET /api/ai-metrics/models`.
 * @public
 */
export type AiMetricsModelsResponse = { items: AiMetricsModel[] };
