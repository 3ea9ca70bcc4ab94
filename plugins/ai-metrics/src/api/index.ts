export { aiMetricsApiRef } from './AiMetricsApi';
export type { AiMetricsApi } from './AiMetricsApi';
export { AiMetricsClient } from './AiMetricsClient';
