import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { workflowsApiRef, WorkflowsClient } from './api';
import {
  aiMetricsRouteRef,
  executionRouteRef,
  rootRouteRef,
  startRouteRef,
} from './routes';

/**
 * The workflows plugin for the old frontend system (`createApp` from
 * `@backstage/app-defaults`). The new frontend system uses `./alpha`.
 *
 * @public
 */
export const workflowsPlugin = createPlugin({
  id: 'workflows',
  apis: [
    createApiFactory({
      api: workflowsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new WorkflowsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    execution: executionRouteRef,
    start: startRouteRef,
  },
  externalRoutes: { aiMetrics: aiMetricsRouteRef },
});

/**
 * The execution list, with one execution under `executions/:workflowId` and
 * the start form under `start`: `<Route path="/workflows" element={<WorkflowsPage />} />`.
 *
 * @public
 */
export const WorkflowsPage = workflowsPlugin.provide(
  createRoutableExtension({
    name: 'WorkflowsPage',
    component: () =>
      import('./components/WorkflowsPage').then(m => m.WorkflowsPage),
    mountPoint: rootRouteRef,
  }),
);
