import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowHistoryResponse,
  WorkflowListResponse,
  WorkflowsHealth,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  WorkflowBatchStarted,
  WorkflowBatchStatus,
  WorkflowExecutionRef,
  WorkflowFilter,
  WorkflowsApi,
} from './WorkflowsApi';

type Query = Record<string, string | number | undefined>;

/** The list and count query string of a filter; lists are comma-separated. */
function filterQuery(filter: WorkflowFilter = {}): Query {
  return {
    status: filter.status?.length ? filter.status.join(',') : undefined,
    type: filter.type?.length ? filter.type.join(',') : undefined,
    startedBy: filter.startedBy || undefined,
    idPrefix: filter.idPrefix || undefined,
    from: filter.from || undefined,
    to: filter.to || undefined,
  };
}

const execution = (workflowId: string) =>
  `/executions/${encodeURIComponent(workflowId)}`;

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

  async listTypes(): Promise<WorkflowTypeInfo[]> {
    const { items } = await this.request<{ items: WorkflowTypeInfo[] }>(
      '/types',
    );
    return items;
  }

  listExecutions(options: {
    filter?: WorkflowFilter;
    pageSize?: number;
    pageToken?: string;
  }): Promise<WorkflowListResponse> {
    return this.request('/executions', {
      query: {
        ...filterQuery(options.filter),
        pageSize: options.pageSize,
        pageToken: options.pageToken,
      },
    });
  }

  countExecutions(options: {
    filter?: WorkflowFilter;
  }): Promise<WorkflowCountsResponse> {
    return this.request('/executions/counts', {
      query: filterQuery(options.filter),
    });
  }

  startExecution(options: {
    type: string;
    input: Record<string, unknown>;
    workflowId?: string;
  }): Promise<WorkflowExecutionRef> {
    return this.request('/executions', { method: 'POST', body: options });
  }

  getExecution(options: {
    workflowId: string;
    runId?: string;
  }): Promise<WorkflowExecutionDetail> {
    return this.request(execution(options.workflowId), {
      query: { runId: options.runId },
    });
  }

  getHistory(options: {
    workflowId: string;
    runId?: string;
    pageSize?: number;
    pageToken?: string;
  }): Promise<WorkflowHistoryResponse> {
    const { workflowId, ...query } = options;
    return this.request(`${execution(workflowId)}/history`, { query });
  }

  queryExecution(options: {
    workflowId: string;
    name: string;
    args?: unknown[];
  }): Promise<{ result: unknown }> {
    const { workflowId, ...body } = options;
    return this.request(`${execution(workflowId)}/query`, {
      method: 'POST',
      body,
    });
  }

  signalExecution(options: {
    workflowId: string;
    name: string;
    payload?: Record<string, unknown>;
  }): Promise<WorkflowExecutionRef> {
    const { workflowId, ...body } = options;
    return this.request(`${execution(workflowId)}/signal`, {
      method: 'POST',
      body,
    });
  }

  cancelExecution(options: {
    workflowId: string;
    reason?: string;
  }): Promise<WorkflowExecutionRef> {
    const { workflowId, ...body } = options;
    return this.request(`${execution(workflowId)}/cancel`, {
      method: 'POST',
      body,
    });
  }

  terminateExecution(options: {
    workflowId: string;
    reason: string;
  }): Promise<WorkflowExecutionRef> {
    const { workflowId, ...body } = options;
    return this.request(`${execution(workflowId)}/terminate`, {
      method: 'POST',
      body,
    });
  }

  startBatch(options: {
    action: 'cancel' | 'terminate';
    reason: string;
    filter: Omit<WorkflowFilter, 'status'>;
  }): Promise<WorkflowBatchStarted> {
    // the batch body takes the filter as JSON (types as an array), without empty fields
    const filter = Object.fromEntries(
      Object.entries(options.filter).filter(
        ([, v]) =>
          v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
      ),
    );
    const body = { action: options.action, reason: options.reason, filter };
    return this.request('/executions/batch', { method: 'POST', body });
  }

  getBatch(options: { jobId: string }): Promise<WorkflowBatchStatus> {
    return this.request(`/batches/${encodeURIComponent(options.jobId)}`);
  }

  /** The one way this client talks to the backend: JSON in, JSON out, errors as ResponseError. */
  private async request<T>(
    path: string,
    options: {
      method?: 'GET' | 'POST';
      query?: Query;
      body?: unknown;
      okStatuses?: number[];
    } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('workflows');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const init: RequestInit = { method: options.method ?? 'GET' };
    if (options.body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      init,
    );
    if (!response.ok && !options.okStatuses?.includes(response.status)) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
