import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

// Legacy route refs: they work in the old frontend system as they are, and
// `./alpha` converts them for the new one (convertLegacyRouteRefs), so both
// systems resolve the same objects.

/** The dashboard, `/ai-metrics`. */
export const rootRouteRef = createRouteRef({ id: 'ai-metrics' });

/** The model and version comparison, `/ai-metrics/compare`. */
export const compareRouteRef = createSubRouteRef({
  id: 'ai-metrics/compare',
  parent: rootRouteRef,
  path: '/compare',
});

/**
 * The workflows list, where evaluation runs of a model are. The new frontend
 * system binds it to the workflows plugin's page by default; an old app binds
 * it with `bindRoutes`, and without a binding the link is left out.
 */
export const workflowsRouteRef = createExternalRouteRef({
  id: 'ai-metrics/workflows',
  optional: true,
  defaultTarget: 'workflows.root',
});
