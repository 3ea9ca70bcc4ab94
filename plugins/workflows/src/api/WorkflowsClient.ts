import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { WorkflowsHealth } from '@internal/backstage-plugin-workflows-common';
import { WorkflowsApi } from './WorkflowsApi';

/** Talks to the workflows backend through the app's fetch and discovery APIs. */
export class WorkflowsClient implements WorkflowsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(): Promise<WorkflowsHealth> {
    // 503 carries a health body that says what is down: it is an answer, not an error
    return this.request<WorkflowsHealth>('/health', { okStatuses: [503] });
  }

  private async request<T>(
    path: string,
    options: { init?: RequestInit; okStatuses?: number[] } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('workflows');
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
