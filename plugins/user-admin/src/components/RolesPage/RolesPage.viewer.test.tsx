import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  ROLES,
  testApis,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { RolesPage } from './RolesPage';

// In a file of its own: the permission hook caches answers per file.

const REVIEWER: Role = {
  name: 'ml-reviewer',
  title: 'ML reviewer',
  description: 'Approves model promotions.',
  builtIn: false,
  grants: [{ permission: 'workflows.*', action: 'read', effect: 'allow' }],
  members: ['user:default/bob'],
};

it('shows a viewer the roles to view and export, and nothing to change them', async () => {
  const permissions = fakePermissions(viewerOnly);
  await renderInTestApp(<RolesPage />, {
    apis: testApis(
      fakeApi({ listRoles: async () => [...ROLES, REVIEWER] }),
      permissions,
    ),
    mountPath: '/user-admin/roles',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: ['/user-admin/roles'],
  });
  // exporting reads the roles: it is allowed, so the answers have arrived
  expect(
    await screen.findByRole('button', { name: 'Export YAML' }),
  ).toBeInTheDocument();
  await permissionsAnswered(permissions, [
    'user-admin.role.manage',
    'user-admin.role.read',
  ]);

  expect(screen.queryByRole('button', { name: 'Create role' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Import YAML' })).toBeNull();
  expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
  // nothing explains a Delete that is not there
  expect(screen.queryByText('Built-in roles cannot be deleted.')).toBeNull();
  const row = screen
    .getByRole('rowheader', { name: 'ML reviewer' })
    .closest('tr')!;
  // the editor is a read-only view for them, and its link says so
  expect(
    within(row).getByRole('link', { name: 'View role ML reviewer' }),
  ).toHaveAttribute('href', '/user-admin/roles/ml-reviewer');
  expect(screen.queryByRole('link', { name: /^Edit role/ })).toBeNull();
});
