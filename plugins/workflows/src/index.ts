export { workflowsPlugin as default } from './plugin';
export { workflowsApiRef } from './api';
export type {
  WorkflowsApi,
  WorkflowFilter,
  WorkflowExecutionRef,
  WorkflowBatchStarted,
  WorkflowBatchStatus,
} from './api';
