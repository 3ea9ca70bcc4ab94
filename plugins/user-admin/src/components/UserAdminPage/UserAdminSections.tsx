import { WidgetBoundary } from '@ai-ops-console/console-react';
import { useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import { Box, LinearProgress } from '@material-ui/core';
import { lazy, ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  auditRouteRef,
  policyRouteRef,
  roleRouteRef,
  rolesRouteRef,
  rootRouteRef,
  sessionsRouteRef,
} from '../../routes';
import { SectionNav } from '../SectionNav';

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

type SectionId = 'users' | 'sessions' | 'roles' | 'policy' | 'audit';

function Section(props: {
  current: SectionId;
  /** What failed, for the error boundary: "Could not show …". */
  what: string;
  children: ReactNode;
}) {
  const { current, what, children } = props;
  const links = [
    { id: 'users', title: 'Users', href: useRouteRef(rootRouteRef)() },
    {
      id: 'sessions',
      title: 'Sessions',
      href: useRouteRef(sessionsRouteRef)(),
    },
    { id: 'roles', title: 'Roles', href: useRouteRef(rolesRouteRef)() },
    {
      id: 'policy',
      title: 'Policy tester',
      href: useRouteRef(policyRouteRef)(),
    },
    { id: 'audit', title: 'Audit log', href: useRouteRef(auditRouteRef)() },
  ];
  return (
    <Box display="grid" gridGap={16}>
      <SectionNav links={links} current={current} />
      <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
        {/* keyed by what it shows: another section starts without the last one's error */}
        <WidgetBoundary key={what} what={what}>
          {children}
        </WidgetBoundary>
      </Suspense>
    </Box>
  );
}

function RoleSection() {
  const { name } = useRouteRefParams(roleRouteRef);
  return (
    <Section current="roles" what={`the role ${name}`}>
      <RoleEditorPage key={name} name={name} />
    </Section>
  );
}

/**
 * The plugin's sections under the page's mount: users at its root, then
 * sessions, roles (and one role's editor), the policy tester and the audit
 * log at the paths of their sub route refs. Each section is its own lazily
 * loaded chunk inside its own error boundary. `UserAdminPage` puts the page
 * around it.
 */
export function UserAdminSections() {
  return (
    <Routes>
      <Route
        path={sessionsRouteRef.path}
        element={
          <Section current="sessions" what="the sessions">
            <SessionsPage />
          </Section>
        }
      />
      <Route
        path={rolesRouteRef.path}
        element={
          <Section current="roles" what="the roles">
            <RolesPage />
          </Section>
        }
      />
      <Route path={roleRouteRef.path} element={<RoleSection />} />
      <Route
        path={policyRouteRef.path}
        element={
          <Section current="policy" what="the policy tester">
            <PolicyTesterPage />
          </Section>
        }
      />
      <Route
        path={auditRouteRef.path}
        element={
          <Section current="audit" what="the audit log">
            <AuditPage />
          </Section>
        }
      />
      {/* the index, and any path the plugin does not know, list the users */}
      <Route
        path="*"
        element={
          <Section current="users" what="the users">
            <UsersPage />
          </Section>
        }
      />
    </Routes>
  );
}
