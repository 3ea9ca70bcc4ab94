import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  ROLES,
  testApis,
  user,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { InviteDialog } from './InviteDialog';
import { UserTable } from './UserTable';
import { UsersPage } from './UsersPage';

// In a file of its own: the permission hook caches answers per file, so the
// page is rendered with permissions once here; the tables and the dialog
// below take what is allowed as props and ask nothing.

const ADA = user({ id: 'ada', roles: ['admin'] });
const PAT = user({ id: 'pat', status: 'pending' });
const ZOE = user({ id: 'zoe', status: 'disabled' });
const QUERY = { sort: 'name', order: 'asc', limit: 25, offset: 0 } as const;

const MUTATING = [
  /^Approve /,
  /^Disable /,
  /^Enable /,
  /^Edit roles of /,
  /^Delete /,
];

it('shows a viewer the users and their sessions, but no action that changes anything', async () => {
  const permissions = fakePermissions(viewerOnly);
  await renderInTestApp(<UsersPage />, {
    apis: testApis(
      fakeApi({
        listUsers: async () => ({ items: [ADA, PAT, ZOE], total: 3 }),
      }),
      permissions,
    ),
    mountPath: '/user-admin',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: ['/user-admin'],
  });
  expect(
    await screen.findByRole('rowheader', { name: 'Ada' }),
  ).toBeInTheDocument();
  await permissionsAnswered(permissions, [
    'user-admin.user.create',
    'user-admin.user.update',
    'user-admin.user.delete',
    'user-admin.role.manage',
    'user-admin.session.read',
  ]);

  // reading other users' sessions is allowed: the link, in the Actions column
  expect(
    screen.getByRole('link', { name: 'Sessions of pat@console.example' }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('columnheader', { name: 'Actions' }),
  ).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Invite user' })).toBeNull();
  for (const name of MUTATING) {
    expect(screen.queryByRole('button', { name })).toBeNull();
  }
  // reading and narrowing the list stays
  expect(screen.getByLabelText('Search users')).toBeInTheDocument();
});

describe('UserTable', () => {
  const renderTable = (
    allowed: { status: boolean; roles: boolean; delete: boolean },
    sessions = false,
  ) =>
    renderInTestApp(
      <UserTable
        users={[ADA, PAT]}
        total={2}
        query={QUERY}
        roles={ROLES}
        allowed={allowed}
        sessionsHref={sessions ? () => '/sessions' : undefined}
        onQueryChange={() => {}}
        onAction={() => {}}
      />,
    );

  it('has no Actions column when no row action is allowed', async () => {
    await renderTable({ status: false, roles: false, delete: false });
    const ada = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    // as many cells in a row as there are headers
    expect(screen.getAllByRole('columnheader')).toHaveLength(7);
    expect(within(ada).getAllByRole('cell')).toHaveLength(6);
    expect(screen.queryAllByRole('button', { name: /ada@/ })).toEqual([]);
  });

  it('offers status changes without Edit roles to those who may not manage roles', async () => {
    await renderTable({ status: true, roles: false, delete: false });
    const pat = (await screen.findByRole('rowheader', { name: 'Pat' })).closest(
      'tr',
    )!;
    expect(
      screen.getByRole('columnheader', { name: 'Actions' }),
    ).toBeInTheDocument();
    expect(
      within(pat).getByRole('button', { name: 'Approve pat@console.example' }),
    ).toBeInTheDocument();
    expect(
      within(pat).getByRole('button', { name: 'Disable pat@console.example' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit roles/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
  });

  it('offers only Delete to those who may only delete', async () => {
    await renderTable({ status: false, roles: false, delete: true });
    const ada = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(
      within(ada)
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual(['Delete ada@console.example']);
  });
});

describe('InviteDialog', () => {
  it('offers no roles to those who may not assign them, and says which they get', async () => {
    await renderInTestApp(
      <InviteDialog
        open
        roles={ROLES}
        canAssignRoles={false}
        onInvite={async () => {}}
        onClose={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });
    expect(within(dialog).queryAllByRole('checkbox')).toEqual([]);
    expect(dialog).toHaveTextContent(
      'They get the default roles: you may not assign roles.',
    );
  });
});
