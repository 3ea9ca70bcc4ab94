import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { aiMetricsApiSpec } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { createApiClient } from '@ai-ops-console/console-common';
import { AiMetricsApi } from './AiMetricsApi';

/**
 * Talks to the AI Metrics backend through the app's fetch and discovery APIs,
 * with the client derived from the contract: the query names, the lists sent
 * as repeated parameters and the answers are the ones the backend declares.
 * Fields are picked one by one, since the backend refuses unknown
 * parameters.
 */
export class AiMetricsClient implements AiMetricsApi {
  private readonly api;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = createApiClient(aiMetricsApiSpec, options);
  }

  listModels() {
    return this.api.listModels();
  }

  getSeries({
    from,
    to,
    step,
    models,
    versions,
    groupBy,
  }: Parameters<AiMetricsApi['getSeries']>[0]) {
    const query = { from, to, step, model: models, version: versions, groupBy };
    return this.api.getSeries({ query });
  }

  compare({
    from,
    to,
    models,
    versions,
  }: Parameters<AiMetricsApi['compare']>[0]) {
    const query = { from, to, model: models, version: versions };
    return this.api.compareModels({ query });
  }

  getTop({
    from,
    to,
    by,
    limit,
    groupBy,
  }: Parameters<AiMetricsApi['getTop']>[0]) {
    const query = { from, to, by, limit: limit?.toString(), groupBy };
    return this.api.getTopModels({ query });
  }
}
