import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionInfo, UserAdminApi } from '../../api';
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
import { RoleEditorPage } from './RoleEditorPage';

const REVIEWER: Role = {
  name: 'ml-reviewer',
  title: 'ML reviewer',
  description: 'Approves model promotions.',
  builtIn: false,
  grants: [{ permission: 'workflows.execution.read', effect: 'allow' }],
  members: ['group:default/ml'],
};

/** The condition of a grant on the executions the caller started. */
const STARTED_BY_CALLER = {
  rule: 'IS_STARTED_BY',
  pluginId: 'workflows',
  resourceType: 'workflow-execution',
  params: { userRefs: ['$user'] },
};

const PERMISSIONS: PermissionInfo[] = [
  {
    type: 'resource',
    name: 'workflows.execution.read',
    attributes: { action: 'read' },
    resourceType: 'workflow-execution',
  },
  {
    type: 'resource',
    name: 'workflows.execution.cancel',
    attributes: { action: 'update' },
    resourceType: 'workflow-execution',
  },
];

async function renderEditor(
  role: Role,
  impl: Partial<UserAdminApi> = {},
  options: { permissions?: PermissionApi } = {},
) {
  const api = fakeApi({
    getRole: async () => role,
    listPermissions: async () => ({
      items: PERMISSIONS,
      unreachable: ['ai-metrics'],
    }),
    updateRole: async ({ patch }) => ({ ...role, ...patch }),
    setRoleMembers: async ({ members }) => ({ ...role, members }),
    ...impl,
  });
  const result = await renderInTestApp(<RoleEditorPage name={role.name} />, {
    apis: testApis(api, options.permissions),
    mountPath: '/user-admin/roles/:name',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: [`/user-admin/roles/${role.name}`],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, location };
}

const grant = (n: number) => screen.getByRole('group', { name: `Grant ${n}` });

describe('RoleEditorPage', () => {
  it('gives an admin the editor with every action', async () => {
    await renderEditor(REVIEWER);
    expect(
      await screen.findByRole('button', { name: 'Save role' }),
    ).toBeInTheDocument();
    for (const name of [
      'Add grant',
      'Remove grant 1',
      'Remove member group:default/ml',
      'Add member',
      'Save members',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: 'Delete role' })).toBeEnabled();
    expect(screen.getByRole('textbox', { name: /^Title/ })).toHaveValue(
      'ML reviewer',
    );
    expect(screen.queryByText(/You may view this role/)).toBeNull();
  });

  it('shows a viewer the role as text, with nothing to change or delete', async () => {
    const permissions = fakePermissions(viewerOnly);
    const { api } = await renderEditor(
      {
        ...REVIEWER,
        grants: [
          { permission: 'workflows.execution.read', effect: 'allow' },
          {
            permission: 'workflows.execution.cancel',
            action: 'update',
            effect: 'conditional',
            condition: STARTED_BY_CALLER,
          },
        ],
        members: ['group:default/ml', 'user:default/bob'],
      },
      {},
      { permissions },
    );
    expect(
      await screen.findByText(/You may view this role but not change it/),
    ).toBeInTheDocument();
    await permissionsAnswered(permissions, ['user-admin.role.manage']);

    expect(screen.getByText('Approves model promotions.')).toBeInTheDocument();
    const grants = screen.getByRole('table', { name: 'Grants' });
    const cancel = within(grants)
      .getByRole('rowheader', { name: 'workflows.execution.cancel' })
      .closest('tr')!;
    expect(cancel).toHaveTextContent('update');
    expect(cancel).toHaveTextContent('Conditional');
    expect(cancel).toHaveTextContent(
      'Rule IS_STARTED_BY of plugin workflows on resource type workflow-execution',
    );
    expect(cancel).toHaveTextContent('"$user"');
    const read = within(grants)
      .getByRole('rowheader', { name: 'workflows.execution.read' })
      .closest('tr')!;
    expect(read).toHaveTextContent('Any action');
    expect(read).toHaveTextContent('Allow');
    const members = screen.getByRole('list', { name: 'Members' });
    expect(within(members).getByText('group:default/ml')).toBeInTheDocument();
    expect(within(members).getByText('user:default/bob')).toBeInTheDocument();

    // no field, no Save, Add, Remove or Delete anywhere
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryAllByRole('button')).toEqual([]);
    // and no suggestions are fetched for an editor that is not there
    expect(api.listPermissions).not.toHaveBeenCalled();
  });

  it('waits while the permission checks are loading, showing neither the editor nor the read-only view', async () => {
    const permissions = undecidedPermissions();
    const asked = jest.spyOn(permissions, 'authorize');
    await renderEditor(REVIEWER, {}, { permissions });
    expect(
      await screen.findByRole('heading', { name: 'Role ML reviewer' }),
    ).toBeInTheDocument();
    // the page asked, and no answer will come
    await waitFor(() => expect(asked).toHaveBeenCalled());
    expect(
      screen.getByRole('progressbar', { name: 'Loading the role' }),
    ).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryByText(/You may view this role/)).toBeNull();
  });

  it('adds an allow and a conditional grant and saves them', async () => {
    const { api } = await renderEditor(REVIEWER);
    expect(
      await screen.findByRole('heading', { name: 'Role ML reviewer' }),
    ).toBeInTheDocument();
    expect(within(grant(1)).getByLabelText('Permission')).toHaveValue(
      'workflows.execution.read',
    );
    expect(
      await screen.findByText(/Permissions of ai-metrics could not be read/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add grant' }));
    const permission2 = within(grant(2)).getByLabelText('Permission');
    expect(permission2).toHaveFocus();
    await userEvent.type(permission2, 'user-admin.*');
    expect(grant(2)).toHaveTextContent('Covers 0 registered permissions.');
    await userEvent.selectOptions(
      within(grant(2)).getByLabelText('Action'),
      'read',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Add grant' }));
    await userEvent.type(
      within(grant(3)).getByLabelText('Permission'),
      'workflows.execution.cancel',
    );
    await userEvent.selectOptions(
      within(grant(3)).getByLabelText('Effect'),
      'Conditional',
    );
    // filled in from what the permission says about itself
    expect(within(grant(3)).getByLabelText('Resource type')).toHaveValue(
      'workflow-execution',
    );
    expect(within(grant(3)).getByLabelText('Plugin ID')).toHaveValue(
      'workflows',
    );
    expect(grant(3)).toHaveTextContent('"$user" stands for');
    await userEvent.type(
      within(grant(3)).getByLabelText('Rule'),
      'IS_STARTED_BY',
    );
    fireEvent.change(
      within(grant(3)).getByLabelText('Rule parameters (JSON)'),
      {
        target: { value: '{"userRefs": ["$user"]}' },
      },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save role' }));
    await waitFor(() =>
      expect(api.updateRole).toHaveBeenCalledWith({
        name: 'ml-reviewer',
        patch: {
          title: 'ML reviewer',
          description: 'Approves model promotions.',
          grants: [
            { permission: 'workflows.execution.read', effect: 'allow' },
            { permission: 'user-admin.*', action: 'read', effect: 'allow' },
            {
              permission: 'workflows.execution.cancel',
              effect: 'conditional',
              condition: STARTED_BY_CALLER,
            },
          ],
        },
      }),
    );
    expect(
      await screen.findByText('Saved the role ML reviewer.'),
    ).toBeInTheDocument();
  });

  it('refuses to save a grant with broken JSON and says where', async () => {
    const { api } = await renderEditor(REVIEWER);
    await screen.findByRole('heading', { name: 'Role ML reviewer' });
    await userEvent.selectOptions(
      within(grant(1)).getByLabelText('Effect'),
      'Conditional',
    );
    await userEvent.type(
      within(grant(1)).getByLabelText('Rule'),
      'IS_OWNED_BY',
    );
    fireEvent.change(
      within(grant(1)).getByLabelText('Rule parameters (JSON)'),
      {
        target: { value: '{claims: $ownership}' },
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save role' }));
    expect(grant(1)).toHaveTextContent('Not valid JSON');
    expect(
      screen.getByText(
        'Nothing was saved: correct the fields marked in error.',
      ),
    ).toBeInTheDocument();
    expect(api.updateRole).not.toHaveBeenCalled();
  });

  it('removes a grant and moves the focus to Add grant', async () => {
    await renderEditor(REVIEWER);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove grant 1' }),
    );
    expect(screen.queryByRole('group', { name: 'Grant 1' })).toBeNull();
    expect(
      screen.getByText('No grants: the role allows nothing.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add grant' })).toHaveFocus();
  });

  it('edits members and saves them', async () => {
    const { api } = await renderEditor(REVIEWER);
    const field = await screen.findByLabelText('User or group ref');
    await userEvent.type(field, 'bob{Enter}');
    expect(
      screen.getByText(/Give a ref like user:default\/jane/),
    ).toBeInTheDocument();
    await userEvent.clear(field);
    await userEvent.type(field, 'user:default/bob{Enter}');
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove member group:default/ml' }),
    );
    const list = screen.getByRole('list', { name: 'Members' });
    expect(within(list).getByText('user:default/bob')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save members' }));
    await waitFor(() =>
      expect(api.setRoleMembers).toHaveBeenCalledWith({
        name: 'ml-reviewer',
        members: ['user:default/bob'],
      }),
    );
    expect(await screen.findByText('Saved 1 member.')).toBeInTheDocument();
  });

  it('does not offer to delete a built-in role, and says why', async () => {
    await renderEditor(ROLES[0]);
    const button = await screen.findByRole('button', { name: 'Delete role' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Built-in roles cannot be deleted.',
    );
  });

  it('deletes a custom role and goes back to the list', async () => {
    const { api, location } = await renderEditor(REVIEWER, {
      deleteRole: async () => undefined,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete role' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete role ML reviewer?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete role' }),
    );
    await waitFor(() => expect(location().pathname).toBe('/user-admin/roles'));
    expect(api.deleteRole).toHaveBeenCalledWith({ name: 'ml-reviewer' });
  });

  it('says when the role does not exist', async () => {
    await renderEditor(REVIEWER, {
      getRole: async () => {
        throw await responseError(404, 'no role named ml-reviewer');
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the role ml-reviewer');
    expect(alert).toHaveTextContent('It does not exist or no longer exists.');
  });

  it('keeps the editor when the permissions fail to load, and retries them alone', async () => {
    const { api } = await renderEditor(REVIEWER, {
      listPermissions: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'catalog is down'))
        .mockResolvedValueOnce({ items: PERMISSIONS, unreachable: [] }),
    });
    const grants = await screen.findByRole('region', {
      name: 'Details and grants',
    });
    const alert = await within(grants).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the registered permissions (suggestions are off)',
    );
    expect(alert).toHaveTextContent('catalog is down');
    // the grants and the members are there and can be edited
    expect(within(grant(1)).getByLabelText('Permission')).toHaveValue(
      'workflows.execution.read',
    );
    const members = screen.getByRole('region', { name: 'Members' });
    expect(
      within(members).getByRole('button', {
        name: 'Remove member group:default/ml',
      }),
    ).toBeEnabled();
    expect(screen.getAllByRole('alert')).toEqual([alert]);

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(grants).queryByRole('alert')).toBeNull());
    expect(grant(1)).toHaveTextContent(
      'Registered: action read, resource type workflow-execution.',
    );
    expect(api.listPermissions).toHaveBeenCalledTimes(2);
    expect(api.getRole).toHaveBeenCalledTimes(1);
  });
});
