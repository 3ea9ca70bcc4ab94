import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  consoleClientApiExtension,
  consoleCompatPageExtension,
} from '@ai-ops-console/console-react';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import { aiMetricsApiRef, AiMetricsClient } from './api';
import { compareRouteRef, rootRouteRef, workflowsRouteRef } from './routes';

const aiMetricsApi = consoleClientApiExtension({
  api: aiMetricsApiRef,
  client: AiMetricsClient,
});

/**
 * The dashboard at /ai-metrics, with the comparison as a sub route. The page
 * shell draws the header (the h1 "AI Metrics").
 */
const aiMetricsPage = consoleCompatPageExtension({
  path: '/ai-metrics',
  title: 'AI Metrics',
  icon: <ShowChartIcon />,
  routeRef: rootRouteRef,
  loadPage: () =>
    import('./components/AiMetricsPage').then(m => m.AiMetricsPage),
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
