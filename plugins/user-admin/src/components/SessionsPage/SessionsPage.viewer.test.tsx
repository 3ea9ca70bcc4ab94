import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  session,
  testApis,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { SessionsPage } from './SessionsPage';
import { SessionTable } from './SessionTable';

// In a file of its own: the permission hook caches answers per file, so the
// page is rendered with permissions once here.

const BOBS = session({ id: 'b1', userRef: 'user:default/bob' });
// the fake API's caller is ada
const MINE = session({ id: 'a1', userRef: 'user:default/ada' });
const QUERY = { activeOnly: false, limit: 25, offset: 0 };

it('lets a viewer revoke only their own sessions and log out only themselves', async () => {
  const permissions = fakePermissions(viewerOnly);
  await renderInTestApp(<SessionsPage />, {
    apis: testApis(
      fakeApi({
        listSessions: async () => ({ items: [BOBS, MINE], total: 2 }),
      }),
      permissions,
    ),
    mountPath: '/user-admin/sessions',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: ['/user-admin/sessions?userRef=user%3Adefault%2Fbob'],
  });
  // their own session can always be revoked: the answers have arrived
  expect(
    await screen.findByRole('button', {
      name: 'Revoke session a1 of user:default/ada',
    }),
  ).toBeInTheDocument();
  await permissionsAnswered(permissions, [
    'user-admin.session.revoke',
    'user-admin.user.read',
  ]);

  const bob = screen
    .getByRole('rowheader', { name: 'user:default/bob' })
    .closest('tr')!;
  expect(within(bob).queryByRole('button')).toBeNull();
  expect(
    screen.queryByRole('button', {
      name: 'Log out user:default/bob everywhere',
    }),
  ).toBeNull();
  expect(
    screen.getByRole('button', { name: 'Log me out everywhere' }),
  ).toBeInTheDocument();
});

describe('SessionTable', () => {
  it('has no Actions column when none of its sessions may be revoked', async () => {
    await renderInTestApp(
      <SessionTable
        sessions={[BOBS]}
        total={1}
        query={QUERY}
        onQueryChange={() => {}}
        mayRevoke={() => false}
        onRevoke={() => {}}
      />,
    );
    const row = (
      await screen.findByRole('rowheader', { name: 'user:default/bob' })
    ).closest('tr')!;
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getAllByRole('columnheader')).toHaveLength(6);
    expect(within(row).getAllByRole('cell')).toHaveLength(5);
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull();
  });
});
