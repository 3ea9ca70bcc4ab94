import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AiMetricsHealth } from '@internal/backstage-plugin-ai-metrics-common';
import { AiMetricsApi } from './AiMetricsApi';

/** Talks to the AI Metrics backend through the app's fetch and discovery APIs. */
export class AiMetricsClient implements AiMetricsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(): Promise<AiMetricsHealth> {
    // 503 carries a health body that says what is down: it is an answer, not an error
    return this.request<AiMetricsHealth>('/health', { okStatuses: [503] });
  }

  private async request<T>(
    path: string,
    options: { init?: RequestInit; okStatuses?: number[] } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-metrics');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      options.init,
    );
    if (!response.ok && !options.okStatuses?.includes(response.status)) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
