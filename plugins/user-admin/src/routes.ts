import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/*
 * Legacy route refs, so that the plugin mounts in an app of either frontend
 * system: `alpha.tsx` converts these same objects for the new one, and the
 * components resolve them with core-plugin-api's `useRouteRef` in both.
 */

/** The plugin's page, `/user-admin`; its index lists the users. */
export const rootRouteRef = createRouteRef({ id: 'user-admin' });

/** Sessions, everyone's or the caller's own: `/user-admin/sessions`. */
export const sessionsRouteRef = createSubRouteRef({
  id: 'user-admin/sessions',
  parent: rootRouteRef,
  path: '/sessions',
});

/** The role list: `/user-admin/roles`. */
export const rolesRouteRef = createSubRouteRef({
  id: 'user-admin/roles',
  parent: rootRouteRef,
  path: '/roles',
});

/** One role's editor: `/user-admin/roles/:name`. */
export const roleRouteRef = createSubRouteRef({
  id: 'user-admin/role',
  parent: rootRouteRef,
  path: '/roles/:name',
});

/** The policy tester: `/user-admin/policy`. */
export const policyRouteRef = createSubRouteRef({
  id: 'user-admin/policy',
  parent: rootRouteRef,
  path: '/policy',
});

/** The audit log: `/user-admin/audit`. */
export const auditRouteRef = createSubRouteRef({
  id: 'user-admin/audit',
  parent: rootRouteRef,
  path: '/audit',
});
