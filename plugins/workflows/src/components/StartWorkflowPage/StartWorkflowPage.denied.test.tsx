import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/fakes';
import { StartWorkflowPage } from './StartWorkflowPage';

// In a file of its own: the permission hook caches answers per file.

it('says the reader may not start workflows instead of showing the form', async () => {
  const api = fakeApi();
  await renderInTestApp(<StartWorkflowPage />, {
    apis: testApis({ api, permissions: fakePermissions(() => false) }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: ['/workflows/start?type=modelPromotion'],
  });
  expect(
    await screen.findByText(/You do not have permission to start workflows/),
  ).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
  expect(api.startExecution).not.toHaveBeenCalled();
});
