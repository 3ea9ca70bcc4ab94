import { createConsoleClientApiFactory } from '@ai-ops-console/console-react';
import {
  createPlugin,
  createRoutableExtension,
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
    createConsoleClientApiFactory({
      api: workflowsApiRef,
      client: WorkflowsClient,
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
