export { aiMetricsApiRef } from './AiMetricsApi';
export type {
  AiMetricsApi,
  AiMetricsGroupBy,
  AiMetricsTimeWindow,
} from './AiMetricsApi';
export { AiMetricsClient } from './AiMetricsClient';
