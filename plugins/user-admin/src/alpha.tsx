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
import { userAdminApiRef, UserAdminClient } from './api';
import { USER_ADMIN_TITLE } from './components/UserAdminPage/title';
import { UserAdminIcon } from './icon';
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

/**
 * Users at /user-admin; sessions, roles, the policy tester and audit below
 * it. The title and icon make its sidebar entry. The page shell draws the
 * header (the title as the page's h1), so the page leaves its own out;
 * compatWrapper lets the components' core-plugin-api hooks resolve routes in
 * this app.
 */
const userAdminPage = PageBlueprint.make({
  params: {
    path: '/user-admin',
    title: USER_ADMIN_TITLE,
    icon: <UserAdminIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/UserAdminPage').then(m =>
        compatWrapper(<m.UserAdminPage header={false} />),
      ),
  },
});

/**
 * The user-admin plugin for apps of the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'user-admin',
  info: { packageJson: () => import('../package.json') },
  extensions: [userAdminApi, userAdminPage],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    sessions: sessionsRouteRef,
    roles: rolesRouteRef,
    role: roleRouteRef,
    policy: policyRouteRef,
    audit: auditRouteRef,
  }),
});
