import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import userAdminPlugin from './alpha';
import { roleRouteRef, rootRouteRef } from './routes';
import { fakeApi, ROLES, testApis, user } from './__testUtils__/fakes';

function renderAlphaAt(url: string) {
  const api = fakeApi({
    listUsers: async () => ({ items: [user({ id: 'ada' })], total: 1 }),
    listSessions: async () => ({ items: [], total: 0 }),
    getRole: async ({ name }) => ROLES.find(r => r.name === name)!,
    listAudit: async () => ({ items: [] }),
  });
  renderTestApp({
    features: [userAdminPlugin],
    apis: testApis(api),
    initialRouteEntries: [url],
  });
  return api;
}

const nav = () =>
  within(screen.getByRole('navigation', { name: 'User admin sections' }));

describe('userAdminPlugin (new frontend system, /alpha)', () => {
  it('mounts at /user-admin with the page shell as its only header', async () => {
    renderAlphaAt('/user-admin');
    expect(
      await screen.findByRole('heading', { name: 'Users', level: 2 }),
    ).toBeInTheDocument();
    // the shell's h1 is the title; the legacy page's Header is not added
    expect(
      screen.getByRole('heading', { name: 'User Admin', level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('shows a role from the converted sub route ref and moves between sections in place', async () => {
    renderAlphaAt('/user-admin/roles/viewer');
    expect(
      await screen.findByRole('heading', { name: 'Role Viewer', level: 2 }),
    ).toBeInTheDocument();
    expect(nav().getByRole('link', { name: 'Roles' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await userEvent.click(nav().getByRole('link', { name: 'Audit log' }));
    expect(
      await screen.findByRole('heading', { name: 'Audit log', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('offers the legacy route refs, converted, for other plugins to bind', () => {
    expect(userAdminPlugin.routes.root).toBe(rootRouteRef);
    expect(userAdminPlugin.routes.role).toBe(roleRouteRef);
  });
});
