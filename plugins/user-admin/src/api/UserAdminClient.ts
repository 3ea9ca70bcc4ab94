import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { UserAdminHealth } from '@internal/backstage-plugin-user-admin-common';
import { UserAdminApi } from './UserAdminApi';

/** Talks to the User Admin backend through the app's fetch and discovery APIs. */
export class UserAdminClient implements UserAdminApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(): Promise<UserAdminHealth> {
    // 503 carries a health body that says what is down: it is an answer, not an error
    return this.request<UserAdminHealth>('/health', { okStatuses: [503] });
  }

  private async request<T>(
    path: string,
    options: { init?: RequestInit; okStatuses?: number[] } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('user-admin');
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
