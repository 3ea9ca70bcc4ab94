import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserAdminApi } from '../../api';
import { fakeApi, ROLES, testApis, user } from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { UserAdminSections } from './UserAdminSections';

function renderAt(url: string, impl: Partial<UserAdminApi> = {}) {
  const api = fakeApi({
    listUsers: async () => ({ items: [user({ id: 'ada' })], total: 1 }),
    listSessions: async () => ({ items: [], total: 0 }),
    getRole: async ({ name }) => ROLES.find(r => r.name === name)!,
    listPermissions: async () => ({ items: [], unreachable: [] }),
    listAudit: async () => ({ items: [] }),
    ...impl,
  });
  renderInTestApp(<UserAdminSections />, {
    apis: testApis(api),
    mountPath: '/user-admin',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [url],
  });
  return api;
}

const nav = () =>
  within(screen.getByRole('navigation', { name: 'User admin sections' }));

describe('UserAdminSections', () => {
  it('shows the users at its root, with links to every section', async () => {
    renderAt('/user-admin');
    expect(
      await screen.findByRole('heading', { name: 'Users' }),
    ).toBeInTheDocument();
    expect(nav().getByRole('link', { name: 'Users' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(nav().getByRole('link', { name: 'Sessions' })).toHaveAttribute(
      'href',
      '/user-admin/sessions',
    );
    expect(nav().getByRole('link', { name: 'Roles' })).toHaveAttribute(
      'href',
      '/user-admin/roles',
    );
    expect(nav().getByRole('link', { name: 'Policy tester' })).toHaveAttribute(
      'href',
      '/user-admin/policy',
    );
    expect(nav().getByRole('link', { name: 'Audit log' })).toHaveAttribute(
      'href',
      '/user-admin/audit',
    );
  });

  it.each([
    ['/user-admin/sessions', 'Sessions', 'Sessions'],
    ['/user-admin/roles', 'Roles', 'Roles'],
    ['/user-admin/roles/viewer', 'Role Viewer', 'Roles'],
    ['/user-admin/policy', 'Policy tester', 'Policy tester'],
    ['/user-admin/audit/', 'Audit log', 'Audit log'],
  ])('shows %s', async (url, heading, current) => {
    renderAt(url);
    expect(
      await screen.findByRole('heading', { name: heading }),
    ).toBeInTheDocument();
    expect(nav().getByRole('link', { name: current })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('decodes the role name of the editor', async () => {
    const api = renderAt('/user-admin/roles/ml.reviewer%2Dx');
    await screen.findByRole('heading', { name: /^Role/ });
    expect(api.getRole).toHaveBeenCalledWith({ name: 'ml.reviewer-x' });
  });

  it('gives the focus to the next page when a dialog took its opener away', async () => {
    const roles: Role[] = [...ROLES];
    renderAt('/user-admin/roles', {
      listRoles: async () => [...roles],
      createRole: async role => {
        roles.push({ ...role, builtIn: false });
        return { ...role, builtIn: false };
      },
      getRole: async ({ name }) => roles.find(r => r.name === name)!,
      deleteRole: async ({ name }) => {
        roles.splice(
          roles.findIndex(r => r.name === name),
          1,
        );
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create role' }),
    );
    const create = await screen.findByRole('dialog', { name: 'Create a role' });
    await userEvent.type(
      within(create).getByRole('textbox', { name: /^Name/ }),
      'auditor',
    );
    await userEvent.type(
      within(create).getByRole('textbox', { name: /^Title/ }),
      'Auditor{Enter}',
    );
    // Create role went with the roles page: the editor's heading has the focus
    const editor = await screen.findByRole('heading', { name: 'Role Auditor' });
    await waitFor(() => expect(editor).toHaveFocus());

    await userEvent.click(screen.getByRole('button', { name: 'Delete role' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete role Auditor?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete role' }),
    );
    // and Delete role went with the editor: the roles page's heading has it
    const list = await screen.findByRole('heading', { name: 'Roles' });
    await waitFor(() => expect(list).toHaveFocus());
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
