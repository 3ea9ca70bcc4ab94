import { createApiRef } from '@backstage/frontend-plugin-api';
import { AiMetricsHealth } from '@internal/backstage-plugin-ai-metrics-common';

/** What the ai-metrics frontend asks of its backend. @public */
export interface AiMetricsApi {
  /** Whether the backend reaches its database; resolves for 200 and 503 alike. */
  getHealth(): Promise<AiMetricsHealth>;
}

/** @public */
export const aiMetricsApiRef = createApiRef<AiMetricsApi>().with({
  id: 'plugin.ai-metrics.api',
  pluginId: 'ai-metrics',
});
