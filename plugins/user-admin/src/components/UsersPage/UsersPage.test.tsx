import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { ConsoleUser } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserAdminApi } from '../../api';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  responseError,
  ROLES,
  testApis,
  user,
  undecidedPermissions,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { UsersPage } from './UsersPage';

const ADA = user({ id: 'ada', roles: ['admin'] });
const BOB = user({ id: 'bob', roles: ['viewer'], lastSignInAt: undefined });
const PAT = user({ id: 'pat', status: 'pending' });

async function renderPage(
  impl: Partial<UserAdminApi> = {},
  options: {
    url?: string;
    permissions?: PermissionApi;
    extraApis?: any[];
  } = {},
) {
  const api = fakeApi({
    listUsers: async () => ({ items: [ADA, BOB, PAT], total: 3 }),
    ...impl,
  });
  const result = await renderInTestApp(<UsersPage />, {
    apis: [
      ...testApis(api, options.permissions),
      ...(options.extraApis ?? []),
    ] as any,
    mountPath: '/user-admin',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [options.url ?? '/user-admin'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, location };
}

const params = (search: string) =>
  Object.fromEntries(new URLSearchParams(search));

describe('UsersPage', () => {
  it('lists users with their status in words, roles and last sign-in', async () => {
    await renderPage();
    const row = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(within(row).getByText('ada@console.example')).toBeInTheDocument();
    expect(within(row).getByText('user:default/ada')).toBeInTheDocument();
    // the status is in words with an icon, not in colour alone
    const status = within(row).getByText('Active').closest('.MuiChip-root')!;
    expect(status.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(within(row).getByText('Admin')).toBeInTheDocument();
    const bob = screen.getByRole('rowheader', { name: 'Bob' }).closest('tr')!;
    expect(within(bob).getByText('Never')).toBeInTheDocument();
    expect(within(bob).getByText('Viewer')).toBeInTheDocument();
    const pat = screen.getByRole('rowheader', { name: 'Pat' }).closest('tr')!;
    expect(within(pat).getByText('Pending approval')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Sessions of ada@console.example' }),
    ).toHaveAttribute(
      'href',
      '/user-admin/sessions?userRef=user%3Adefault%2Fada',
    );
  });

  it('shows an admin every action on every row', async () => {
    const zoe = user({ id: 'zoe', status: 'disabled' });
    await renderPage({
      listUsers: async () => ({ items: [ADA, PAT, zoe], total: 3 }),
    });
    expect(
      await screen.findByRole('button', { name: 'Invite user' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Actions' }),
    ).toBeInTheDocument();
    // the buttons and the Sessions link of a row's last cell, in order
    const buttons = (name: string) =>
      Array.from(
        screen
          .getByRole('rowheader', { name })
          .closest('tr')!
          .lastElementChild!.querySelectorAll('a, button'),
      ).map(control => control.textContent);
    await waitFor(() =>
      expect(buttons('Ada')).toEqual([
        'Disable',
        'Edit roles',
        'Sessions',
        'Delete',
      ]),
    );
    expect(buttons('Pat')).toEqual([
      'Approve',
      'Disable',
      'Edit roles',
      'Sessions',
      'Delete',
    ]);
    expect(buttons('Zoe')).toEqual([
      'Enable',
      'Edit roles',
      'Sessions',
      'Delete',
    ]);
  });

  it('shows a viewer the users and their sessions, but no action that changes anything', async () => {
    const permissions = fakePermissions(viewerOnly);
    const zoe = user({ id: 'zoe', status: 'disabled' });
    await renderPage(
      { listUsers: async () => ({ items: [ADA, PAT, zoe], total: 3 }) },
      { permissions },
    );
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
    for (const name of [
      /^Approve /,
      /^Disable /,
      /^Enable /,
      /^Edit roles of /,
      /^Delete /,
    ]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    // reading and narrowing the list stays
    expect(screen.getByLabelText('Search users')).toBeInTheDocument();
  });

  it('shows the users without any action while the permission checks are loading', async () => {
    const permissions = undecidedPermissions();
    const asked = jest.spyOn(permissions, 'authorize');
    await renderPage({}, { permissions });
    await screen.findByRole('rowheader', { name: 'Pat' });
    // the page asked, and no answer will come
    await waitFor(() => expect(asked).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Invite user' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('link', { name: /^Sessions of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
  });

  it('asks for the page the URL names', async () => {
    const { api } = await renderPage(
      {},
      {
        url: '/user-admin?search=ad&role=admin&status=active&sort=email&order=desc&offset=25',
      },
    );
    await screen.findByRole('rowheader', { name: 'Ada' });
    expect(api.listUsers).toHaveBeenCalledWith({
      search: 'ad',
      role: 'admin',
      status: 'active',
      sort: 'email',
      order: 'desc',
      limit: 25,
      offset: 25,
    });
    expect(screen.getByLabelText('Search users')).toHaveValue('ad');
    expect(
      screen.getByRole('columnheader', { name: /^Email/ }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('writes search, filters and sort to the URL and asks the API for them', async () => {
    const { api, location } = await renderPage();
    await screen.findByRole('rowheader', { name: 'Ada' });

    await userEvent.type(screen.getByLabelText('Search users'), 'ada{Enter}');
    await waitFor(() =>
      expect(params(location().search)).toEqual({ search: 'ada' }),
    );
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'ada', offset: 0 }),
      ),
    );

    await userEvent.selectOptions(screen.getByLabelText('Role'), 'Operator');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Disabled');
    await waitFor(() =>
      expect(params(location().search)).toEqual({
        search: 'ada',
        role: 'operator',
        status: 'disabled',
      }),
    );
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith({
        search: 'ada',
        role: 'operator',
        status: 'disabled',
        sort: 'name',
        order: 'asc',
        limit: 25,
        offset: 0,
      }),
    );

    const nameHeader = screen.getByRole('columnheader', { name: /^Name/ });
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Last sign-in' }));
    await waitFor(() =>
      expect(params(location().search)).toMatchObject({ sort: 'lastSignInAt' }),
    );
    expect(
      screen.getByRole('columnheader', { name: /^Last sign-in/ }),
    ).toHaveAttribute('aria-sort', 'ascending');
    expect(nameHeader).toHaveAttribute('aria-sort', 'none');
    await userEvent.click(screen.getByRole('button', { name: 'Last sign-in' }));
    await waitFor(() =>
      expect(params(location().search)).toMatchObject({
        sort: 'lastSignInAt',
        order: 'desc',
      }),
    );
  });

  it('pages on the server', async () => {
    const { api, location } = await renderPage({
      listUsers: async () => ({ items: [ADA, BOB, PAT], total: 60 }),
    });
    await screen.findByRole('rowheader', { name: 'Ada' });
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(params(location().search)).toEqual({ offset: '25' }),
    );
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 25, offset: 25 }),
      ),
    );
  });

  it('asks before disabling, with an optional reason, then reloads', async () => {
    let ada = ADA;
    const { api } = await renderPage({
      listUsers: async () => ({ items: [ada, BOB], total: 2 }),
      setUserStatus: async () => {
        ada = { ...ADA, status: 'disabled' };
        return ada;
      },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Disable ada@console.example',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Disable ada@console.example?',
    });
    expect(dialog).toHaveTextContent(
      'Every session and token they hold is revoked',
    );
    expect(api.setUserStatus).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText('Reason (optional)'),
      'left the team',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    await waitFor(() =>
      expect(api.setUserStatus).toHaveBeenCalledWith({
        id: 'ada',
        action: 'disable',
        reason: 'left the team',
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Disabled ada@console.example',
    );
    const row = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(await within(row).findByText('Disabled')).toBeInTheDocument();
    expect(api.listUsers).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // the same button now enables, and keeps the focus
    expect(
      screen.getByRole('button', { name: 'Enable ada@console.example' }),
    ).toHaveFocus();
  });

  it('keeps the dialog open and says why when disabling is refused', async () => {
    await renderPage({
      setUserStatus: async () => {
        throw await responseError(409, 'you cannot disable yourself');
      },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Disable ada@console.example',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'you cannot disable yourself',
    );
  });

  it('approves a pending user without asking', async () => {
    const { api } = await renderPage({
      setUserStatus: async () => ({ ...PAT, status: 'active' }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Approve pat@console.example',
      }),
    );
    expect(api.setUserStatus).toHaveBeenCalledWith({
      id: 'pat',
      action: 'approve',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Approved pat@console.example.',
    );
  });

  it('says what deleting does and deletes after confirmation', async () => {
    const { api } = await renderPage({ deleteUser: async () => undefined });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete bob@console.example' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete bob@console.example?',
    });
    expect(dialog).toHaveTextContent('their sessions are revoked');
    expect(dialog).toHaveTextContent('Audit records about them are kept');
    // nothing to type: the title has the focus, and Tab reaches Cancel first
    expect(
      within(dialog).getByRole('heading', {
        name: 'Delete bob@console.example?',
      }).parentElement,
    ).toHaveFocus();
    await userEvent.tab();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete user' }),
    );
    await waitFor(() =>
      expect(api.deleteUser).toHaveBeenCalledWith({ id: 'bob' }),
    );
  });

  it('moves the focus to the heading when the row that opened the dialog is gone', async () => {
    let users = [ADA, BOB];
    await renderPage({
      listUsers: async () => ({ items: users, total: users.length }),
      deleteUser: async () => {
        users = [ADA];
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete bob@console.example' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete user' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Bob' })).toBeNull(),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Users' })).toHaveFocus(),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Deleted bob@console.example.',
    );
  });

  it('moves the focus to the heading when an enabled user leaves the filtered list', async () => {
    const disabled = { ...BOB, status: 'disabled' as const };
    let users = [disabled];
    await renderPage(
      {
        listUsers: async () => ({ items: users, total: users.length }),
        setUserStatus: async () => {
          users = [];
          return { ...BOB, status: 'active' };
        },
      },
      { url: '/user-admin?status=disabled' },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enable bob@console.example' }),
    );
    expect(
      await screen.findByText('No users match these filters'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Users' })).toHaveFocus(),
    );
  });

  it('edits roles with checkboxes named by role title and saves them', async () => {
    const { api } = await renderPage({
      updateUser: async ({ id, patch }) => ({ ...BOB, id, ...patch }),
    });
    const opener = await screen.findByRole('button', {
      name: 'Edit roles of bob@console.example',
    });
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit roles of bob@console.example',
    });
    // the first field has the focus
    expect(within(dialog).getAllByRole('checkbox')[0]).toHaveFocus();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Viewer' }),
    ).toBeChecked();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Admin' }),
    ).not.toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Operator' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Viewer' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save roles' }),
    );
    await waitFor(() =>
      expect(api.updateUser).toHaveBeenCalledWith({
        id: 'bob',
        patch: { roles: ['operator'] },
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Saved the roles of bob@console.example.',
    );
    // the focus goes back to the button that opened the dialog
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(opener).toHaveFocus();
  });

  it('checks the email before inviting', async () => {
    const { api } = await renderPage({
      inviteUser: async input =>
        user({ id: 'new', email: input.email, status: 'invited' }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Invite user' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });
    const email = within(dialog).getByRole('textbox', { name: /Email/ });
    expect(email).toHaveFocus();
    await userEvent.type(email, 'not-an-email');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Invite' }),
    );
    expect(
      within(dialog).getByText(/Enter a valid email address/),
    ).toBeInTheDocument();
    expect(api.inviteUser).not.toHaveBeenCalled();

    await userEvent.clear(email);
    await userEvent.type(email, 'new@console.example');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Display name' }),
      'New Person',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Viewer' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Invite' }),
    );
    await waitFor(() =>
      expect(api.inviteUser).toHaveBeenCalledWith({
        email: 'new@console.example',
        displayName: 'New Person',
        roles: ['viewer'],
      }),
    );
  });

  it('says "You may not" for a 403', async () => {
    await renderPage({
      listUsers: async () => {
        throw await responseError(403, 'user-admin.user.read is not allowed');
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You may not list users');
    expect(alert).toHaveTextContent('user-admin.user.read is not allowed');
  });

  it('shows why a sign-in is refused (401) and offers to sign in again', async () => {
    const signOut = jest.fn(async () => {});
    await renderPage(
      {
        listUsers: async () => {
          throw await responseError(
            401,
            'your account is disabled or not approved: ask an admin',
          );
        },
      },
      { extraApis: [[coreApis.identity, { signOut }]] },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'your account is disabled or not approved: ask an admin',
    );
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Sign in again' }),
    );
    expect(signOut).toHaveBeenCalled();
  });

  it('shows markup in names as text', async () => {
    const evil: ConsoleUser = user({
      id: 'evil',
      displayName: '<img src=x onerror=alert(1)>',
    });
    await renderPage({
      listUsers: async () => ({ items: [evil], total: 1 }),
    });
    expect(
      await screen.findByRole('rowheader', {
        name: '<img src=x onerror=alert(1)>',
      }),
    ).toBeInTheDocument();
    expect(document.body.querySelector('img')).toBeNull();
  });

  it('offers to clear filters when nothing matches', async () => {
    const { location } = await renderPage(
      { listUsers: async () => ({ items: [], total: 0 }) },
      { url: '/user-admin?status=disabled' },
    );
    expect(
      await screen.findByText('No users match these filters'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(location().search).toBe(''));
  });

  it('opens a dialog by keyboard and gives the focus back on Escape', async () => {
    await renderPage();
    await screen.findByRole('rowheader', { name: 'Ada' });
    const invite = screen.getByRole('button', { name: 'Invite user' });
    // the page's first control after the heading
    screen.getByRole('heading', { name: 'Users' }).focus();
    await userEvent.tab();
    expect(invite).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Invite a user' });
    expect(
      within(dialog).getByRole('textbox', { name: /Email/ }),
    ).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(invite).toHaveFocus();
  });

  it('keeps the user list when the roles fail to load, and retries the roles alone', async () => {
    const { api } = await renderPage({
      listRoles: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'database unreachable'))
        .mockResolvedValueOnce(ROLES),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the roles');
    expect(alert).toHaveTextContent('database unreachable');
    // the table is there, with role names for want of their titles
    const ada = (await screen.findByRole('rowheader', { name: 'Ada' })).closest(
      'tr',
    )!;
    expect(within(ada).getByText('admin')).toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toEqual([alert]);
    const filter = screen.getByRole('combobox', { name: 'Role' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All roles']);

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(within(ada).getByText('Admin')).toBeInTheDocument();
    expect(
      within(filter).getByRole('option', { name: 'Operator' }),
    ).toBeInTheDocument();
    expect(api.listRoles).toHaveBeenCalledTimes(2);
    expect(api.listUsers).toHaveBeenCalledTimes(1);
  });
});
