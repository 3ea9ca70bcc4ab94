import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowHistoryResponse,
  WorkflowListResponse,
  WorkflowsHealth,
  WorkflowStatus,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';

/**
 * Which executions to list or count; every field narrows the set.
 * @public
 */
export type WorkflowFilter = {
  status?: WorkflowStatus[];
  type?: string[];
  /** User entity ref of whoever started it from the console. */
  startedBy?: string;
  idPrefix?: string;
  /** ISO 8601; start time at or after. */
  from?: string;
  /** ISO 8601; start time at or before. */
  to?: string;
};

/** The execution an action reached. @public */
export type WorkflowExecutionRef = { workflowId: string; runId?: string };

/** A batch cancel or terminate as the backend accepted it. @public */
export type WorkflowBatchStarted = {
  jobId: string;
  /** The visibility query the batch runs over. */
  query: string;
  /** How many running executions matched when it started. */
  matched: number;
};

/** State of a batch operation. @public */
export type WorkflowBatchStatus = {
  jobId: string;
  /** e.g. running, completed, failed. */
  state: string;
  total: number;
  completed: number;
  failed: number;
};

/** What the workflows frontend asks of its backend. @public */
export interface WorkflowsApi {
  /** Whether the backend reaches Temporal; resolves for 200 and 503 alike. */
  getHealth(): Promise<WorkflowsHealth>;

  /** Registered workflow types with their input schemas. */
  listTypes(): Promise<WorkflowTypeInfo[]>;

  /** One page of executions, newest first. */
  listExecutions(options: {
    filter?: WorkflowFilter;
    pageSize?: number;
    pageToken?: string;
  }): Promise<WorkflowListResponse>;

  /** Counts by status of the executions matching the filter. */
  countExecutions(options: {
    filter?: WorkflowFilter;
  }): Promise<WorkflowCountsResponse>;

  /** Starts an execution; the backend validates the input against the type's schema. */
  startExecution(options: {
    type: string;
    input: Record<string, unknown>;
    workflowId?: string;
  }): Promise<WorkflowExecutionRef>;

  getExecution(options: {
    workflowId: string;
    runId?: string;
  }): Promise<WorkflowExecutionDetail>;

  getHistory(options: {
    workflowId: string;
    runId?: string;
    pageSize?: number;
    pageToken?: string;
  }): Promise<WorkflowHistoryResponse>;

  /** Runs a query the type declares. */
  queryExecution(options: {
    workflowId: string;
    name: string;
    args?: unknown[];
  }): Promise<{ result: unknown }>;

  /** Sends a signal the type declares (approve/reject take `{ comment? }`). */
  signalExecution(options: {
    workflowId: string;
    name: string;
    payload?: Record<string, unknown>;
  }): Promise<WorkflowExecutionRef>;

  cancelExecution(options: {
    workflowId: string;
    reason?: string;
  }): Promise<WorkflowExecutionRef>;

  terminateExecution(options: {
    workflowId: string;
    reason: string;
  }): Promise<WorkflowExecutionRef>;

  /** Cancels or terminates every running execution that matches the filter. */
  startBatch(options: {
    action: 'cancel' | 'terminate';
    reason: string;
    filter: Omit<WorkflowFilter, 'status'>;
  }): Promise<WorkflowBatchStarted>;

  getBatch(options: { jobId: string }): Promise<WorkflowBatchStatus>;
}

/** @public */
export const workflowsApiRef = createApiRef<WorkflowsApi>().with({
  id: 'plugin.workflows.api',
  pluginId: 'workflows',
});
