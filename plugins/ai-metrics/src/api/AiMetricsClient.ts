import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AiMetricsCompareResponse,
  AiMetricsModelsResponse,
  AiMetricsSeriesResponse,
  AiMetricsTopResponse,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { AiMetricsApi } from './AiMetricsApi';

/** Query parameters; a list becomes a repeated parameter (`?model=a&model=b`). */
type Query = Record<string, string | number | string[] | undefined>;

/** Talks to the AI Metrics backend through the app's fetch and discovery APIs. */
export class AiMetricsClient implements AiMetricsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listModels(): Promise<AiMetricsModelsResponse> {
    return this.request('/models');
  }

  getSeries(
    options: Parameters<AiMetricsApi['getSeries']>[0],
  ): Promise<AiMetricsSeriesResponse> {
    return this.request('/series', {
      from: options.from,
      to: options.to,
      step: options.step,
      model: options.models,
      version: options.versions,
      groupBy: options.groupBy,
    });
  }

  compare(
    options: Parameters<AiMetricsApi['compare']>[0],
  ): Promise<AiMetricsCompareResponse> {
    return this.request('/compare', {
      from: options.from,
      to: options.to,
      model: options.models,
      version: options.versions,
    });
  }

  getTop(
    options: Parameters<AiMetricsApi['getTop']>[0],
  ): Promise<AiMetricsTopResponse> {
    return this.request('/top', {
      from: options.from,
      to: options.to,
      by: options.by,
      limit: options.limit,
      groupBy: options.groupBy,
    });
  }

  /**
   * The one way this client talks to the backend: a GET with a query string
   * (empty values left out, since the backend refuses unknown and empty
   * parameters), JSON back, errors as ResponseError.
   */
  private async request<T>(path: string, query: Query = {}): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-metrics');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== '') params.append(key, String(item));
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
