import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import { aiMetricsApiRef, AiMetricsClient } from './api';
import { compareRouteRef, rootRouteRef, workflowsRouteRef } from './routes';

const aiMetricsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiMetricsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiMetricsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The dashboard at /ai-metrics, with the comparison as a sub route. The page
 * shell draws the header (the h1 "AI Metrics"), so the page leaves its own
 * out; compatWrapper lets the components' core-plugin-api hooks resolve
 * routes in this app.
 */
const aiMetricsPage = PageBlueprint.make({
  params: {
    path: '/ai-metrics',
    title: 'AI Metrics',
    icon: <ShowChartIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/AiMetricsPage').then(m =>
        compatWrapper(<m.AiMetricsPage header={false} />),
      ),
  },
});

/**
 * The ai-metrics plugin for the new frontend system. Its external route
 * `workflows` defaults to the workflows plugin's page (`workflows.root`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-metrics',
  info: { packageJson: () => import('../package.json') },
  extensions: [aiMetricsApi, aiMetricsPage],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    compare: compareRouteRef,
  }),
  externalRoutes: convertLegacyRouteRefs({ workflows: workflowsRouteRef }),
});
