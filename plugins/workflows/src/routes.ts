import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The execution list, `/workflows`. */
export const rootRouteRef = createRouteRef();

/** One execution's detail, `/workflows/executions/:workflowId`. */
export const executionRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/executions/:workflowId',
});

/** The start form, `/workflows/start`. */
export const startRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/start',
});

/**
 * The AI metrics dashboard, where an evaluation's model metrics are; bound to
 * the ai-metrics plugin's page by default.
 */
export const aiMetricsRouteRef = createExternalRouteRef({
  defaultTarget: 'ai-metrics.root',
});
