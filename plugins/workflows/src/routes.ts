import {
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
