import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { PolicyTestResult } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserAdminApi } from '../../api';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  responseError,
  testApis,
  undecidedPermissions,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { PolicyTesterPage } from './PolicyTesterPage';

const RESULTS: PolicyTestResult[] = [
  {
    permission: 'user-admin.user.delete',
    action: 'delete',
    result: 'DENY',
    why: ['no grant of operator covers user-admin.user.delete'],
  },
  {
    permission: 'workflows.execution.read',
    action: 'read',
    resourceType: 'workflow-execution',
    result: 'ALLOW',
    why: ['role operator allows workflows.execution.read'],
  },
  {
    permission: 'workflows.execution.terminate',
    action: 'delete',
    resourceType: 'workflow-execution',
    result: 'CONDITIONAL',
    why: [
      'role operator allows workflows.execution.terminate if IS_STARTED_BY',
    ],
    conditions: {
      rule: 'IS_STARTED_BY',
      resourceType: 'workflow-execution',
      params: { userRefs: ['user:default/<b>otto</b>'] },
    },
  },
];

async function renderPage(
  impl: Partial<UserAdminApi> = {},
  options: { permissions?: PermissionApi } = {},
) {
  const api = fakeApi({
    listPermissions: async () => ({ items: [], unreachable: [] }),
    testPolicy: async () => ({ results: RESULTS, unreachable: ['ai-metrics'] }),
    ...impl,
  });
  await renderInTestApp(<PolicyTesterPage />, {
    apis: testApis(api, options.permissions),
  });
  return api;
}

const row = (permission: string) =>
  screen.getByRole('rowheader', { name: permission }).closest('tr')!;

describe('PolicyTesterPage', () => {
  it("shows every permission's decision in words, why, and the conditions as text", async () => {
    const api = await renderPage();
    await userEvent.type(
      await screen.findByRole('textbox', { name: /User ref/ }),
      'user:default/otto',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Ownership refs/ }),
      'user:default/otto, group:default/ml-team',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run test' }));
    expect(api.testPolicy).toHaveBeenCalledWith({
      userRef: 'user:default/otto',
      ownershipRefs: ['user:default/otto', 'group:default/ml-team'],
    });

    expect(await screen.findByRole('status')).toHaveTextContent(
      '3 permissions: 1 allowed, 1 conditional, 1 denied.',
    );
    expect(
      screen.getByText(/Permissions of ai-metrics could not be read/),
    ).toBeInTheDocument();
    expect(row('user-admin.user.delete')).toHaveTextContent('DENY');
    expect(row('user-admin.user.delete')).toHaveTextContent(
      'no grant of operator covers user-admin.user.delete',
    );
    expect(row('workflows.execution.read')).toHaveTextContent('ALLOW');
    const conditional = row('workflows.execution.terminate');
    expect(conditional).toHaveTextContent('CONDITIONAL');
    expect(conditional).toHaveTextContent('if IS_STARTED_BY');
    expect(conditional).toHaveTextContent('"user:default/<b>otto</b>"');
    expect(conditional.querySelector('b')).toBeNull();
  });

  it('gives an admin the form', async () => {
    await renderPage();
    expect(
      await screen.findByRole('button', { name: 'Run test' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('form', { name: 'Policy test' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/You may not test the policy/)).toBeNull();
  });

  it('tells a viewer they may not test the policy, and offers no form', async () => {
    const permissions = fakePermissions(viewerOnly);
    const api = await renderPage({}, { permissions });
    expect(
      await screen.findByText(/You may not test the policy/),
    ).toHaveTextContent('user-admin.policy.test');
    await permissionsAnswered(permissions, ['user-admin.policy.test']);

    expect(screen.queryByRole('button', { name: 'Run test' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Policy test' })).toBeNull();
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    // nor is what the form would offer fetched
    expect(api.listRoles).not.toHaveBeenCalled();
    expect(api.listPermissions).not.toHaveBeenCalled();
  });

  it('says it is checking, with no form yet, while the permission check is loading', async () => {
    const permissions = undecidedPermissions();
    const asked = jest.spyOn(permissions, 'authorize');
    await renderPage({}, { permissions });
    expect(
      await screen.findByText('Checking what you may do…'),
    ).toBeInTheDocument();
    // the page asked, and no answer will come
    await waitFor(() => expect(asked).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Run test' })).toBeNull();
    expect(screen.queryByText(/You may not test the policy/)).toBeNull();
  });

  it('filters the decisions', async () => {
    await renderPage();
    await userEvent.type(
      await screen.findByRole('textbox', { name: /User ref/ }),
      'user:default/otto',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await screen.findByRole('rowheader', { name: 'workflows.execution.read' });
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Filter permissions' }),
      'deny',
    );
    expect(screen.getAllByRole('rowheader').map(r => r.textContent)).toEqual([
      'user-admin.user.delete',
    ]);
    await userEvent.clear(
      screen.getByRole('searchbox', { name: 'Filter permissions' }),
    );
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Filter permissions' }),
      'workflows delete',
    );
    expect(screen.getAllByRole('rowheader').map(r => r.textContent)).toEqual([
      'workflows.execution.terminate',
    ]);
  });

  it('checks the user ref before asking', async () => {
    const api = await renderPage();
    await userEvent.type(
      await screen.findByRole('textbox', { name: /User ref/ }),
      'otto',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run test' }));
    expect(
      screen.getByText('A user ref looks like user:default/jane.'),
    ).toBeInTheDocument();
    expect(api.testPolicy).not.toHaveBeenCalled();
  });

  it('tests a draft role started from an existing role', async () => {
    const api = await renderPage();
    await userEvent.click(
      await screen.findByRole('radio', { name: 'A draft role' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /User ref/ }),
      'user:default/otto',
    );
    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'Start from role' }),
      'Viewer',
    );
    expect(screen.getByRole('textbox', { name: 'Draft title' })).toHaveValue(
      'Draft of Viewer',
    );
    const first = screen.getByRole('group', { name: 'Grant 1' });
    expect(within(first).getByLabelText('Permission')).toHaveValue(
      'catalog.entity.read',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove grant 1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(api.testPolicy).toHaveBeenCalled());
    const request = api.testPolicy.mock.calls[0][0];
    expect(request.userRef).toBe('user:default/otto');
    expect(request.draftRole).toMatchObject({
      name: 'draft',
      title: 'Draft of Viewer',
    });
    expect(request.draftRole!.grants).toEqual([
      { permission: 'workflows.execution.read', effect: 'allow' },
      {
        permission: 'ai-metrics.model.read',
        effect: 'conditional',
        condition: {
          rule: 'IS_OWNED_BY',
          pluginId: 'ai-metrics',
          resourceType: 'ai-model',
          params: { claims: ['$ownership'] },
        },
      },
    ]);
  });

  it('says "You may not" for a 403', async () => {
    await renderPage({
      testPolicy: async () => {
        throw await responseError(403, 'user-admin.policy.test is denied');
      },
    });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /User ref/ }),
      'user:default/otto',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run test' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not test the policy',
    );
  });
});
