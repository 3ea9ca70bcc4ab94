import { z } from 'zod';
import { topBySchema } from './api/queries';
import {
  adminStatusSchema,
  compareResponseSchema,
  healthSchema,
  ingestResultSchema,
  modelsResponseSchema,
  pointSchema,
  seriesResponseSchema,
  summarySchema,
  tableCountsSchema,
  topResponseSchema,
} from './api/responses';

// The wire types, inferred from the schemas the backend answers with (and is
// tested against), so that the backend's services, the frontend and other
// callers read the same shapes.

/**
 * The answer of `GET /api/ai-metrics/health`.
 * @public
 */
export type AiMetricsHealth = z.output<typeof healthSchema>;

/**
 * The answer of `POST /api/ai-metrics/events`: how many events of the batch
 * were new and how many had an id that was already stored.
 * @public
 */
export type AiMetricsIngestResult = z.output<typeof ingestResultSchema>;

/**
 * Metrics of one model (or model version) over a stretch of time, computed from
 * the rollups. Latency percentiles come from merged log-bucketed histograms
 * whose relative error is at most 1%; null when there was no call.
 * @public
 */
export type AiMetricsSummary = z.output<typeof summarySchema>;

/**
 * One step of a time series: the summary of [time, time + step).
 * @public
 */
export type AiMetricsPoint = z.output<typeof pointSchema>;

/**
 * The answer of `GET /api/ai-metrics/series`.
 * @public
 */
export type AiMetricsSeriesResponse = z.output<typeof seriesResponseSchema>;

/**
 * A model, or a version of it when the query groups by version.
 * @public
 */
export type AiMetricsSeriesKey = Pick<
  AiMetricsSeriesResponse['series'][number],
  'model' | 'version'
>;

/**
 * The answer of `GET /api/ai-metrics/compare`: one summary per model or
 * version, in the order they were asked for.
 * @public
 */
export type AiMetricsCompareResponse = z.output<typeof compareResponseSchema>;

/**
 * What `GET /api/ai-metrics/top` ranks by.
 * @public
 */
export type AiMetricsTopBy = z.output<typeof topBySchema>;

/**
 * The answer of `GET /api/ai-metrics/top`, highest first.
 * @public
 */
export type AiMetricsTopResponse = z.output<typeof topResponseSchema>;

/**
 * The answer of `GET /api/ai-metrics/models`.
 * @public
 */
export type AiMetricsModelsResponse = z.output<typeof modelsResponseSchema>;

/**
 * A model the store has rollups of, with its versions.
 * @public
 */
export type AiMetricsModel = AiMetricsModelsResponse['items'][number];

/**
 * Rows of each table of the store: its size, or what a retention pass
 * deleted.
 * @public
 */
export type AiMetricsTableCounts = z.output<typeof tableCountsSchema>;

/**
 * The answer of `GET /api/ai-metrics/admin/status`.
 * @public
 */
export type AiMetricsAdminStatus = z.output<typeof adminStatusSchema>;
