import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

// Legacy route refs: they work in the old frontend system as they are, and
// `./alpha` converts them for the new one (convertLegacyRouteRefs), so both
// systems resolve the same objects.

/** The execution list, `/workflows`. */
export const rootRouteRef = createRouteRef({ id: 'workflows' });

/** One execution's detail, `/workflows/executions/:workflowId`. */
export const executionRouteRef = createSubRouteRef({
  id: 'workflows/execution',
  parent: rootRouteRef,
  path: '/executions/:workflowId',
});

/** The start form, `/workflows/start`. */
export const startRouteRef = createSubRouteRef({
  id: 'workflows/start',
  parent: rootRouteRef,
  path: '/start',
});

/**
 * The AI metrics dashboard, where an evaluation's model metrics are. The new
 * frontend system binds it to the ai-metrics plugin's page by default; an old
 * app binds it with `bindRoutes`, and without a binding the link is left out.
 */
export const aiMetricsRouteRef = createExternalRouteRef({
  id: 'workflows/ai-metrics',
  optional: true,
  defaultTarget: 'ai-metrics.root',
});
