import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { workflowsApiRef, WorkflowsClient } from './api';
import {
  executionRouteRef,
  rootRouteRef,
  startRouteRef,
  aiMetricsRouteRef,
} from './routes';

const workflowsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: workflowsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new WorkflowsClient({ discoveryApi, fetchApi }),
    }),
});

/** The list at /workflows, with the detail and start form as sub routes. */
const workflowsPage = PageBlueprint.make({
  params: {
    path: '/workflows',
    title: 'Workflows',
    icon: <AccountTreeIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/WorkflowsPage').then(m => <m.WorkflowsPage />),
  },
});

/** The workflows frontend plugin. @public */
export const workflowsPlugin = createFrontendPlugin({
  pluginId: 'workflows',
  info: { packageJson: () => import('../package.json') },
  extensions: [workflowsApi, workflowsPage],
  routes: {
    root: rootRouteRef,
    execution: executionRouteRef,
    start: startRouteRef,
  },
  externalRoutes: { aiMetrics: aiMetricsRouteRef },
});
