import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  consoleClientApiExtension,
  consoleCompatPageExtension,
} from '@ai-ops-console/console-react';
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

const userAdminApi = consoleClientApiExtension({
  api: userAdminApiRef,
  client: UserAdminClient,
});

/**
 * Users at /user-admin; sessions, roles, the policy tester and audit below
 * it. The title and icon make its sidebar entry. The page shell draws the
 * header (the title as the page's h1).
 */
const userAdminPage = consoleCompatPageExtension({
  path: '/user-admin',
  title: USER_ADMIN_TITLE,
  icon: <UserAdminIcon />,
  routeRef: rootRouteRef,
  loadPage: () =>
    import('./components/UserAdminPage').then(m => m.UserAdminPage),
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
