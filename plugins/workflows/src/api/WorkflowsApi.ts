import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  WorkflowBatchStarted,
  WorkflowBatchStatus,
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowExecutionRef,
  WorkflowFilter,
  WorkflowHistoryResponse,
  WorkflowListResponse,
  WorkflowQueryResult,
  WorkflowsApiSpec,
  WorkflowsHealth,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import type { ApiRequest } from '@ai-ops-console/console-common';

// The frontend's surface of the workflows API: what components and test
// fakes use. Every request and answer type comes from the contract in
// workflows-common, so that the frontend cannot drift from what the
// backend validates.

type Operations = WorkflowsApiSpec['operations'];

type Request<K extends keyof Operations> = ApiRequest<Operations[K]>;

/** What an operation's JSON body takes, as the server accepts it. */
type Body<K extends keyof Operations> = NonNullable<Request<K>['body']>;

/** The execution an operation addresses: `{ workflowId }`. */
type Execution = Request<'describeExecution'>['params'];

/** What an operation's query takes, as the server accepts it. */
type Query<K extends keyof Operations> = NonNullable<Request<K>['query']>;

/**
 * Paging of the list and the history. The query declares pageSize as the
 * decimal text of an integer; callers here hand it the number.
 */
type Paging = Pick<Query<'listExecutions'>, 'pageToken'> & {
  pageSize?: number;
};

/** What the workflows frontend asks of its backend. @public */
export interface WorkflowsApi {
  /** Whether the backend reaches Temporal; resolves for 200 and 503 alike. */
  getHealth(): Promise<WorkflowsHealth>;

  /** Registered workflow types with their input schemas. */
  listTypes(): Promise<WorkflowTypeInfo[]>;

  /** One page of executions, newest first. */
  listExecutions(
    options: { filter?: WorkflowFilter } & Paging,
  ): Promise<WorkflowListResponse>;

  /** Counts by status of the executions matching the filter. */
  countExecutions(options: {
    filter?: WorkflowFilter;
  }): Promise<WorkflowCountsResponse>;

  /** Starts an execution; the backend validates the input against the type's schema. */
  startExecution(
    options: Body<'startExecution'>,
  ): Promise<WorkflowExecutionRef>;

  getExecution(
    options: Execution & Query<'describeExecution'>,
  ): Promise<WorkflowExecutionDetail>;

  getHistory(
    options: Execution & Query<'describeExecution'> & Paging,
  ): Promise<WorkflowHistoryResponse>;

  /** Runs a query the type declares. */
  queryExecution(
    options: Execution & Body<'queryExecution'>,
  ): Promise<WorkflowQueryResult>;

  /** Sends a signal the type declares (approve/reject take `{ comment? }`). */
  signalExecution(
    options: Execution & Body<'signalExecution'>,
  ): Promise<WorkflowExecutionRef>;

  cancelExecution(
    options: Execution & Body<'cancelExecution'>,
  ): Promise<WorkflowExecutionRef>;

  terminateExecution(
    options: Execution & Body<'terminateExecution'>,
  ): Promise<WorkflowExecutionRef>;

  /** Cancels or terminates every running execution that matches the filter. */
  startBatch(options: Body<'batchExecutions'>): Promise<WorkflowBatchStarted>;

  getBatch(
    options: Request<'getBatch'>['params'],
  ): Promise<WorkflowBatchStatus>;
}

/** @public */
export const workflowsApiRef = createApiRef<WorkflowsApi>().with({
  id: 'plugin.workflows.api',
  pluginId: 'workflows',
});
