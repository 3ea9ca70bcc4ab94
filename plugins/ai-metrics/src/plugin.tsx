import { createConsoleClientApiFactory } from '@ai-ops-console/console-react';
import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { aiMetricsApiRef, AiMetricsClient } from './api';
import { compareRouteRef, rootRouteRef, workflowsRouteRef } from './routes';

/**
 * The ai-metrics plugin for the old frontend system (`createApp` from
 * `@backstage/app-defaults`). The new frontend system uses `./alpha`.
 *
 * @public
 */
export const aiMetricsPlugin = createPlugin({
  id: 'ai-metrics',
  apis: [
    createConsoleClientApiFactory({
      api: aiMetricsApiRef,
      client: AiMetricsClient,
    }),
  ],
  routes: { root: rootRouteRef, compare: compareRouteRef },
  externalRoutes: { workflows: workflowsRouteRef },
});

/**
 * The dashboard, with the comparison under `compare`:
 * `<Route path="/ai-metrics" element={<AiMetricsPage />} />`.
 *
 * @public
 */
export const AiMetricsPage = aiMetricsPlugin.provide(
  createRoutableExtension({
    name: 'AiMetricsPage',
    component: () =>
      import('./components/AiMetricsPage').then(m => m.AiMetricsPage),
    mountPoint: rootRouteRef,
  }),
);
