import { createApiRef } from '@backstage/frontend-plugin-api';
import { WorkflowsHealth } from '@internal/backstage-plugin-workflows-common';

/** What the workflows frontend asks of its backend. @public */
export interface WorkflowsApi {
  /** Whether the backend reaches Temporal; resolves for 200 and 503 alike. */
  getHealth(): Promise<WorkflowsHealth>;
}

/** @public */
export const workflowsApiRef = createApiRef<WorkflowsApi>().with({
  id: 'plugin.workflows.api',
  pluginId: 'workflows',
});
