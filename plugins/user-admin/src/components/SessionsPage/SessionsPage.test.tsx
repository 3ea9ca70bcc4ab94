import { coreApis } from '@backstage/frontend-plugin-api';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserAdminApi } from '../../api';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  responseError,
  session,
  testApis,
  user,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { SessionsPage } from './SessionsPage';

const ACTIVE = session({ id: 's1', userRef: 'user:default/bob' });
const REVOKED = session({
  id: 's2',
  userRef: 'user:default/bob',
  revokedAt: '2026-01-12T08:00:00.000Z',
  revokedBy: 'user:default/ada',
  revokeReason: 'lost laptop',
});

async function renderPage(
  impl: Partial<UserAdminApi>,
  options: { url?: string; permissions?: PermissionApi } = {},
) {
  const api = fakeApi(impl);
  const result = await renderInTestApp(<SessionsPage />, {
    apis: testApis(api, options.permissions),
    mountPath: '/user-admin/sessions',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [options.url ?? '/user-admin/sessions'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, location };
}

describe('SessionsPage', () => {
  it("shows everyone's sessions to those allowed, with who revoked what and why", async () => {
    const { api } = await renderPage({
      listSessions: async () => ({ items: [ACTIVE, REVOKED], total: 2 }),
    });
    const rows = await screen.findAllByRole('rowheader', {
      name: 'user:default/bob',
    });
    expect(rows).toHaveLength(2);
    const active = rows[0].closest('tr')!;
    expect(active).toHaveTextContent('Active');
    expect(active).toHaveTextContent('Chrome/140');
    expect(active).toHaveTextContent('10.0.0.7');
    const revoked = rows[1].closest('tr')!;
    expect(revoked).toHaveTextContent(
      /Revoked by user:default\/ada at .*: lost laptop/,
    );
    expect(
      within(revoked).queryByRole('button', { name: /Revoke/ }),
    ).toBeNull();
    expect(api.listSessions).toHaveBeenCalledWith({
      userRef: undefined,
      activeOnly: false,
      limit: 25,
      offset: 0,
    });
    expect(api.listMySessions).not.toHaveBeenCalled();
  });

  it("shows an admin every action, on other users' sessions too", async () => {
    await renderPage(
      {
        listSessions: async () => ({ items: [ACTIVE], total: 1 }),
      },
      { url: '/user-admin/sessions?userRef=user%3Adefault%2Fbob' },
    );
    expect(
      await screen.findByRole('button', {
        name: 'Revoke session s1 of user:default/bob',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', {
        name: 'Log out user:default/bob everywhere',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Log me out everywhere' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Actions' }),
    ).toBeInTheDocument();
  });

  it('lets a viewer revoke only their own sessions and log out only themselves', async () => {
    const permissions = fakePermissions(viewerOnly);
    // the fake API's caller is ada
    const mine = session({ id: 'a1', userRef: 'user:default/ada' });
    await renderPage(
      { listSessions: async () => ({ items: [ACTIVE, mine], total: 2 }) },
      {
        url: '/user-admin/sessions?userRef=user%3Adefault%2Fbob',
        permissions,
      },
    );
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

  it('shows only their own sessions to others', async () => {
    const { api } = await renderPage({
      listSessions: async () => {
        throw await responseError(403, 'not allowed');
      },
      listMySessions: async () => ({
        items: [session({ id: 'mine', userRef: 'user:default/ada' })],
        total: 1,
      }),
    });
    expect(
      await screen.findByRole('rowheader', { name: 'user:default/ada' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Your sessions \(user:default\/ada\)/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('User ref')).toBeNull();
    expect(api.listMySessions).toHaveBeenCalledWith({
      activeOnly: false,
      limit: 25,
      offset: 0,
    });
  });

  it('filters by user and state through the URL', async () => {
    const { api, location } = await renderPage({
      listSessions: async () => ({ items: [ACTIVE], total: 1 }),
    });
    await screen.findByRole('rowheader', { name: 'user:default/bob' });
    await userEvent.type(
      screen.getByLabelText('User ref'),
      'user:default/bob{Enter}',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Active only' }),
    );
    await waitFor(() =>
      expect(
        Object.fromEntries(new URLSearchParams(location().search)),
      ).toEqual({ userRef: 'user:default/bob', active: 'true' }),
    );
    await waitFor(() =>
      expect(api.listSessions).toHaveBeenLastCalledWith({
        userRef: 'user:default/bob',
        activeOnly: true,
        limit: 25,
        offset: 0,
      }),
    );
  });

  it('revokes a session after confirmation', async () => {
    const { api } = await renderPage({
      listSessions: async () => ({ items: [ACTIVE], total: 1 }),
      revokeSession: async () => ({ ...ACTIVE, revokedAt: 'now' }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Revoke session s1 of user:default/bob',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke this session?',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Reason (optional)'),
      'stolen',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke session' }),
    );
    await waitFor(() =>
      expect(api.revokeSession).toHaveBeenCalledWith({
        id: 's1',
        reason: 'stolen',
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Revoked a session of user:default/bob.',
    );
  });

  it('moves the focus to the heading when the Revoke button is gone', async () => {
    let current = ACTIVE;
    await renderPage({
      listSessions: async () => ({ items: [current], total: 1 }),
      revokeSession: async () => {
        current = { ...ACTIVE, revokedAt: '2026-01-12T08:00:00.000Z' };
        return current;
      },
    });
    const revoke = await screen.findByRole('button', {
      name: 'Revoke session s1 of user:default/bob',
    });
    revoke.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke this session?',
    });
    expect(within(dialog).getByLabelText('Reason (optional)')).toHaveFocus();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke session' }),
    );
    await waitFor(() => expect(revoke).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Sessions' })).toHaveFocus(),
    );
  });

  it('logs a filtered user out everywhere', async () => {
    const { api } = await renderPage(
      {
        listSessions: async () => ({ items: [ACTIVE], total: 1 }),
        listUsers: async () => ({
          items: [user({ id: 'bob-id', userRef: 'user:default/bob' })],
          total: 1,
        }),
        revokeUserSessions: async () => ({ revoked: 2 }),
      },
      { url: '/user-admin/sessions?userRef=user%3Adefault%2Fbob' },
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Log out user:default/bob everywhere',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Log out everywhere' }),
    );
    await waitFor(() =>
      expect(api.revokeUserSessions).toHaveBeenCalledWith({
        id: 'bob-id',
        reason: undefined,
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Logged user:default/bob out everywhere (2 sessions).',
    );
  });

  it('logs me out everywhere and offers to sign in again', async () => {
    const { api } = await renderPage({
      listSessions: async () => ({ items: [], total: 0 }),
      revokeMySessions: async () => ({ revoked: 3 }),
    });
    expect(await screen.findByText('No sessions.')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Log me out everywhere' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Log out everywhere?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Log me out everywhere' }),
    );
    expect(api.revokeMySessions).toHaveBeenCalled();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You were logged out everywhere');
    expect(
      within(alert).getByRole('button', { name: 'Sign in again' }),
    ).toBeInTheDocument();
  });
});
