import { FlatRoutes } from '@backstage/core-app-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router-dom';
import {
  detail,
  fakeApi,
  giveElementsASize,
  testApis,
} from './__testUtils__/fakes';
import { workflowsApiRef } from './api';
import { workflowsPlugin, WorkflowsPage } from './plugin';
import { aiMetricsRouteRef } from './routes';

const api = fakeApi({
  listExecutions: async () => ({ items: [] }),
  countExecutions: async () => ({ total: 0, byStatus: {} }),
  getExecution: async ({ workflowId }) =>
    detail({ workflowId, input: { model: 'local-sentiment', version: 'v2' } }),
  getHistory: async () => ({ events: [] }),
});

/** The page as an old app's App.tsx mounts it, with ai-metrics bound. */
function renderLegacyApp(url: string) {
  return renderInTestApp(
    <TestApiProvider apis={testApis({ api })}>
      <FlatRoutes>
        <Route path="/workflows" element={<WorkflowsPage />} />
      </FlatRoutes>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: { '/ai-metrics': aiMetricsRouteRef },
    },
  );
}

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

describe('WorkflowsPage in the old frontend system', () => {
  it('shows the list under a Backstage page header, its only h1', async () => {
    await renderLegacyApp('/workflows');
    expect(
      await screen.findByRole('heading', { name: 'Executions', level: 2 }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('heading', { level: 1 }).map(h => h.textContent),
    ).toEqual(['Workflows']);
    expect(screen.getByRole('main')).toContainElement(
      screen.getByRole('heading', { name: 'Executions' }),
    );
  });

  it('follows its links inside the app, to the start form and back', async () => {
    await renderLegacyApp('/workflows');
    await userEvent.click(
      await screen.findByRole('link', { name: 'Start workflow' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Start a workflow' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'All executions' }));
    expect(
      await screen.findByRole('heading', { name: 'Executions', level: 2 }),
    ).toBeInTheDocument();
  });

  it("shows one execution and links to its model's metrics through bindRoutes", async () => {
    await renderLegacyApp('/workflows/executions/team%2Fpromo-1');
    expect(
      await screen.findByRole('heading', { name: 'team/promo-1' }),
    ).toBeInTheDocument();
    expect(api.getExecution).toHaveBeenCalledWith({
      workflowId: 'team/promo-1',
    });
    const main = screen.getByRole('main');
    expect(
      await within(main).findByRole('link', {
        name: 'Metrics of local-sentiment v2',
      }),
    ).toHaveAttribute('href', '/ai-metrics?model=local-sentiment&version=v2');
  });

  it('brings its client API, built from discovery and fetch', () => {
    const [factory] = [...workflowsPlugin.getApis()];
    expect(factory.api).toBe(workflowsApiRef);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
  });
});
