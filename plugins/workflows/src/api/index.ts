export { workflowsApiRef } from './WorkflowsApi';
export type {
  WorkflowsApi,
  WorkflowFilter,
  WorkflowExecutionRef,
  WorkflowBatchStarted,
  WorkflowBatchStatus,
} from './WorkflowsApi';
export { WorkflowsClient } from './WorkflowsClient';
