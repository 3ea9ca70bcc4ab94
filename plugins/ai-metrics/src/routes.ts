import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The dashboard, `/ai-metrics`. */
export const rootRouteRef = createRouteRef();

/** The model and version comparison, `/ai-metrics/compare`. */
export const compareRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/compare',
});

/**
 * The workflows list, where evaluation runs of a model are; bound to the
 * workflows plugin's page by default.
 */
export const workflowsRouteRef = createExternalRouteRef({
  defaultTarget: 'workflows.root',
});
