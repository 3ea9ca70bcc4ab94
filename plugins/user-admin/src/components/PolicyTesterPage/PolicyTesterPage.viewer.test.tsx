import { renderInTestApp } from '../../__testUtils__/renderInTestApp';
import { screen } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  permissionsAnswered,
  testApis,
  viewerOnly,
} from '../../__testUtils__/fakes';
import { PolicyTesterPage } from './PolicyTesterPage';

// In a file of its own: the permission hook caches answers per file.

it('tells a viewer they may not test the policy, and offers no form', async () => {
  const permissions = fakePermissions(viewerOnly);
  const api = fakeApi();
  await renderInTestApp(<PolicyTesterPage />, {
    apis: testApis(api, permissions),
  });
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
