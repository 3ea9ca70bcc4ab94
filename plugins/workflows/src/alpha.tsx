import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
  compatWrapper,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { workflowsApiRef, WorkflowsClient } from './api';
import {
  aiMetricsRouteRef,
  executionRouteRef,
  rootRouteRef,
  startRouteRef,
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

/**
 * The list at /workflows, with the detail and start form as sub routes. The
 * page shell draws the header (the h1 "Workflows"), so the page leaves its
 * own out; compatWrapper lets the components' core-plugin-api hooks resolve
 * routes in this app.
 */
const workflowsPage = PageBlueprint.make({
  params: {
    path: '/workflows',
    title: 'Workflows',
    icon: <AccountTreeIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/WorkflowsPage').then(m =>
        compatWrapper(<m.WorkflowsPage header={false} />),
      ),
  },
});

/**
 * The workflows plugin for the new frontend system. Its external route
 * `aiMetrics` defaults to the ai-metrics plugin's page (`ai-metrics.root`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'workflows',
  info: { packageJson: () => import('../package.json') },
  extensions: [workflowsApi, workflowsPage],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    execution: executionRouteRef,
    start: startRouteRef,
  }),
  externalRoutes: convertLegacyRouteRefs({ aiMetrics: aiMetricsRouteRef }),
});
