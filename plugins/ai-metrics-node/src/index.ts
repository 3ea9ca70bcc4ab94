/**
 * What a backend plugin needs to produce AI metrics: a service that sends
 * metric events to the ai-metrics plugin with the plugin's own service
 * token, and the event types and schema of the ingest API.
 *
 * @packageDocumentation
 */
export * from './AiMetricsProducerService';
export { DefaultAiMetricsProducerService } from './DefaultAiMetricsProducerService';
export {
  AI_METRIC_EVENT_MAX_LABELS,
  aiMetricEventBatchSchema,
  aiMetricEventSchema,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
export type {
  AiMetricEvent,
  AiMetricEventBatchInput,
  AiMetricEventInput,
  AiMetricsIngestResult,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
