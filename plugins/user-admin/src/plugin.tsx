import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import SupervisorAccountIcon from '@material-ui/icons/SupervisorAccount';
import { userAdminApiRef, UserAdminClient } from './api';
import {
  auditRouteRef,
  policyRouteRef,
  roleRouteRef,
  rolesRouteRef,
  rootRouteRef,
  sessionsRouteRef,
} from './routes';

const userAdminApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: userAdminApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new UserAdminClient({ discoveryApi, fetchApi }),
    }),
});

/** Users at /user-admin; sessions, roles, the policy tester and audit below it. */
const userAdminPage = PageBlueprint.make({
  params: {
    path: '/user-admin',
    title: 'User Admin',
    icon: <SupervisorAccountIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/UserAdminPage').then(m => <m.UserAdminPage />),
  },
});

/** The user-admin frontend plugin. @public */
export const userAdminPlugin = createFrontendPlugin({
  pluginId: 'user-admin',
  info: { packageJson: () => import('../package.json') },
  extensions: [userAdminApi, userAdminPage],
  routes: {
    root: rootRouteRef,
    sessions: sessionsRouteRef,
    roles: rolesRouteRef,
    role: roleRouteRef,
    policy: policyRouteRef,
    audit: auditRouteRef,
  },
});
