import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  workflowReadPermission,
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowHistoryResponse,
  WorkflowListResponse,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { temporal } from '@temporalio/proto';
import {
  Caller,
  ExecutionRef,
  ExecutionServiceOptions,
  loadExecutionFor,
} from './loadExecution';
import {
  decodeHistoryPageToken,
  decodeListPageToken,
  encodeHistoryPageToken,
  encodeListPageToken,
} from './pageTokens';
import {
  countsFromRaw,
  detailFromRaw,
  historyEventFromRaw,
  summaryFromRaw,
} from './temporalConvert';
import { TemporalService } from './TemporalService';
import { buildQuery, WorkflowFilter } from './visibility';
import { WorkflowAccess } from './WorkflowAccess';
import { WorkflowTypeRegistry } from './WorkflowTypeRegistry';

/**
 * What a caller may read of the executions: lists and counts narrowed to the
 * executions they may read, one execution's detail, history and queries
 * after a check on that execution.
 */
export class ExecutionReader {
  private readonly temporal: TemporalService;
  private readonly registry: WorkflowTypeRegistry;
  private readonly access: WorkflowAccess;

  constructor(options: ExecutionServiceOptions) {
    this.temporal = options.temporal;
    this.registry = options.registry;
    this.access = options.access;
  }

  private get namespace() {
    return this.temporal.settings.namespace;
  }

  /** The registered types; for anyone who may read some executions. */
  async listTypes(options: Caller): Promise<WorkflowTypeInfo[]> {
    await this.access.requireSomeRead(options.credentials);
    return this.registry.list();
  }

  async list(
    options: Caller & {
      filter: WorkflowFilter;
      pageSize: number;
      pageToken?: string;
    },
  ): Promise<WorkflowListResponse> {
    const nextPageToken = decodeListPageToken(options.pageToken);
    const query = await this.readableQuery(options.credentials, options.filter);
    if (query === undefined) return { items: [] };
    await this.temporal.ensureStartedByAttribute();
    const response = await this.temporal.call(() =>
      this.temporal.getClient().workflowService.listWorkflowExecutions({
        namespace: this.namespace,
        pageSize: options.pageSize,
        nextPageToken,
        query,
      }),
    );
    return {
      items: (response.executions ?? []).map(summaryFromRaw),
      nextPageToken: encodeListPageToken(response.nextPageToken),
    };
  }

  async counts(
    options: Caller & { filter: WorkflowFilter },
  ): Promise<WorkflowCountsResponse> {
    const query = await this.readableQuery(options.credentials, options.filter);
    if (query === undefined) return { total: 0, byStatus: {} };
    await this.temporal.ensureStartedByAttribute();
    const grouped = `${query ? `${query} ` : ''}GROUP BY ExecutionStatus`;
    const result = await this.temporal.call(() =>
      this.temporal.getClient().workflow.count(grouped),
    );
    return countsFromRaw(result);
  }

  async describe(options: ExecutionRef): Promise<WorkflowExecutionDetail> {
    const { description } = await this.loadReadable(options);
    const summary = summaryFromRaw(description.raw.workflowExecutionInfo ?? {});
    const [startEvent, closeEvent] = await Promise.all([
      this.firstEvent(options.workflowId, summary.runId),
      summary.status === 'Running'
        ? undefined
        : this.closeEvent(options.workflowId, summary.runId),
    ]);
    return detailFromRaw({
      summary,
      description: description.raw,
      startEvent,
      closeEvent,
      type: this.registry.find(summary.type),
    });
  }

  async history(
    options: ExecutionRef & { pageSize: number; pageToken?: string },
  ): Promise<WorkflowHistoryResponse> {
    const { runId } = await this.loadReadable(options);
    const response = await this.temporal.call(() =>
      this.temporal.getClient().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId: options.workflowId, runId },
        maximumPageSize: options.pageSize,
        nextPageToken: decodeHistoryPageToken(options.pageToken),
      }),
    );
    return {
      events: (response.history?.events ?? []).map(historyEventFromRaw),
      nextPageToken: encodeHistoryPageToken(response.nextPageToken),
    };
  }

  /** Runs one of the queries the execution's type declares. */
  async query(options: ExecutionRef & { name: string; args: unknown[] }) {
    const { resource, runId } = await this.loadReadable(options);
    const type = this.registry.find(resource.type);
    if (type && !(type.queries ?? []).some(q => q.name === options.name)) {
      throw new InputError(
        `${resource.type} has no query "${options.name}"; it has: ${
          (type.queries ?? []).map(q => q.name).join(', ') || 'none'
        }`,
      );
    }
    const result = await this.temporal.call(() =>
      this.temporal
        .getClient()
        .workflow.getHandle(options.workflowId, runId)
        .query(options.name, ...options.args),
    );
    return { result };
  }

  private loadReadable(options: ExecutionRef) {
    return loadExecutionFor({
      ...options,
      temporal: this.temporal,
      access: this.access,
      permission: workflowReadPermission,
    });
  }

  private async readableQuery(
    credentials: BackstageCredentials,
    filter: WorkflowFilter,
  ) {
    const fragment = await this.access.queryFragment(
      workflowReadPermission,
      credentials,
    );
    return buildQuery(filter, fragment);
  }

  private async firstEvent(workflowId: string, runId: string) {
    const r = await this.temporal.call(() =>
      this.temporal.getClient().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId, runId },
        maximumPageSize: 1,
      }),
    );
    return r.history?.events?.[0];
  }

  private async closeEvent(workflowId: string, runId: string) {
    const r = await this.temporal.call(() =>
      this.temporal.getClient().workflowService.getWorkflowExecutionHistory({
        namespace: this.namespace,
        execution: { workflowId, runId },
        historyEventFilterType:
          temporal.api.enums.v1.HistoryEventFilterType
            .HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
      }),
    );
    return r.history?.events?.[0];
  }
}
