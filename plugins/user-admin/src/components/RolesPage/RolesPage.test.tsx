import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserAdminApi } from '../../api';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  responseError,
  ROLES,
  testApis,
  undecidedPermissions,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { RolesPage } from './RolesPage';

const REVIEWER: Role = {
  name: 'ml-reviewer',
  title: 'ML reviewer',
  description: 'Approves model promotions.',
  builtIn: false,
  grants: [{ permission: 'workflows.*', action: 'read', effect: 'allow' }],
  members: ['group:default/ml', 'user:default/bob'],
};

async function renderPage(
  impl: Partial<UserAdminApi> = {},
  options: { permissions?: PermissionApi } = {},
) {
  const api = fakeApi({
    listRoles: async () => [...ROLES, REVIEWER],
    ...impl,
  });
  const result = await renderInTestApp(<RolesPage />, {
    apis: testApis(api, options.permissions),
    mountPath: '/user-admin/roles',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: ['/user-admin/roles'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, location };
}

describe('RolesPage', () => {
  it('lists roles with kind, member and grant counts and links to the editor', async () => {
    await renderPage();
    const row = (
      await screen.findByRole('rowheader', { name: 'ML reviewer' })
    ).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells.slice(0, 5)).toEqual([
      'ml-reviewer',
      'Approves model promotions.',
      'Custom',
      '2',
      '1',
    ]);
    expect(
      within(row).getByRole('link', { name: 'ML reviewer' }),
    ).toHaveAttribute('href', '/user-admin/roles/ml-reviewer');
    expect(
      within(row).getByRole('link', { name: 'Edit role ML reviewer' }),
    ).toHaveAttribute('href', '/user-admin/roles/ml-reviewer');
  });

  it('shows an admin every action', async () => {
    await renderPage();
    for (const name of ['Create role', 'Export YAML', 'Import YAML']) {
      expect(await screen.findByRole('button', { name })).toBeInTheDocument();
    }
    const row = (
      await screen.findByRole('rowheader', { name: 'ML reviewer' })
    ).closest('tr')!;
    expect(
      within(row).getByRole('link', { name: 'Edit role ML reviewer' }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Delete role ML reviewer' }),
    ).toBeEnabled();
  });

  it('shows a viewer the roles to view and export, and nothing to change them', async () => {
    const permissions = fakePermissions(viewerOnly);
    await renderPage({}, { permissions });
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

  it('shows the roles without any action while the permission checks are loading', async () => {
    const permissions = undecidedPermissions();
    const asked = jest.spyOn(permissions, 'authorize');
    await renderPage({}, { permissions });
    await screen.findByRole('rowheader', { name: 'Viewer' });
    // the page asked, and no answer will come
    await waitFor(() => expect(asked).toHaveBeenCalled());
    for (const name of [
      'Create role',
      'Export YAML',
      'Import YAML',
      /^Delete/,
    ]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });

  it('cannot delete built-in roles and says why', async () => {
    await renderPage();
    const button = await screen.findByRole('button', {
      name: 'Delete role Admin',
    });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Built-in roles cannot be deleted.',
    );
    expect(
      screen.getByRole('button', { name: 'Delete role ML reviewer' }),
    ).toBeEnabled();
  });

  it('deletes a custom role after confirmation', async () => {
    const { api } = await renderPage({ deleteRole: async () => undefined });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete role ML reviewer' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete role ML reviewer?',
    });
    expect(dialog).toHaveTextContent('2 members');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete role' }),
    );
    await waitFor(() =>
      expect(api.deleteRole).toHaveBeenCalledWith({ name: 'ml-reviewer' }),
    );
    expect(api.listRoles).toHaveBeenCalledTimes(2);
  });

  it('moves the focus to the heading when the deleted role leaves the list', async () => {
    let roles = [...ROLES, REVIEWER];
    await renderPage({
      listRoles: async () => roles,
      deleteRole: async () => {
        roles = ROLES;
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete role ML reviewer' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete role' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('rowheader', { name: 'ML reviewer' }),
      ).toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Roles' })).toHaveFocus(),
    );
  });

  it('creates a role and opens its editor', async () => {
    const { api, location } = await renderPage({
      createRole: async role => ({ ...role, builtIn: false }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create role' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Create a role' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /^Name/ }),
      'Bad Name',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create role' }),
    );
    expect(dialog).toHaveTextContent('Lower case letters');
    expect(api.createRole).not.toHaveBeenCalled();
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'auditor');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /^Title/ }),
      'Auditor',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create role' }),
    );
    await waitFor(() =>
      expect(api.createRole).toHaveBeenCalledWith({
        name: 'auditor',
        title: 'Auditor',
        description: '',
        grants: [],
        members: [],
      }),
    );
    await waitFor(() =>
      expect(location().pathname).toBe('/user-admin/roles/auditor'),
    );
    // the editor is asked to take the focus, as Create role is gone
    expect(location().state).toEqual({ focusHeading: true });
  });

  it('downloads the YAML export', async () => {
    const original = {
      createObjectURL: URL.createObjectURL,
      revokeObjectURL: URL.revokeObjectURL,
    };
    const createObjectURL = jest.fn((_: Blob) => 'blob:roles');
    const revokeObjectURL = jest.fn();
    // jsdom has no object URLs
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const { api } = await renderPage({
      exportRoles: async () => 'kind: Roles\n',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export YAML' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportRoles).toHaveBeenCalled();
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/yaml');
    expect(await blob.text()).toBe('kind: Roles\n');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:roles');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Exported the roles to roles.yaml.',
    );
    click.mockRestore();
    Object.assign(URL, original);
  });

  it("imports YAML and shows the server's 400 message", async () => {
    const importRoles = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(
          400,
          'invalid roles document: roles.0.name: lower case letters, digits, . _ -',
        ),
      )
      .mockResolvedValueOnce({ imported: 1 });
    const { api } = await renderPage({ importRoles });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Import YAML' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Import roles from YAML',
    });
    const text = within(dialog).getByRole('textbox', { name: /Roles YAML/ });
    fireEvent.change(text, {
      target: { value: 'roles:\n  - name: Bad\n    title: Bad\n' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not import the roles');
    expect(alert).toHaveTextContent(
      'invalid roles document: roles.0.name: lower case letters, digits, . _ -',
    );
    expect(dialog).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    await waitFor(() => expect(importRoles).toHaveBeenCalledTimes(2));
    expect(importRoles).toHaveBeenLastCalledWith({
      yaml: 'roles:\n  - name: Bad\n    title: Bad\n',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Imported 1 role.',
    );
    expect(api.listRoles).toHaveBeenCalledTimes(2);
    // the button that opened the dialog is still there and has the focus
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Import YAML' })).toHaveFocus();
  });

  it('reads the YAML from a chosen file', async () => {
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Import YAML' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('YAML file')).toHaveFocus();
    const file = new File(['kind: Roles\nroles: []\n'], 'roles.yaml', {
      type: 'text/yaml',
    });
    await userEvent.upload(within(dialog).getByLabelText('YAML file'), file);
    await waitFor(() =>
      expect(
        within(dialog).getByRole('textbox', { name: /Roles YAML/ }),
      ).toHaveValue('kind: Roles\nroles: []\n'),
    );
  });

  it('says "You may not" when roles cannot be read', async () => {
    await renderPage({
      listRoles: async () => {
        throw await responseError(403, 'user-admin.role.read is denied');
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not read roles',
    );
  });
});
