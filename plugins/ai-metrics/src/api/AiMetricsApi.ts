import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AiMetricsCompareResponse,
  aiMetricsApiSpec,
  AiMetricsModelsResponse,
  AiMetricsSeriesResponse,
  AiMetricsTopBy,
  AiMetricsTopResponse,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import type { ApiRequest } from '@ai-ops-console/console-common';

type Operations = typeof aiMetricsApiSpec.operations;
/** The query of an operation, as the contract declares what is sent. */
type QueryOf<K extends keyof Operations> = NonNullable<
  ApiRequest<Operations[K]>['query']
>;

/** A stretch of time, both ends ISO 8601 instants; `to` is after `from`. @public */
export type AiMetricsTimeWindow = Pick<QueryOf<'getSeries'>, 'from' | 'to'>;

/** How series and rankings are grouped. @public */
export type AiMetricsGroupBy = NonNullable<QueryOf<'getSeries'>['groupBy']>;

/**
 * What the ai-metrics frontend asks of its backend: the contract's
 * operations, with model and version lists named as lists.
 * @public
 */
export interface AiMetricsApi {
  /** The models the caller may read, with their versions (`GET /models`). */
  listModels(): Promise<AiMetricsModelsResponse>;

  /**
   * Time series per model, or per version when grouped by version
   * (`GET /series`). Without `step` the backend picks one.
   */
  getSeries(
    options: AiMetricsTimeWindow & {
      /** e.g. `5m`, `1h`, `1d` (whole minutes). */
      step?: QueryOf<'getSeries'>['step'];
      models?: string[];
      versions?: string[];
      groupBy?: AiMetricsGroupBy;
    },
  ): Promise<AiMetricsSeriesResponse>;

  /**
   * One summary per model, or per version of one model (`GET /compare`), in
   * the order asked.
   */
  compare(
    options: AiMetricsTimeWindow & {
      models: string[];
      /** Only with exactly one model. */
      versions?: string[];
    },
  ): Promise<AiMetricsCompareResponse>;

  /** Models (or versions) ranked by cost, p95 latency, errors or requests (`GET /top`). */
  getTop(
    options: AiMetricsTimeWindow & {
      by?: AiMetricsTopBy;
      /** How many items, 1 to 100 (sent as the integer text the query declares). */
      limit?: number;
      groupBy?: AiMetricsGroupBy;
    },
  ): Promise<AiMetricsTopResponse>;
}

/** @public */
export const aiMetricsApiRef = createApiRef<AiMetricsApi>().with({
  id: 'plugin.ai-metrics.api',
  pluginId: 'ai-metrics',
});
