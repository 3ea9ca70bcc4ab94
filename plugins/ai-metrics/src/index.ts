export { aiMetricsPlugin as default } from './plugin';
export { aiMetricsApiRef } from './api';
export type {
  AiMetricsApi,
  AiMetricsGroupBy,
  AiMetricsTimeWindow,
} from './api';
