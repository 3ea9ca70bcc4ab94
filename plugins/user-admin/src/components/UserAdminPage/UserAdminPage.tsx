import {
  useAppLocation,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/frontend-plugin-api';
import { Box, LinearProgress } from '@material-ui/core';
import { lazy, ReactNode, Suspense } from 'react';
import {
  auditRouteRef,
  policyRouteRef,
  roleRouteRef,
  rolesRouteRef,
  rootRouteRef,
  sessionsRouteRef,
} from '../../routes';
import { SectionNav } from '../SectionNav';
import { WidgetBoundary } from '../WidgetBoundary';

const UsersPage = lazy(() =>
  import('../UsersPage').then(m => ({ default: m.UsersPage })),
);
const SessionsPage = lazy(() =>
  import('../SessionsPage').then(m => ({ default: m.SessionsPage })),
);
const RolesPage = lazy(() =>
  import('../RolesPage').then(m => ({ default: m.RolesPage })),
);
const RoleEditorPage = lazy(() =>
  import('../RoleEditorPage').then(m => ({ default: m.RoleEditorPage })),
);
const PolicyTesterPage = lazy(() =>
  import('../PolicyTesterPage').then(m => ({ default: m.PolicyTesterPage })),
);
const AuditPage = lazy(() =>
  import('../AuditPage').then(m => ({ default: m.AuditPage })),
);

const trimSlash = (path: string) => path.replace(/\/+$/, '');

/**
 * The plugin's page: users at its root, then sessions, roles (and one role's
 * editor), the policy tester and the audit log as sub routes. Each section is
 * its own lazily loaded chunk inside its own error boundary.
 */
export const UserAdminPage = () => {
  const { name: roleName } = useRouteRefParams(roleRouteRef);
  const { pathname } = useAppLocation();
  const links = [
    { id: 'users', title: 'Users', href: useRouteRef(rootRouteRef)?.() },
    {
      id: 'sessions',
      title: 'Sessions',
      href: useRouteRef(sessionsRouteRef)?.(),
    },
    { id: 'roles', title: 'Roles', href: useRouteRef(rolesRouteRef)?.() },
    {
      id: 'policy',
      title: 'Policy tester',
      href: useRouteRef(policyRouteRef)?.(),
    },
    { id: 'audit', title: 'Audit log', href: useRouteRef(auditRouteRef)?.() },
  ];

  const here = trimSlash(pathname);
  let current = roleName
    ? 'roles'
    : links.find(l => l.id !== 'users' && l.href && trimSlash(l.href) === here)
        ?.id ?? 'users';

  let view: ReactNode;
  let what: string;
  switch (current) {
    case 'sessions':
      view = <SessionsPage />;
      what = 'the sessions';
      break;
    case 'roles':
      view = roleName ? (
        <RoleEditorPage key={roleName} name={roleName} />
      ) : (
        <RolesPage />
      );
      what = roleName ? `the role ${roleName}` : 'the roles';
      break;
    case 'policy':
      view = <PolicyTesterPage />;
      what = 'the policy tester';
      break;
    case 'audit':
      view = <AuditPage />;
      what = 'the audit log';
      break;
    default:
      current = 'users';
      view = <UsersPage />;
      what = 'the users';
  }

  return (
    <Box p={3} display="grid" gridGap={16}>
      <SectionNav links={links} current={current} />
      <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
        <WidgetBoundary key={`${current}:${roleName ?? ''}`} what={what}>
          {view}
        </WidgetBoundary>
      </Suspense>
    </Box>
  );
};
