import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { fakeApi, ROLES, testApis, user } from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { UserAdminPage } from './UserAdminPage';

function renderAt(url: string) {
  const api = fakeApi({
    listUsers: async () => ({ items: [user({ id: 'ada' })], total: 1 }),
    listSessions: async () => ({ items: [], total: 0 }),
    getRole: async ({ name }) => ROLES.find(r => r.name === name)!,
    listPermissions: async () => ({ items: [], unreachable: [] }),
    listAudit: async () => ({ items: [] }),
  });
  renderInTestApp(<UserAdminPage />, {
    apis: testApis(api),
    mountPath: '/user-admin',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [url],
  });
  return api;
}

const nav = () =>
  within(screen.getByRole('navigation', { name: 'User admin sections' }));

describe('UserAdminPage', () => {
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
});
