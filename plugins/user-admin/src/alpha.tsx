import { Content } from '@backstage/core-components';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
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
 * it. The title and icon make its sidebar entry. The page shell renders the
 * header (the title as the page's h1), so the sections come without the
 * legacy page's `Header`, in `Content` for the same padding. The components
 * are written against core-plugin-api and React Router: `compatWrapper` and
 * the router adapter give them both here.
 */
const userAdminPage = PageBlueprint.make({
  params: {
    path: '/user-admin',
    title: USER_ADMIN_TITLE,
    icon: <UserAdminIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/UserAdminPage').then(m =>
        compatWrapper(
          <ReactRouterV6PageRouter>
            <Content>
              <m.UserAdminSections />
            </Content>
          </ReactRouterV6PageRouter>,
        ),
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
