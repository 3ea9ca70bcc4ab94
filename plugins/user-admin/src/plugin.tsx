import { createConsoleClientApiFactory } from '@ai-ops-console/console-react';
import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { userAdminApiRef, UserAdminClient } from './api';
import {
  auditRouteRef,
  policyRouteRef,
  roleRouteRef,
  rolesRouteRef,
  rootRouteRef,
  sessionsRouteRef,
} from './routes';

/**
 * The user-admin plugin for apps of the legacy frontend system. The new
 * frontend system's plugin is the default export of `/alpha`.
 *
 * @public
 */
export const userAdminPlugin = createPlugin({
  id: 'user-admin',
  apis: [
    createConsoleClientApiFactory({
      api: userAdminApiRef,
      client: UserAdminClient,
    }),
  ],
  routes: {
    root: rootRouteRef,
    sessions: sessionsRouteRef,
    roles: rolesRouteRef,
    role: roleRouteRef,
    policy: policyRouteRef,
    audit: auditRouteRef,
  },
});

/**
 * Users at its mount path (`/user-admin` by convention); sessions, roles, the
 * policy tester and the audit log below it. Mount it with
 * `<Route path="/user-admin" element={<UserAdminPage />} />`.
 *
 * @public
 */
export const UserAdminPage = userAdminPlugin.provide(
  createRoutableExtension({
    name: 'UserAdminPage',
    component: () =>
      import('./components/UserAdminPage').then(m => m.UserAdminPage),
    mountPoint: rootRouteRef,
  }),
);
