/**
 * The workflows frontend plugin for the old frontend system; the new frontend
 * system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export { workflowsPlugin, WorkflowsPage } from './plugin';
export { workflowsApiRef } from './api';
export type {
  WorkflowsApi,
  WorkflowFilter,
  WorkflowExecutionRef,
  WorkflowBatchStarted,
  WorkflowBatchStatus,
} from './api';
