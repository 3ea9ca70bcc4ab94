import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  testApis,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { RoleEditorPage } from './RoleEditorPage';

// In a file of its own: the permission hook caches answers per file.

const REVIEWER: Role = {
  name: 'ml-reviewer',
  title: 'ML reviewer',
  description: 'Approves model promotions.',
  builtIn: false,
  grants: [
    { permission: 'workflows.execution.read', effect: 'allow' },
    {
      permission: 'workflows.execution.cancel',
      action: 'update',
      effect: 'conditional',
      condition: {
        rule: 'IS_STARTED_BY',
        pluginId: 'workflows',
        resourceType: 'workflow-execution',
        params: { userRefs: ['$user'] },
      },
    },
  ],
  members: ['group:default/ml', 'user:default/bob'],
};

it('shows a viewer the role as text, with nothing to change or delete', async () => {
  const permissions = fakePermissions(viewerOnly);
  const api = fakeApi({ getRole: async () => REVIEWER });
  await renderInTestApp(<RoleEditorPage name="ml-reviewer" />, {
    apis: testApis(api, permissions),
    mountPath: '/user-admin/roles/:name',
    mountedRoutes: { '/user-admin': rootRouteRef },
    initialRouteEntries: ['/user-admin/roles/ml-reviewer'],
  });
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
