import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { workflowsApiRef, WorkflowsClient } from './api';
import { rootRouteRef } from './routes';

const workflowsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: workflowsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new WorkflowsClient({ discoveryApi, fetchApi }),
    }),
});

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
  routes: { root: rootRouteRef },
});
