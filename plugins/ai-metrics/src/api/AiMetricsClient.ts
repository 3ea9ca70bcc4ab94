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

  getSeries(options: Parameters<AiMetricsApi['getSeries']>[0]) {
    return this.api.getSeries({
      query: {
        from: options.from,
        to: options.to,
        step: options.step,
        model: options.models,
        version: options.versions,
        groupBy: options.groupBy,
      },
    });
  }

  compare(options: Parameters<AiMetricsApi['compare']>[0]) {
    return this.api.compareModels({
      query: {
        from: options.from,
        to: options.to,
        model: options.models,
        version: options.versions,
      },
    });
  }

  getTop(options: Parameters<AiMetricsApi['getTop']>[0]) {
    return this.api.getTopModels({
      query: {
        from: options.from,
        to: options.to,
        by: options.by,
        limit: options.limit?.toString(),
        groupBy: options.groupBy,
      },
    });
  }
}
