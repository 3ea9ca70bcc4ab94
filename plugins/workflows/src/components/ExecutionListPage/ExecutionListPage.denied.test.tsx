import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import {
  fakeApi,
  fakePermissions,
  giveElementsASize,
  mountedRoutes,
  summary,
  testApis,
} from '../../__testUtils__/fakes';
import { ExecutionListPage } from './ExecutionListPage';

// In a file of its own: the permission hook caches answers per file.

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

it('hides Start workflow and the batch actions from those not allowed', async () => {
  const asked: string[] = [];
  const api = fakeApi({
    listExecutions: async () => ({ items: [summary({ workflowId: 'w1' })] }),
    countExecutions: async () => ({ total: 1, byStatus: { Running: 1 } }),
  });
  await renderInTestApp(<ExecutionListPage />, {
    apis: testApis({
      api,
      permissions: fakePermissions(name => {
        asked.push(name);
        return false;
      }),
    }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: ['/workflows'],
  });
  expect(
    await screen.findByRole('rowheader', { name: 'w1' }),
  ).toBeInTheDocument();
  await screen.findByRole('button', { name: 'Running 1' });
  await waitFor(() =>
    expect(asked).toEqual(
      expect.arrayContaining([
        'workflows.execution.start',
        'workflows.execution.batch',
      ]),
    ),
  );
  // let the answers reach the components (a macrotask, not a delay)
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  expect(screen.queryByRole('link', { name: 'Start workflow' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Cancel matching…' })).toBeNull();
  expect(
    screen.queryByRole('button', { name: 'Terminate matching…' }),
  ).toBeNull();
});
