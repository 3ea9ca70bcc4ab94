import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import { aiMetricsApiRef, AiMetricsClient } from './api';
import { rootRouteRef } from './routes';

const aiMetricsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiMetricsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiMetricsClient({ discoveryApi, fetchApi }),
    }),
});

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
  routes: { root: rootRouteRef },
});
