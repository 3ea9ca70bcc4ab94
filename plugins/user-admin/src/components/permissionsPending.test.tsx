import { renderInTestApp } from '../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { act, screen } from '@testing-library/react';
import { fakeApi, ROLES, testApis, user } from '../__testUtils__/fakes';
import { rootRouteRef } from '../routes';
import { PolicyTesterPage } from './PolicyTesterPage';
import { RoleEditorPage } from './RoleEditorPage';
import { RolesPage } from './RolesPage';
import { UsersPage } from './UsersPage';

// In a file of its own: the permission hook caches answers per file, and
// here no answer ever comes.

/** A permission API that never answers: every check stays loading. */
const undecided: PermissionApi = {
  authorize: () => new Promise(() => {}),
};

/** Lets whatever could still arrive reach the page (a macrotask). */
const settle = () => act(() => new Promise(resolve => setTimeout(resolve, 0)));

const REVIEWER: Role = {
  name: 'ml-reviewer',
  title: 'ML reviewer',
  description: '',
  builtIn: false,
  grants: [],
  members: [],
};

describe('while the permission checks are loading', () => {
  it('the users page shows the users without any action', async () => {
    await renderInTestApp(<UsersPage />, {
      apis: testApis(
        fakeApi({
          listUsers: async () => ({
            items: [
              user({ id: 'ada' }),
              user({ id: 'pat', status: 'pending' }),
            ],
            total: 2,
          }),
        }),
        undecided,
      ),
      mountPath: '/user-admin',
      mountedRoutes: { '/user-admin': rootRouteRef },
      initialRouteEntries: ['/user-admin'],
    });
    await screen.findByRole('rowheader', { name: 'Pat' });
    await settle();
    expect(screen.queryByRole('button', { name: 'Invite user' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Sessions of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
  });

  it('the roles page shows the roles without any action', async () => {
    await renderInTestApp(<RolesPage />, {
      apis: testApis(fakeApi({ listRoles: async () => ROLES }), undecided),
      mountPath: '/user-admin/roles',
      mountedRoutes: { '/user-admin': rootRouteRef },
      initialRouteEntries: ['/user-admin/roles'],
    });
    await screen.findByRole('rowheader', { name: 'Viewer' });
    await settle();
    for (const name of [
      'Create role',
      'Export YAML',
      'Import YAML',
      /^Delete/,
    ]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });

  it('the role editor waits, showing neither the editor nor the read-only view', async () => {
    const api = fakeApi({ getRole: async () => REVIEWER });
    await renderInTestApp(<RoleEditorPage name="ml-reviewer" />, {
      apis: testApis(api, undecided),
      mountPath: '/user-admin/roles/:name',
      mountedRoutes: { '/user-admin': rootRouteRef },
      initialRouteEntries: ['/user-admin/roles/ml-reviewer'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Role ML reviewer' }),
    ).toBeInTheDocument();
    await settle();
    expect(
      screen.getByRole('progressbar', { name: 'Loading the role' }),
    ).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryByText(/You may view this role/)).toBeNull();
  });

  it('the policy tester says it is checking, with no form yet', async () => {
    await renderInTestApp(<PolicyTesterPage />, {
      apis: testApis(fakeApi(), undecided),
    });
    expect(
      await screen.findByText('Checking what you may do…'),
    ).toBeInTheDocument();
    await settle();
    expect(screen.queryByRole('button', { name: 'Run test' })).toBeNull();
    expect(screen.queryByText(/You may not test the policy/)).toBeNull();
  });
});
