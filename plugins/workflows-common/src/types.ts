/**
 * The answer of `GET /api/workflows/health`.
 * @public
 */
export type WorkflowsHealth = {
  status: 'ok' | 'unavailable';
  temporal: {
    namespace: string;
    reachable: boolean;
    /**
     * Said when Temporal could not be reached. Where Temporal runs and why it
     * did not answer are in the backend's log, not here.
     */
    message?: string;
  };
};

/**
 * Execution statuses as Temporal's visibility names them.
 * @public
 */
export const WORKFLOW_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;

/** @public */
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/**
 * A registered workflow type as the API describes it to the UI.
 * @public
 */
export type WorkflowTypeInfo = {
  /** The Temporal workflow type (the exported workflow function's name). */
  name: string;
  title: string;
  description: string;
  /** JSON schema of the start input; the UI renders the start form from it. */
  inputSchema: Record<string, unknown>;
  /** Signals the console may send, e.g. approve and reject. */
  signals: Array<{
    name: string;
    title: string;
    payloadSchema?: Record<string, unknown>;
  }>;
  /** Queries the console may run, e.g. progress. */
  queries: Array<{ name: string; title: string }>;
};

/** One row of the execution list. @public */
export type WorkflowExecutionSummary = {
  workflowId: string;
  runId: string;
  type: string;
  status: WorkflowStatus | 'Unknown';
  startTime: string;
  closeTime?: string;
  /** User entity ref of whoever started it from the console. */
  startedBy?: string;
  taskQueue: string;
  historyLength?: number;
};

/** @public */
export type WorkflowPendingActivity = {
  activityId: string;
  activityType: string;
  state: string;
  attempt: number;
  lastFailure?: string;
  lastHeartbeatTime?: string;
  heartbeatDetails?: unknown;
};

/** An execution with its input, outcome and pending work. @public */
export type WorkflowExecutionDetail = WorkflowExecutionSummary & {
  input?: unknown;
  result?: unknown;
  failure?: { message: string; type?: string };
  pendingActivities: WorkflowPendingActivity[];
  /** Declared queries of the type, to run from the detail page. */
  queries: WorkflowTypeInfo['queries'];
  signals: WorkflowTypeInfo['signals'];
};

/** @public */
export type WorkflowListResponse = {
  items: WorkflowExecutionSummary[];
  /** Opaque; pass back as `pageToken` for the next page. */
  nextPageToken?: string;
};

/** @public */
export type WorkflowCountsResponse = {
  total: number;
  byStatus: Partial<Record<WorkflowStatus, number>>;
};

/** One event of an execution's history. @public */
export type WorkflowHistoryEvent = {
  eventId: string;
  eventType: string;
  eventTime?: string;
  /** The event's attributes as Temporal returns them, decoded where possible. */
  attributes: Record<string, unknown>;
};

/** @public */
export type WorkflowHistoryResponse = {
  events: WorkflowHistoryEvent[];
  nextPageToken?: string;
};

/**
 * Signals that decide what a workflow waits for (a model promotion's approve
 * and reject). The console records the caller as the one who decided and
 * lets only someone other than the starter send them.
 * @public
 */
export const WORKFLOW_DECISION_SIGNALS = ['approve', 'reject'] as const;

/** Whether a signal is one of {@link WORKFLOW_DECISION_SIGNALS}. @public */
export function isDecisionSignal(name: string): boolean {
  return (WORKFLOW_DECISION_SIGNALS as readonly string[]).includes(name);
}

/**
 * The Backstage signals channel on which execution changes are pushed.
 * @public
 */
export const WORKFLOWS_SIGNAL_CHANNEL = 'workflows:executions';

/**
 * What is pushed on {@link WORKFLOWS_SIGNAL_CHANNEL}: that some executions
 * started or closed, and nothing else. Every signed-in browser receives it,
 * whatever its user may read, so it names no execution, run, type or status:
 * clients fetch again through the API, which answers each reader with what
 * they may read.
 * @public
 */
export type WorkflowsChangedMessage = { changed: true };
