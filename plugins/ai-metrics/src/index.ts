/**
 * The ai-metrics frontend plugin for the old frontend system; the new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export { aiMetricsPlugin, AiMetricsPage } from './plugin';
export { aiMetricsApiRef } from './api';
export type {
  AiMetricsApi,
  AiMetricsGroupBy,
  AiMetricsTimeWindow,
} from './api';
