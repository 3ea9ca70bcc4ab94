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

/** The dashboard at /ai-metrics, with the comparison as a sub route. */
const aiMetricsPage = PageBlueprint.make({
  params: {
    path: '/ai-metrics',
    title: 'AI Metrics',
    icon: <ShowChartIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/AiMetricsPage').then(m => <m.AiMetricsPage />),
  },
});

/** The ai-metrics frontend plugin. @public */
export const aiMetricsPlugin = createFrontendPlugin({
  pluginId: 'ai-metrics',
  info: { packageJson: () => import('../package.json') },
  extensions: [aiMetricsApi, aiMetricsPage],
  routes: { root: rootRouteRef, compare: compareRouteRef },
  externalRoutes: { workflows: workflowsRouteRef },
});
