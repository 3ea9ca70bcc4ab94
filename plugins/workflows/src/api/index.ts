export { workflowsApiRef } from './WorkflowsApi';
export type { WorkflowsApi } from './WorkflowsApi';
export { WorkflowsClient } from './WorkflowsClient';
