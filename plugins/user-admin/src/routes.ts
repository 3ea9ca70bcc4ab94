import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The plugin's page, `/user-admin`; its index lists the users. */
export const rootRouteRef = createRouteRef();

/** Sessions, everyone's or the caller's own: `/user-admin/sessions`. */
export const sessionsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/sessions',
});

/** The role list: `/user-admin/roles`. */
export const rolesRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/roles',
});

/** One role's editor: `/user-admin/roles/:name`. */
export const roleRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/roles/:name',
});

/** The policy tester: `/user-admin/policy`. */
export const policyRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/policy',
});

/** The audit log: `/user-admin/audit`. */
export const auditRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/audit',
});
