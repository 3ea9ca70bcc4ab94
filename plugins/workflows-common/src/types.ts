import type { z } from 'zod';
import type { filterQuery } from './api/requests';
import type * as responses from './api/responses';

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

// The wire types of the workflows API, inferred from the schemas that
// validate it (src/api), so that they cannot drift from what the server
// accepts and answers.

/** The answer of `GET /api/workflows/health`. @public */
export type WorkflowsHealth = z.output<typeof responses.Health>;

/** A registered workflow type as the API describes it to the UI. @public */
export type WorkflowTypeInfo = z.output<typeof responses.WorkflowType>;

/** One row of the execution list. @public */
export type WorkflowExecutionSummary = z.output<typeof responses.Summary>;

/** @public */
export type WorkflowPendingActivity = z.output<
  typeof responses.PendingActivity
>;

/** An execution with its input, outcome and pending work. @public */
export type WorkflowExecutionDetail = z.output<typeof responses.Detail>;

/** @public */
export type WorkflowListResponse = z.output<typeof responses.List>;

/** @public */
export type WorkflowCountsResponse = z.output<typeof responses.Counts>;

/** One event of an execution's history. @public */
export type WorkflowHistoryEvent = z.output<typeof responses.HistoryEvent>;

/** @public */
export type WorkflowHistoryResponse = z.output<typeof responses.History>;

/**
 * Which executions to list or count, as the server reads the query: lists
 * as arrays. Every field narrows the set.
 * @public
 */
export type WorkflowFilter = z.output<typeof filterQuery>;

/** The run an action (start, signal, cancel, terminate) reached. @public */
export type WorkflowExecutionRef = z.output<typeof responses.ExecutionRef>;

/** What a query of an execution answered. @public */
export type WorkflowQueryResult = z.output<typeof responses.QueryResult>;

/** A batch cancel or terminate as the backend accepted it. @public */
export type WorkflowBatchStarted = z.output<typeof responses.BatchStarted>;

/** The state of a batch operation. @public */
export type WorkflowBatchStatus = z.output<typeof responses.BatchStatus>;

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
