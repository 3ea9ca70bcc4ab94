export { workflowsApiRef } from './WorkflowsApi';
export type { WorkflowsApi } from './WorkflowsApi';
export type {
  WorkflowFilter,
  WorkflowExecutionRef,
  WorkflowBatchStarted,
  WorkflowBatchStatus,
} from '@ai-ops-console/backstage-plugin-workflows-common';
export { WorkflowsClient } from './WorkflowsClient';
