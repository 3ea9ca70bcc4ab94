import {
  discoveryApiRef,
  fetchApiRef,
  FetchApi,
} from '@backstage/core-plugin-api';
import { FlatRoutes } from '@backstage/core-app-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router-dom';
import { userAdminApiRef, UserAdminClient } from './api';
import { UserAdminPage, userAdminPlugin } from './plugin';
import { fakeApi, ROLES, testApis, user } from './__testUtils__/fakes';

/** The page as a legacy app's App.tsx mounts it. */
async function renderLegacyAt(url: string) {
  const api = fakeApi({
    listUsers: async () => ({ items: [user({ id: 'ada' })], total: 1 }),
    listSessions: async () => ({ items: [], total: 0 }),
    getRole: async ({ name }) => ROLES.find(r => r.name === name)!,
    listAudit: async () => ({ items: [] }),
  });
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <FlatRoutes>
        <Route path="/user-admin" element={<UserAdminPage />} />
      </FlatRoutes>
    </TestApiProvider>,
    { routeEntries: [url] },
  );
  return api;
}

const nav = () =>
  within(screen.getByRole('navigation', { name: 'User admin sections' }));

describe('userAdminPlugin (legacy frontend system)', () => {
  it('shows the page in a Backstage header whose title is its only h1', async () => {
    await renderLegacyAt('/user-admin');
    expect(
      await screen.findByRole('heading', { name: 'Users', level: 2 }),
    ).toBeInTheDocument();
    const banner = screen.getByRole('banner');
    expect(
      within(banner).getByRole('heading', { name: 'User Admin', level: 1 }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    // the sections sit in the page's main area, not against the sidebar
    expect(screen.getByRole('main')).toContainElement(
      nav().getByRole('link', { name: 'Users' }),
    );
  });

  it.each([
    ['/user-admin/sessions', 'Sessions', 'Sessions'],
    ['/user-admin/roles', 'Roles', 'Roles'],
    ['/user-admin/roles/viewer', 'Role Viewer', 'Roles'],
    ['/user-admin/audit', 'Audit log', 'Audit log'],
  ])(
    'shows %s from the sub route refs under the mount path',
    async (url, heading, current) => {
      await renderLegacyAt(url);
      expect(
        await screen.findByRole('heading', { name: heading, level: 2 }),
      ).toBeInTheDocument();
      expect(nav().getByRole('link', { name: current })).toHaveAttribute(
        'aria-current',
        'page',
      );
    },
  );

  it('moves between sections inside the app, without reloading the page', async () => {
    await renderLegacyAt('/user-admin');
    await screen.findByRole('heading', { name: 'Users', level: 2 });
    expect(nav().getByRole('link', { name: 'Roles' })).toHaveAttribute(
      'href',
      '/user-admin/roles',
    );
    await userEvent.click(nav().getByRole('link', { name: 'Roles' }));
    expect(
      await screen.findByRole('heading', { name: 'Roles', level: 2 }),
    ).toBeInTheDocument();
    // a role's link leads to its editor through the role sub route ref
    await userEvent.click(
      await screen.findByRole('link', { name: 'Edit role Viewer' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Role Viewer', level: 2 }),
    ).toBeInTheDocument();
  });

  it('provides a client on the discovery and fetch APIs', async () => {
    const factory = [...userAdminPlugin.getApis()].find(
      f => f.api.id === userAdminApiRef.id,
    )!;
    expect(
      Object.values(factory.deps)
        .map(ref => ref.id)
        .sort(),
    ).toEqual([discoveryApiRef.id, fetchApiRef.id].sort());
    const fetch = jest.fn<ReturnType<FetchApi['fetch']>, any>(
      async () => new Response(JSON.stringify({ status: 'ok' })),
    );
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(UserAdminClient);
    await (client as UserAdminClient).getHealth();
    expect(String(fetch.mock.calls[0][0])).toBe(
      'http://backend/api/user-admin/health',
    );
  });
});
