import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen } from '@testing-library/react';
import {
  detail,
  fakeApi,
  giveElementsASize,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/fakes';
import { WorkflowsPage } from './WorkflowsPage';

function renderAt(url: string) {
  const api = fakeApi({
    listExecutions: async () => ({ items: [] }),
    countExecutions: async () => ({ total: 0, byStatus: {} }),
    getExecution: async ({ workflowId }) => detail({ workflowId }),
    getHistory: async () => ({ events: [] }),
  });
  renderInTestApp(<WorkflowsPage />, {
    apis: testApis({ api }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: [url],
  });
  return api;
}

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

describe('WorkflowsPage', () => {
  it('shows the execution list at its root', async () => {
    renderAt('/workflows');
    expect(
      await screen.findByRole('heading', { name: 'Executions' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No workflow executions match'),
    ).toBeInTheDocument();
  });

  it('shows one execution under executions/:workflowId, decoding the id', async () => {
    const api = renderAt('/workflows/executions/team%2Fpromo-1');
    expect(
      await screen.findByRole('heading', { name: 'team/promo-1' }),
    ).toBeInTheDocument();
    expect(api.getExecution).toHaveBeenCalledWith({
      workflowId: 'team/promo-1',
    });
  });

  it('shows the start form under start', async () => {
    renderAt('/workflows/start');
    expect(
      await screen.findByRole('heading', { name: 'Start a workflow' }),
    ).toBeInTheDocument();
  });
});
