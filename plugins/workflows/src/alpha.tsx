import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  consoleClientApiExtension,
  consoleCompatPageExtension,
} from '@ai-ops-console/console-react';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { workflowsApiRef, WorkflowsClient } from './api';
import {
  aiMetricsRouteRef,
  executionRouteRef,
  rootRouteRef,
  startRouteRef,
} from './routes';

const workflowsApi = consoleClientApiExtension({
  api: workflowsApiRef,
  client: WorkflowsClient,
});

/**
 * The list at /workflows, with the detail and start form as sub routes. The
 * page shell draws the header (the h1 "Workflows").
 */
const workflowsPage = consoleCompatPageExtension({
  path: '/workflows',
  title: 'Workflows',
  icon: <AccountTreeIcon />,
  routeRef: rootRouteRef,
  loadPage: () =>
    import('./components/WorkflowsPage').then(m => m.WorkflowsPage),
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
